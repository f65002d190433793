"""The engine's answers on the sample archive, checked against counts made from the articles (the
contract suite checks the same through the service once it runs on every registered engine)."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from searchapp.errors import ArticleNotFound
from searchapp.models import SearchRequest
from searchapp.search.facets import FACETS
from searchapp.search.parse import parse_query
from searchapp.search.schema import split_list, to_document
from searchapp.text import fold

ALL_FACETS = dict.fromkeys(FACETS)
EVERYTHING = SearchRequest()


def expected(articles, matches, request: SearchRequest = EVERYTHING) -> tuple[int, dict]:
    """Stories matching, and per facet {folded value: stories}, each facet counted without its own
    selection, from the articles' records."""
    def chosen(record, skip=""):
        for param, spec in FACETS.items():
            have = {fold(v) for v in split_list(record.get(spec.field, ""))}
            if param != skip and request.selected(param) and not have & {fold(v) for v in request.selected(param)}:
                return False
            if have & {fold(v) for v in request.excluded(param)}:
                return False
        return True

    records = [to_document(a) for a in articles if matches(a)]
    stories = {r["cluster"] for r in records if chosen(r)}
    counts = {param: defaultdict(set) for param in FACETS}
    for record in records:
        for param, spec in FACETS.items():
            if chosen(record, skip=param):
                for value in split_list(record.get(spec.field, "")):
                    counts[param][fold(value)].add(record["cluster"])
    return len(stories), {p: {v: len(s) for v, s in c.items()} for p, c in counts.items()}


def folded(found) -> dict:
    return {param: {fold(v): n for v, n in values.items()} for param, (values, _) in found.counts.items()}


def has(*words):
    from searchapp.search.analysis import words as analyse
    wanted = {w for word in words for w in analyse("text", word)}
    return lambda a: wanted <= set(analyse("text", "\n".join([a.title, a.body, *a.captions])))


@pytest.mark.parametrize("request_", [
    SearchRequest(q="putin"),
    SearchRequest(q="idlib ceasefire"),
    SearchRequest(),
    SearchRequest(q="putin", filters=(("person", "Recep Tayyip Erdogan"), ("person", "Angela Merkel"))),
    SearchRequest(q="putin", filters=(("person", "Recep Tayyip Erdogan"),), exclude=(("source", "Gulf Wire"),)),
], ids=["word", "words", "everything", "or-within-a-facet", "filter-and-exclusion"])
def test_totals_and_facet_counts_count_stories(engine, articles, request_):
    matches = has(*request_.q.split()) if request_.q else (lambda a: True)
    total, counts = expected(articles, matches, request_)
    found = engine.find(request_, parse_query(request_.q).query, 0, 10, facets=ALL_FACETS)
    assert found.total == total > 0
    assert folded(found) == counts


def test_date_ranges_and_the_timeline(engine, articles):
    request = SearchRequest(date_from=date(2018, 9, 1), date_to=date(2018, 9, 30))
    found = engine.find(request, parse_query("").query, 0, 100, facets={})
    september = {a.cluster or a.id for a in articles if a.date and (a.date.year, a.date.month) == (2018, 9)}
    assert found.total == len(september) and found.months == {"2018-09": len(september)}
    assert engine.find(SearchRequest(q="date:2018-09"), parse_query("date:2018-09").query, 0, 0).total == len(september)


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_date_order_puts_undated_last_and_pages_follow_each_other(engine, order):
    request = SearchRequest(sort=order)
    every = engine.find(request, parse_query("").query, 0, 100).matches
    dates = [m.fields["date"] for m in every if "date" in m.fields]
    assert dates == sorted(dates, reverse=order == "newest")
    assert all("date" not in m.fields for m in every[len(dates):])
    paged = [m.fields["id"] for start in (0, 5, 10) for m in engine.find(request, parse_query("").query, start,
                                                                          start + 5).matches]
    assert paged == [m.fields["id"] for m in every[:15]]


def test_relevance_ties_go_newest_first(engine):
    found = engine.find(SearchRequest(q="date:2018-09"), parse_query("date:2018-09").query, 0, 100).matches
    assert len({m.score for m in found}) == 1
    dates = [m.fields["date"] for m in found]
    assert dates == sorted(dates, reverse=True)


def test_documents_copies_and_similar(engine, articles):
    copy = next(a for a in articles if a.cluster and a.cluster != a.id)
    record = engine.document(copy.id)
    assert record == {k: v for k, v in to_document(copy).items() if v is not None}
    assert engine.document("no-such-article") is None
    story = engine.copies([copy.cluster])[copy.cluster]
    assert [i for i, _ in story] == sorted(a.id for a in articles if (a.cluster or a.id) == copy.cluster)
    similar = engine.similar(copy.id, 3)
    assert 0 < len(similar) <= 3 and copy.cluster not in {m.fields["cluster"] for m in similar}
    with pytest.raises(ArticleNotFound):
        engine.similar("no-such-article", 3)


def test_values_sources_and_counts(engine, articles):
    assert engine.count() == len(articles)
    assert engine.values("source") == sorted({a.source for a in articles}, key=lambda v: (fold(v), v))
    per_source = defaultdict(int)
    for article in articles:
        per_source[article.source] += 1
    assert engine.per_source() == per_source
    assert engine.count_values(SearchRequest(q="putin"), parse_query("putin").query, "person",
                               ["vladimir putin", "Nobody"]) == {
        "vladimir putin": expected(articles, has("putin"))[1]["person"][fold("Vladimir Putin")]}
