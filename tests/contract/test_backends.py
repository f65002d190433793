"""One contract for both backends: the same archive, rebuilt from pages on disk into the embedded
index and into the 3-node cluster, must give the same answers, checked against counts made here
from the articles themselves (a story counts once, under every value any of its matching
copies has)."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from searchapp.errors import ArticleNotFound, QueryError
from searchapp.ingest.pipeline import read_articles
from searchapp.models import RebuildReport, SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.search.analysis import words
from searchapp.search.facets import FACETS
from searchapp.service import SearchService
from searchapp.text import fold
from tests.contract.conftest import BACKENDS, address_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WORD_QUERIES = ("idlib ceasefire", "putin", "brexit deal", "flood", "turkey russia talks")


@pytest.fixture(scope="module", params=BACKENDS)
def service(request, tmp_path_factory) -> SearchService:
    url = address_of(request, request.param)
    folder = tmp_path_factory.mktemp(request.param)
    rebuild_index(RebuildOptions([SEEDS], folder, backend=url))
    return SearchService(folder, backend=url)


@pytest.fixture(scope="module")
def articles():
    return list(read_articles([SEEDS], RebuildReport()))


def values(article, param: str) -> tuple[str, ...]:
    spec = FACETS[param]
    return spec.values(article) or ((spec.missing,) if spec.missing else ())


def expected(articles, matches) -> tuple[int, dict]:
    """Stories matching, and per facet {value: stories}, counted from the articles."""
    stories, counts = set(), {param: defaultdict(set) for param in FACETS}
    for article in filter(matches, articles):
        story = article.cluster or article.id
        stories.add(story)
        for param in FACETS:
            for value in values(article, param):
                counts[param][fold(value)].add(story)
    return len(stories), {p: {v: len(s) for v, s in c.items()} for p, c in counts.items()}


def words_in(article) -> set[str]:
    return set(words("text", "\n".join([article.title, article.body, *article.captions]), article.language))


def all_words(q: str):
    """Whether an article holds every word of q as its language reads them (search/readings.py)."""
    return lambda article: set(words("text", q, article.language)) <= words_in(article)


def facet_counts(service, request: SearchRequest) -> dict:
    return {param: {fold(v.value): v.count for v in service.facet(request, param).values if v.count}
            for param in FACETS}


def test_every_article_is_indexed_and_can_be_fetched(service, articles):
    assert service.count() == len(articles) == 56
    for article in articles:
        view = service.article(article.id)
        assert (view.article.title, view.article.body, view.article.people, view.article.places,
                view.article.date, view.article.source) == (article.title, article.body, article.people,
                                                            article.places, article.date, article.source)


def test_an_unknown_id_is_not_found(service):
    with pytest.raises(ArticleNotFound):
        service.article("no-such-article")


@pytest.mark.parametrize("q", WORD_QUERIES)
def test_words_find_the_expected_stories_with_exact_facet_counts(service, articles, q):
    total, counts = expected(articles, all_words(q))
    page = service.search(SearchRequest(q=q))
    assert page.total == total > 0
    assert facet_counts(service, SearchRequest(q=q)) == counts
    for facet in page.facets:  # the sidebar shows the top of the same counts
        assert all(counts[facet.name][fold(v.value)] == v.count for v in facet.values)
    assert all(all_words(q)(a) for a in articles if a.id in {h.id for h in page.hits})


def test_the_whole_archive_counts_every_story(service, articles):
    total, counts = expected(articles, lambda a: True)
    assert service.search(SearchRequest()).total == total
    assert facet_counts(service, SearchRequest()) == counts


def test_a_headline_word_ranks_its_story_first(service):
    assert "Brexit" in service.search(SearchRequest(q="brexit deal")).hits[0].title


def test_phrases_keep_their_word_order(service, articles):
    def phrase(a):
        tokens = words("text", "\n".join([a.title, a.body, *a.captions]), a.language)
        return any(tokens[i:i + 2] == words("text", "idlib ceasefire", a.language) for i in range(len(tokens)))

    assert service.search(SearchRequest(q='"idlib ceasefire"')).total == expected(articles, phrase)[0] >= 1
    assert service.search(SearchRequest(q='"ceasefire idlib"')).total < service.search(
        SearchRequest(q="idlib ceasefire")).total


def test_prefixes_and_exclusions(service, articles):
    assert service.search(SearchRequest(q="ceasef*")).total == expected(
        articles, lambda a: any(w.startswith("ceasef") for w in words_in(a)))[0]
    assert service.search(SearchRequest(q="putin -erdogan")).total == expected(
        articles, lambda a: "putin" in words_in(a) and "erdogan" not in words_in(a))[0]


def test_facet_filters_narrow_and_count_as_or_within_a_facet(service, articles):
    request = SearchRequest(q="putin", filters=(("person", "Recep Tayyip Erdogan"),))
    page = service.search(request)
    erdogan = fold("Recep Tayyip Erdogan")  # one article spells it Erdoğan: a choice matches both
    total, _ = expected(articles, lambda a: "putin" in words_in(a) and erdogan in map(fold, a.people))
    assert page.total == total > 0
    assert all(erdogan in map(fold, h.people) for h in page.hits)
    # Within the chosen facet, values count as if it were not chosen (choosing one more adds).
    _, unfiltered = expected(articles, all_words("putin"))
    assert facet_counts(service, request)["person"] == unfiltered["person"]


def test_excluded_values_and_date_ranges(service, articles):
    request = SearchRequest(exclude=(("place", "Idlib"),), date_from=date(2018, 9, 1), date_to=date(2018, 9, 30))
    total, counts = expected(articles, lambda a: "Idlib" not in a.places and a.date is not None
                             and date(2018, 9, 1) <= a.date.date() <= date(2018, 9, 30))
    assert service.search(request).total == total > 0
    assert facet_counts(service, request)["source"] == counts["source"]
    assert service.search(SearchRequest(q="date:2018-09")).total == total + expected(
        articles, lambda a: "Idlib" in a.places and a.date and (a.date.year, a.date.month) == (2018, 9))[0]


def test_the_timeline_counts_stories_per_month(service, articles):
    page = service.search(SearchRequest(q="putin"))
    months = defaultdict(set)
    for article in filter(all_words("putin"), articles):
        if article.date:
            months[article.date.strftime("%Y-%m")].add(article.cluster or article.id)
    assert {m.month: m.count for m in page.timeline if m.count} == {m: len(s) for m, s in months.items()}


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sorting_by_date_puts_undated_last(service, sort):
    total, hits = service.listing(SearchRequest(sort=sort), count=100)
    dates = [h.date for h in hits if h.date]
    assert dates == sorted(dates, reverse=sort == "newest")
    assert all(h.date is None for h in hits[len(dates):])
    assert len(hits) == total


def test_pages_follow_each_other_without_gaps_or_repeats(service):
    request = SearchRequest(q="syria OR turkey OR russia", per_page=5)
    everything = [h.id for h in service.listing(request, count=100)[1]]
    paged = [h.id for page in (1, 2, 3) for h in service.search(SearchRequest(
        q=request.q, per_page=5, page=page)).hits]
    assert paged == everything[:15] and len(set(paged)) == 15


def test_each_story_is_one_result_with_its_copies_listed(service, articles):
    copies = [a for a in articles if a.cluster and a.cluster != a.id]
    assert copies, "the sample archive has a republished story"
    for copy in copies:
        hits = service.search(SearchRequest(q=f'"{copy.title}"')).hits
        shown = [h for h in hits if h.id in (copy.id, copy.cluster)]
        assert len(shown) == 1 and {i for i, _ in shown[0].also} == ({copy.id, copy.cluster} - {shown[0].id})


def test_snippets_and_articles_mark_the_query_words(service):
    hit = service.search(SearchRequest(q="ceasefire")).hits[0]
    assert "<mark>" in hit.snippet
    assert any("<mark>" in p for p in service.article(hit.id, q="ceasefire").paragraphs)


def test_a_malformed_query_is_explained_not_failed(service):
    page = service.search(SearchRequest(q='"idlib ceasefire'))
    assert page.notice and page.total > 0
    with pytest.raises(QueryError):
        service.search(SearchRequest(q="*ceasefire"))


def test_sources_and_report(service, articles):
    assert service.sources() == sorted({a.source for a in articles}, key=str.casefold)
    rows, rebuild = service.report()
    assert sum(r.indexed for r in rows) == len(articles) and rebuild["indexed"] == len(articles)


def test_organisations_select_several_and_exclude(service, articles):
    def names(a):
        return set(map(fold, a.organisations))

    un, council = fold("United Nations"), fold("Security Council")
    either = SearchRequest(filters=(("organisation", "United Nations"), ("organisation", "Security Council")))
    total, counts = expected(articles, lambda a: bool({un, council} & names(a)))
    assert service.search(either).total == total > expected(articles, lambda a: un in names(a))[0] > 0
    assert facet_counts(service, either)["person"] == counts["person"]
    left_out = SearchRequest(q="idlib", exclude=(("organisation", "UN"),))
    total, counts = expected(articles, lambda a: "idlib" in words_in(a) and "un" not in names(a))
    assert service.search(left_out).total == total > 0
    assert total < expected(articles, all_words("idlib"))[0]
    assert facet_counts(service, left_out)["person"] == counts["person"]


def test_languages_are_a_facet_by_name_and_a_field_by_code(service, articles):
    french = SearchRequest(filters=(("language", "French"),))
    total, counts = expected(articles, lambda a: a.language == "fr")
    assert service.search(french).total == total == 4
    assert facet_counts(service, french)["source"] == counts["source"]
    assert facet_counts(service, SearchRequest())["language"] == {"english": 48, "french": 4, "arabic": 3}
    not_english = SearchRequest(exclude=(("language", "English"),))
    assert service.search(not_english).total == expected(articles, lambda a: a.language != "en")[0] == 7
    assert {h.language for h in service.search(not_english).hits} == {"fr", "ar"}
    for code in ("fr", "ar", "en"):  # the query syntax's field reads the code, with or without words
        assert service.search(SearchRequest(q=f"language:{code}")).total == expected(
            articles, lambda a, code=code: a.language == code)[0]
    assert service.search(SearchRequest(q="idlib language:en")).total == expected(
        articles, lambda a: a.language == "en" and "idlib" in words_in(a))[0] > 0
    assert service.search(SearchRequest(q="year:2018")).total == expected(articles, lambda a: a.date is not None)[0]
