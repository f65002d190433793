"""The sample archive's French and Arabic pages (seeds/echo-oronte, seeds/al-raed): each article
gets its language whatever its page declares, the Language facet tells them apart, and exact
word forms find them (stemming in those languages is not assumed here)."""
from pathlib import Path

import pytest

from searchapp.ingest.stages import load_article
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FRENCH = SEEDS / "echo-oronte"
ARABIC = SEEDS / "al-raed"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    index = tmp_path_factory.mktemp("seeds-languages")
    rebuild_index(RebuildOptions([SEEDS], index))
    return SearchService(index)


def titles(page) -> set[str]:
    return {hit.title for hit in page.hits}


@pytest.mark.parametrize("page, declares, language", [
    ("2018-09-17-idleb-moscou-ankara-zone-demilitarisee-sotchi.html", 'lang="fr"', "fr"),
    ("2018-09-07-sommet-teheran-sans-treve-idleb.html", "og:locale fr_FR only", "fr"),
    ("2018-10-28-jair-bolsonaro-elu-president-bresil.html", "nothing", "fr"),
    ("2018-09-14-ouragan-florence-touche-terre-caroline-du-nord.html", 'lang="en" (the template\'s)', "fr"),
])
def test_every_french_page_is_french_whatever_it_declares(page, declares, language):
    assert load_article(FRENCH / page).language == language, declares


@pytest.mark.parametrize("page", sorted(p.name for p in ARABIC.glob("*.html")))
def test_every_arabic_page_is_arabic(page):
    assert load_article(ARABIC / page).language == "ar"


def test_the_language_facet_counts_every_story_by_name(service):
    facets = {f.name: {v.value: v.count for v in f.values} for f in service.search(SearchRequest()).facets}
    assert facets["language"] == {"English": 48, "French": 4, "Arabic": 3}


def test_choosing_french_finds_the_french_pages_and_only_them(service):
    page = service.search(SearchRequest(filters=(("language", "French"),), per_page=20))
    assert page.total == 4
    assert {hit.source for hit in page.hits} == {"L'Écho de l'Oronte"}
    assert {hit.language for hit in page.hits} == {"fr"}
    assert "Jair Bolsonaro élu président du Brésil" in titles(page)  # declares no language


def test_choosing_arabic_finds_the_arabic_pages(service):
    page = service.search(SearchRequest(filters=(("language", "Arabic"),), per_page=20))
    assert page.total == 3
    assert titles(page) == {"روسيا وتركيا تتفقان على منطقة منزوعة السلاح حول إدلب في سوتشي",
                            "قمة طهران تنتهي من دون هدنة في إدلب",
                            "دي ميستورا يعلن أنه سيترك منصبه مبعوثا أمميا إلى سوريا"}


def test_excluding_english_leaves_the_other_languages(service):
    page = service.search(SearchRequest(exclude=(("language", "English"),), per_page=20))
    assert page.total == 7 and {hit.language for hit in page.hits} == {"fr", "ar"}


@pytest.mark.parametrize("q, total", [("language:fr", 4), ("language:ar", 3), ("language:en", 48),
                                      ("Idleb language:fr", 2)])
def test_the_language_field_of_the_query_syntax_reads_codes(service, q, total):
    assert service.search(SearchRequest(q=q)).total == total


@pytest.mark.parametrize("q, language, title", [
    ("Sotchi", "French", "Idleb : Moscou et Ankara s'accordent sur une zone démilitarisée à Sotchi"),
    ("Bolsonaro", "French", "Jair Bolsonaro élu président du Brésil"),
    ("سوتشي", "Arabic", "روسيا وتركيا تتفقان على منطقة منزوعة السلاح حول إدلب في سوتشي"),
    ("ميستورا", "Arabic", "دي ميستورا يعلن أنه سيترك منصبه مبعوثا أمميا إلى سوريا"),
])
def test_a_word_as_written_finds_its_article_in_its_language(service, q, language, title):
    page = service.search(SearchRequest(q=q, filters=(("language", language),)))
    assert page.hits and page.hits[0].title == title


def test_a_word_in_arabic_finds_only_arabic_articles(service):
    page = service.search(SearchRequest(q="إدلب", per_page=20))
    assert page.total == 3 and {hit.language for hit in page.hits} == {"ar"}


def test_the_same_story_in_three_languages(service):
    english = service.search(SearchRequest(q="Sochi demilitarised", filters=(("language", "English"),)))
    assert english.total >= 1 and {hit.language for hit in english.hits} == {"en"}
    assert service.search(SearchRequest(q="Sotchi démilitarisée")).total == 1
    assert service.search(SearchRequest(q="سوتشي منزوعة")).total == 1


def facet_of(page, name: str) -> dict[str, int]:
    return {v.value: v.count for f in page.facets if f.name == name for v in f.values}


def test_the_people_facet_of_the_french_and_arabic_pages_holds_only_people(service):
    page = service.search(SearchRequest(exclude=(("language", "English"),), per_page=20))
    people = set(facet_of(page, "person"))
    assert {"Recep Tayyip Erdogan", "Vladimir Poutine", "Jair Bolsonaro", "Roy Cooper"} <= people
    # What the English model made of French text: articles, prepositions, "Selon M.", places.
    assert not {"La Turquie", "de Caroline", "de Sotchi", "Selon M. Erdogan", "Idleb", "M. Bolsonaro"} & people
    assert all(name.split()[0][0].isupper() for name in people)


def test_choosing_idlib_finds_the_story_in_every_language(service):
    page = service.search(SearchRequest(filters=(("place", "Idlib"),), per_page=100))
    by_language = {}
    for hit in page.hits:
        by_language.setdefault(hit.language, set()).add(hit.title)
    assert len(by_language["fr"]) == 2 and all("Idleb" in title for title in by_language["fr"])
    assert len(by_language["ar"]) == 3 and by_language["en"]


def test_foreign_place_names_are_the_english_facet_values(service):
    places = facet_of(service.search(SearchRequest(exclude=(("language", "English"),), per_page=20)), "place")
    assert {"Idlib", "Syria", "Turkey", "Damascus", "Brazil"} <= set(places)
    assert not {"Idleb", "Syrie", "Turquie", "Damas", "إدلب", "سوريا", "Caroline du Nord"} & set(places)
