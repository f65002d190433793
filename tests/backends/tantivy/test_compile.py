"""Every kind of node of the query tree, compiled to tantivy, matches the articles it says."""
from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import pytest

from searchapp.models import SearchRequest
from searchapp.search import query as q
from searchapp.search.analysis import words


def content(article) -> list[str]:
    return words("text", "\n".join([article.title, article.body, *article.captions]))


def has(word):
    return lambda a: word in content(a)


def adjacent(first, second):
    return lambda a: any(pair == (first, second) for pair in pairwise(content(a)))


def dated(start, end):
    return lambda a: a.date is not None and (start is None or a.date >= start) and (end is None or a.date <= end)


CASES = [
    (q.Term("content", "putin"), has("putin")),
    (q.Term("title", "brexit", boost=0.3), lambda a: "brexit" in words("text", a.title)),
    (q.Phrase("content", ("idlib", "ceasefir")), adjacent("idlib", "ceasefir")),
    (q.Phrase("content", ("putin",)), has("putin")),
    (q.Prefix("content", "ceasef"), lambda a: any(w.startswith("ceasef") for w in content(a))),
    (q.Wildcard("content", "ceas?f*"), lambda a: any(w.startswith("ceas") and w[5:6] == "f" for w in content(a))),
    (q.Fuzzy("content", "ceasfir", distance=1, prefix=1), has("ceasefir")),
    (q.TermRange("content", "brexit", "brexit"), has("brexit")),
    (q.DateRange("date", datetime(2018, 9, 1), datetime(2018, 9, 30, 23, 59, 59)),
     dated(datetime(2018, 9, 1), datetime(2018, 9, 30, 23, 59, 59))),
    (q.DateRange("date", None, None), dated(None, None)),
    (q.And((q.Term("content", "putin"), q.Term("content", "erdogan"))),
     lambda a: has("putin")(a) and has("erdogan")(a)),
    (q.Or((q.Term("content", "brexit"), q.Term("content", "flood"))), lambda a: has("brexit")(a) or has("flood")(a)),
    (q.And((q.Term("content", "putin"), q.Not(q.Term("content", "erdogan")))),
     lambda a: has("putin")(a) and not has("erdogan")(a)),
    (q.Not(q.Term("content", "putin")), lambda a: not has("putin")(a)),
    (q.AndNot(q.Term("content", "putin"), q.Term("content", "erdogan")),
     lambda a: has("putin")(a) and not has("erdogan")(a)),
    (q.AndMaybe(q.Term("content", "putin"), q.Term("content", "erdogan")), has("putin")),
    (q.Term("people_text", "putin"), lambda a: any("putin" in words("name", p) for p in a.people)),
    (q.Term("source", "Harbour Times"), lambda a: a.source == "Harbour Times"),
    (q.Every(), lambda a: True),
    (q.Nothing(), lambda a: False),
]


@pytest.mark.parametrize(("query", "matches"), CASES, ids=[type(c[0]).__name__ for c in CASES])
def test_each_node_matches_what_it_says(engine, articles, query, matches):
    assert stories_found(engine, articles, query, matches) == stories(articles, matches)
    assert engine.find(SearchRequest(sort="newest"), query, 0, 0).total == len(stories(articles, matches))


def stories(articles, matches) -> set[str]:
    return {a.cluster or a.id for a in articles if matches(a)}


def stories_found(engine, articles, query, matches) -> set[str]:
    """The stories of the results: one result per story, each an article that matches."""
    story = {a.id: a.cluster or a.id for a in articles}
    ids = engine.ranked_ids(SearchRequest(sort="newest"), query, 100)
    assert len(ids) == len({story[i] for i in ids})
    assert set(ids) <= {a.id for a in articles if matches(a)}
    return {story[i] for i in ids}


def test_a_headline_weighs_more_and_a_boost_reorders(engine):
    request = SearchRequest(q="brexit")
    plain = q.Or((q.Term("content", "brexit"), q.Term("title", "brexit", boost=0.3)))
    found = engine.find(request, plain, 0, 5)
    assert "Brexit" in found.matches[0].fields["title"]
    assert [m.score for m in found.matches] == sorted((m.score for m in found.matches), reverse=True)
    doubled = engine.find(request, q.Or((q.Term("content", "brexit", boost=2.0),)), 0, 1)
    single = engine.find(request, q.Or((q.Term("content", "brexit"),)), 0, 1)
    assert doubled.matches[0].score == pytest.approx(2 * single.matches[0].score)


def test_slop_lets_words_stand_apart(engine, articles):
    apart = q.Phrase("content", ("idlib", "ceasefir"), slop=3)
    near = lambda a: any(w == "idlib" and "ceasefir" in content(a)[i + 1:i + 4]  # noqa: E731
                         for i, w in enumerate(content(a)))
    assert stories_found(engine, articles, apart, near) == stories(articles, near)
