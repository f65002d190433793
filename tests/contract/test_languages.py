"""Per-language analysis on every engine: an archive of English, French, Arabic, Spanish, German
and Polish articles (tests/multilingual.py) answers each query as each article's language reads
it, and answers English queries about its English articles as an English-only archive does."""
from __future__ import annotations

import pytest

from searchapp.models import SearchRequest
from searchapp.rebuild.run import index_articles
from searchapp.search.analysis import MARK
from searchapp.service import SearchService
from tests.contract.conftest import BACKENDS, address_of
from tests.multilingual import ENGLISH, MIXED

ENGLISH_IDS = {article.id for article in ENGLISH}
ENGLISH_QUERIES = ("negotiations", "regime", "ceasefire talks", "elections", "floods homes", '"Syrian regime"',
                   "negot*", "talks -floods", "title:floods", "regime OR homes", "flods~")


@pytest.fixture(scope="module", params=BACKENDS)
def archives(request, tmp_path_factory):
    """(the mixed archive's service, the ranked ids of English queries on the English articles alone)."""
    url = address_of(request, request.param)
    alone = tmp_path_factory.mktemp(f"{request.param}-english")
    index_articles(ENGLISH, alone, backend=url)
    english = SearchService(alone, backend=url)
    before = {text: english.ranked_ids(SearchRequest(q=text), 50) for text in ENGLISH_QUERIES}
    mixed = tmp_path_factory.mktemp(f"{request.param}-mixed")
    index_articles(MIXED, mixed, backend=url)  # a cluster holds one archive: the English one is replaced
    return SearchService(mixed, backend=url), before


@pytest.fixture
def service(archives) -> SearchService:
    return archives[0]


def found(service: SearchService, text: str) -> set[str]:
    return {hit.id for hit in service.search(SearchRequest(q=text, per_page=50)).hits}


def test_the_archive_knows_its_languages(service):
    assert service.analyses() == ("en", "ar", "fr", "de", "es", "plain")


@pytest.mark.parametrize("text, expected", [
    ("syrienne", {"fr-talks", "fr-floods"}),  # « le régime syrien », « familles syriennes »
    ("syrien", {"fr-talks", "fr-floods"}),
    ("négociations", {"fr-talks"}),  # « la négociation d'un cessez-le-feu »
    ("negociation", {"fr-talks"}),
    ("inondation", {"fr-floods"}),
    ("مفاوضات", {"ar-talks", "ar-floods"}),  # المفاوضات, and مُفاوَضةٌ with its vowels written
    ("المفاوضات", {"ar-talks", "ar-floods"}),
    ("مفاوضة", {"ar-talks", "ar-floods"}),
    ("ادلب", {"ar-talks"}),  # إدلب
    ("negociación", {"es-talks"}),
    ("Verhandlung", {"de-talks"}),
])
def test_a_word_finds_its_plural_and_inflected_forms_in_its_language(service, text, expected):
    assert found(service, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("la dernière chance", {"fr-talks"}),
    ("le régime syrien", {"fr-talks"}),
    ("les inondations", {"fr-floods"}),
    ("des familles", {"fr-floods"}),
])
def test_stop_words_do_not_make_a_query_fail_in_their_language(service, text, expected):
    assert found(service, text) == expected


@pytest.mark.parametrize("text", ENGLISH_QUERIES)
def test_english_queries_find_what_they_find_in_an_english_only_archive(archives, text):
    """The same English articles; their order may move with the archive's statistics (the number
    of articles and their average length enter BM25), as it does when English articles are added."""
    service, before = archives
    assert {i for i in service.ranked_ids(SearchRequest(q=text), 50) if i in ENGLISH_IDS} == set(before[text])
    assert before[text]  # each query finds English articles


def test_an_article_in_a_language_without_a_stemmer_is_found_by_its_words(service):
    assert found(service, "rozmowy") == found(service, "Rozmowy pokojowe") == {"pl-talks"}
    assert found(service, "rozmowa") == set()  # unstemmed: only the words written
    assert found(service, "elections") == {"en-election"}  # a language unknown is read as English


@pytest.mark.parametrize("text, expected", [
    ('"le régime syrien"', {"fr-talks"}),
    ('"syrien régime"', set()),
    ("négo*", {"fr-talks", "es-talks", "en-talks", "en-floods"}),
    ("مفاو*", {"ar-talks", "ar-floods"}),
    ("inondation~", {"fr-floods"}),
    ("title:négociations", {"fr-talks"}),
    ("title:syrienne", set()),
    ("body:syrienne", {"fr-talks", "fr-floods"}),
    ("syrienne -genève", {"fr-floods"}),
    ("source:quotidien -inondations", {"fr-talks"}),  # the English reading would miss the French word
    ("regime date:2018-09", {"fr-talks", "es-talks", "de-talks", "en-talks"}),
    # English prefixes and ranges reach English words only, whatever other languages' words are
    ("ar*", {"en-election"}), ("fr*", set()), ("pla*", set()), ("title:[a TO c]", set()), ("title:[TO c]", set()),
])
def test_phrases_prefixes_fuzzy_words_fields_and_exclusions_are_read_in_each_language(service, text, expected):
    assert found(service, text) == expected


def test_facets_and_timeline_count_matches_in_every_language(service):
    page = service.search(SearchRequest(q="syrienne OR مفاوضات"))
    sources = {v.value: v.count for facet in page.facets if facet.name == "source" for v in facet.values}
    assert sources == {"Le Quotidien": 2, "الخبر": 2}
    assert {m.month: m.count for m in page.timeline if m.count} == {"2018-09": 2, "2018-10": 2}


def test_snippets_and_articles_mark_words_in_the_articles_language(service):
    hits = {h.id: h.snippet for h in service.search(SearchRequest(q="négociations OR مفاوضات")).hits}
    assert "La <mark>négociation</mark> d'un" in hits["fr-talks"]
    assert "<mark>مُفاوَضةٌ</mark>" in hits["ar-floods"]
    view = service.article("fr-floods", "syrienne")
    assert "familles <mark>syriennes</mark>" in " ".join(view.paragraphs)


def test_suggestions_and_did_you_mean_offer_words_as_written(service):
    offered = [s.text for s in service.suggestions("négo")] + service.suggest("négo")
    assert "negociations" in offered and not any(MARK in word or "_" in word for word in offered)
    assert [s.text for s in service.suggestions("مفا")] == ["مفاوضة"]  # its vowels left out, not its letters
    assert service.search(SearchRequest(q="négociatoins")).suggestion == "negociations"


def test_similar_articles_share_words_of_their_language(service):
    assert {hit.id[:2] for hit in service.more_like_this("fr-talks")} <= {"fr"}

