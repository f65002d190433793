from searchapp.ingest.ids import document_id, normalise_url
from searchapp.ingest.stages import load_article
from tests.conftest import PAGES


def test_id_comes_from_canonical_url_and_is_stable():
    a = load_article(PAGES / "site-a" / "ceasefire.html")
    assert a.id == document_id("https://testcourier.example/2018/09/17/idlib-ceasefire-plan", "other text")
    assert a.id == load_article(PAGES / "site-a" / "ceasefire.html").id


def test_id_without_url_comes_from_the_text():
    assert document_id("", "Some  body\ntext") == document_id("", "some body text")
    assert document_id("", "one text") != document_id("", "another text")


def test_normalise_url_drops_tracking_fragment_and_trailing_slash():
    assert normalise_url("http://WWW.Example.com/a/b/?utm_source=x&id=3#top") == "https://example.com/a/b?id=3"
