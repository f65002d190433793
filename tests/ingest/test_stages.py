import pytest

from searchapp.errors import PageError
from searchapp.ingest.load import load_page
from searchapp.ingest.stages import STAGES, build_article, load_article
from tests.conftest import PAGES


def test_text_dump_article(shared_seed):
    article = load_article(shared_seed)
    assert (article.title, article.source, article.url, article.date) == (
        "Turkey says Erdogan will meet Putin on Monday for Syria talks", "i24NEWS", "", None)


def test_dated_file_name_and_dateline_give_the_date():
    article = load_article(PAGES / "dumps" / "2018-11-02-brexit-talks.txt")
    assert article.date.date().isoformat() == "2018-11-02"
    assert "Ilse Vandermeer" not in article.people
    assert {"Theresa May", "Michel Barnier"} <= set(article.people)


def test_the_stages_are_parse_meta_clean_language_date_entities():
    assert [stage.__name__ for stage in STAGES] == ["parse", "meta", "clean", "language", "date", "entities"]


def test_a_stage_that_raises_stops_the_page_with_its_reason():
    def refuse(draft):
        raise PageError("not for this index", source="Test Courier")

    with pytest.raises(PageError, match="not for this index"):
        build_article(load_page(PAGES / "site-a" / "ceasefire.html"), (*STAGES, refuse))


def test_without_the_entities_stage_an_article_names_nobody():
    page = load_page(PAGES / "dumps" / "2018-11-02-brexit-talks.txt")
    whole, partial = build_article(page), build_article(page, STAGES[:-1])
    assert whole.people and (partial.people, partial.places, partial.countries) == ((), (), ())
    assert (partial.id, partial.title, partial.body, partial.date) == (whole.id, whole.title, whole.body, whole.date)
