from pathlib import Path

from searchapp.ingest.pipeline import Extraction, read_articles
from searchapp.ingest.stages import STAGES
from searchapp.models import RebuildReport, Skipped
from tests.conftest import PAGES


def test_rebuild_reads_every_page_and_reports_skips_and_duplicates():
    report = RebuildReport()
    articles = list(read_articles([PAGES], report))
    assert [Path(a.path).name for a in articles] == ["2018-11-02-brexit-talks.txt", "cafe-cp1252.html",
                                                     "ceasefire-saved-again.html"]
    assert report.seen == 6
    assert [Path(d.path).name for d in report.duplicates] == ["ceasefire.html"]
    assert sorted((Path(s.path).name, s.reason) for s in report.skipped) == [
        ("broken.html", "binary data, not a saved page"), ("empty.html", "empty file")]


def explode(draft):
    raise ValueError("parser bug")


def test_an_unexpected_failure_skips_the_page_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    report = RebuildReport()
    assert list(read_articles([tmp_path], report, Extraction(stages=(explode, *STAGES)))) == []
    assert report.skipped == [Skipped(str(tmp_path / "a.txt"), "unexpected error: ValueError: parser bug"),
                              Skipped(str(tmp_path / "b.txt"), "unexpected error: ValueError: parser bug")]
