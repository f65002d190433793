"""A rebuild over hostile pages finishes, reports each with a reason and indexes the good ones."""
import os
from pathlib import Path

import pytest

from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.hostile import EXPECTED, GOOD_PAGES, write_corpus


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    write_corpus(base / "archive", base / "outside")
    # Ten minutes a page: every page here is refused for what it is, never for how long it takes
    # (the 5 MB attribute takes htmldate seconds on a busy machine).
    options = RebuildOptions([base / "archive"], base / "index", workers=1, page_seconds=600)  # as the CLI: in a worker
    return rebuild_index(options), base / "index"


@pytest.mark.parametrize("name, reason", EXPECTED.items())
def test_each_bad_page_is_reported_with_its_reason(outcome, name, reason):
    report, _ = outcome
    reasons = [s.reason for s in report.skipped if Path(s.path.partition("#")[0]).name == name]
    assert len(reasons) == 1 and reason in reasons[0], reasons


def test_good_pages_beside_them_are_indexed(outcome):
    report, index = outcome
    titles = {h.title for h in SearchService(index).search(SearchRequest(per_page=100)).hits}
    assert titles == {"Harbour bridge closes", "Ferry timetable changes", "Nul bytes inside", "Mixed encodings",
                      "Huge attribute", "Déclaré faux", "Crawled harbour story"}
    assert report.indexed == len(GOOD_PAGES)


def test_no_link_leads_out_of_the_archive_or_in_circles(outcome):
    report, index = outcome
    seen = [s.path for s in report.skipped] + [d.path for d in report.duplicates]
    assert not any("link-out" in p or "folder-out" in p or "loop" in p or "circle" in p for p in seen)
    assert SearchService(index).search(SearchRequest(q="Outside")).total == 0
    assert report.seen == len(EXPECTED) + len(GOOD_PAGES)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    page = tmp_path / "locked.html"
    page.write_text("<p>secret</p>")
    page.chmod(0)
    from searchapp.errors import PageError
    from searchapp.ingest.load import load_page
    with pytest.raises(PageError, match="cannot read"):
        load_page(page)
