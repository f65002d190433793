"""Incremental rebuilds: only new or changed pages are processed; removed pages leave the index."""
import shutil

import pytest

from searchapp.backends.folders import current_index
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import PAGES, story, write_dump


@pytest.fixture
def archive(tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(PAGES, pages)
    return pages


@pytest.fixture
def extractions(monkeypatch):
    """Count the pages that go through extraction."""
    import searchapp.ingest.pipeline as pipeline

    seen = []
    build = pipeline.build_article

    def counting(page, *stages):
        seen.append(page.where)
        return build(page, *stages)

    monkeypatch.setattr(pipeline, "build_article", counting)
    return seen


def total(index, q=""):
    return SearchService(index).search(SearchRequest(q=q)).total


def test_nothing_changed_makes_no_new_build(archive, tmp_path, extractions):
    index = tmp_path / "index"
    first = rebuild_index(RebuildOptions([archive], index))
    extractions.clear()
    again = rebuild_index(RebuildOptions([archive], index, incremental=True))
    assert again.unchanged and extractions == []
    assert current_index(index) == current_index(index) and str(current_index(index)) == first.index_dir
    assert (again.seen, again.indexed, len(again.duplicates), len(again.skipped)) == (6, 3, 1, 2)


def test_only_new_and_changed_pages_are_processed(archive, tmp_path, extractions):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([archive], index))
    before = current_index(index)
    extractions.clear()
    new = write_dump(archive / "dumps", "2018-11-05-ferry.txt", "Ferry service resumes",
                     story("The island ferry resumed service on Monday after repairs."))
    dump = archive / "dumps" / "2018-11-02-brexit-talks.txt"
    dump.write_text(dump.read_text().replace("Barnier", "Michel Barnier's team"))
    report = rebuild_index(RebuildOptions([archive], index, incremental=True))
    assert sorted(extractions) == sorted([str(new), str(dump)])
    assert (report.updated, report.removed, report.indexed) == (2, 0, 4)
    assert total(index, "ferry") == 1 and total(index, "team") == 1 and total(index) == 4
    assert total(index, "Bolsonaro") == 1  # unchanged articles stay
    assert SearchService(index).search(SearchRequest(q="team")).hits[0].title.endswith("talks in Brussels")
    # The previous build, hard-linked into the new one, is unchanged.
    from whoosh.index import open_dir
    with open_dir(str(before)).searcher() as searcher:
        assert searcher.doc_count() == 3


def test_removed_pages_leave_the_index(archive, tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([archive], index))
    (archive / "site-a" / "cafe-cp1252.html").unlink()
    report = rebuild_index(RebuildOptions([archive], index, incremental=True))
    assert (report.removed, report.indexed) == (1, 2)
    assert total(index, "Bolsonaro") == 0 and total(index) == 2


def test_a_duplicate_takes_over_when_its_original_goes(archive, tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([archive], index))
    (archive / "site-a" / "ceasefire-saved-again.html").unlink()
    report = rebuild_index(RebuildOptions([archive], index, incremental=True))
    assert total(index, "ceasefire") == 1 and report.duplicates == []


def test_a_full_rebuild_reuses_cached_extractions(archive, tmp_path, extractions):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([archive], index))
    assert len(extractions) == 4  # three articles and the near-empty page
    extractions.clear()
    report = rebuild_index(RebuildOptions([archive], index))
    assert extractions == [] and report.indexed == 3


def test_workers_give_the_same_index(archive, tmp_path):
    one = rebuild_index(RebuildOptions([archive], tmp_path / "one"))
    two = rebuild_index(RebuildOptions([archive], tmp_path / "two", workers=2))
    assert (one.seen, one.indexed, [d.path for d in one.duplicates], one.skipped) == \
        (two.seen, two.indexed, [d.path for d in two.duplicates], two.skipped)
    ids = lambda i: sorted(h.id for h in SearchService(i).search(SearchRequest(per_page=100)).hits)  # noqa: E731
    assert ids(tmp_path / "one") == ids(tmp_path / "two")
