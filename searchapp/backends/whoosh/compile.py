"""searchapp's query tree as a Whoosh query (tests/backends/whoosh/test_compile.py checks that it
is exactly what Whoosh's own parser makes of the same text)."""
from __future__ import annotations

from whoosh import query as wq
from whoosh.util.times import datetime_to_long

from searchapp.search import query as q


def to_whoosh(query: q.Query) -> wq.Query:
    """The Whoosh query that matches and scores what the tree says."""
    if isinstance(query, q.Nothing):
        return wq.NullQuery
    if isinstance(query, q.Every):
        return wq.Every(query.field or None, boost=query.boost)
    if isinstance(query, q.And):
        return wq.And([to_whoosh(p) for p in query.parts], boost=query.boost)
    if isinstance(query, q.Or):
        return wq.Or([to_whoosh(p) for p in query.parts], boost=query.boost)
    if isinstance(query, q.Not):
        return wq.Not(to_whoosh(query.part), boost=query.boost)
    if isinstance(query, q.AndNot):
        return boosted(wq.AndNot(to_whoosh(query.positive), to_whoosh(query.negative)), query.boost)
    if isinstance(query, q.AndMaybe):
        return boosted(wq.AndMaybe(to_whoosh(query.required), to_whoosh(query.optional)), query.boost)
    if isinstance(query, q.Term):
        return wq.Term(query.field, query.text, boost=query.boost)
    if isinstance(query, q.Phrase):
        return wq.Phrase(query.field, list(query.words), slop=query.slop, boost=query.boost)
    if isinstance(query, q.Prefix):
        return wq.Prefix(query.field, query.text, boost=query.boost)
    if isinstance(query, q.Wildcard):
        return wq.Wildcard(query.field, query.pattern, boost=query.boost)
    if isinstance(query, q.Fuzzy):
        return wq.FuzzyTerm(query.field, query.text, boost=query.boost, maxdist=query.distance,
                            prefixlength=query.prefix)
    if isinstance(query, q.TermRange):
        return wq.TermRange(query.field, query.start or None, query.end or None, query.start_excluded,
                            query.end_excluded, boost=query.boost)
    if isinstance(query, q.DateRange):
        start = datetime_to_long(query.start) if query.start else None
        end = datetime_to_long(query.end) if query.end else None
        return wq.NumericRange(query.field, start, end, False, False, boost=query.boost, constantscore=True)
    raise TypeError(f"not a query: {query!r}")


def boosted(query: wq.Query, boost: float) -> wq.Query:
    query.boost = boost
    return query
