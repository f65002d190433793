from pathlib import Path

from searchapp.ingest.pipeline import document_id, load_article, normalise_url, read_articles
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


def test_an_unexpected_failure_skips_the_page_and_goes_on(monkeypatch, tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("x")

    def explode(path):
        raise ValueError("parser bug")

    monkeypatch.setattr("searchapp.ingest.pipeline.build_article", explode)
    report = RebuildReport()
    assert list(read_articles([tmp_path], report)) == []
    assert report.skipped == [Skipped(str(tmp_path / "a.txt"), "unexpected error: ValueError: parser bug"),
                              Skipped(str(tmp_path / "b.txt"), "unexpected error: ValueError: parser bug")]


def test_id_comes_from_canonical_url_and_is_stable():
    a = load_article(PAGES / "site-a" / "ceasefire.html")
    assert a.id == document_id("https://testcourier.example/2018/09/17/idlib-ceasefire-plan", "other text")
    assert a.id == load_article(PAGES / "site-a" / "ceasefire.html").id


def test_id_without_url_comes_from_the_text():
    assert document_id("", "Some  body\ntext") == document_id("", "some body text")
    assert document_id("", "one text") != document_id("", "another text")


def test_normalise_url_drops_tracking_fragment_and_trailing_slash():
    assert normalise_url("http://WWW.Example.com/a/b/?utm_source=x&id=3#top") == "https://example.com/a/b?id=3"


def test_text_dump_article(shared_seed):
    article = load_article(shared_seed)
    assert (article.title, article.source, article.url, article.date) == (
        "Turkey says Erdogan will meet Putin on Monday for Syria talks", "i24NEWS", "", None)


def test_dated_file_name_and_dateline_give_the_date():
    article = load_article(PAGES / "dumps" / "2018-11-02-brexit-talks.txt")
    assert article.date.date().isoformat() == "2018-11-02"
    assert "Ilse Vandermeer" not in article.people
    assert {"Theresa May", "Michel Barnier"} <= set(article.people)
