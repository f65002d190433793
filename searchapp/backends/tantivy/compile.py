"""searchapp's query tree (search/query.py) as a tantivy query.

Words are already analysed, so leaves become term queries on the words as given. A field's
index-time weight (search/schema.py's boost) multiplies its leaves' boosts. Prefix, Wildcard,
Fuzzy and TermRange stand for the indexed words they expand to (vocabulary.py), matched as one
term set and scored alike, as Whoosh scores them.
"""
from __future__ import annotations

import tantivy

from searchapp.backends.tantivy.schema import FIELD_KINDS, SCHEMA, utc
from searchapp.backends.tantivy.vocabulary import expand
from searchapp.search import query as q

Occur = tantivy.Occur
Query = tantivy.Query


def to_tantivy(query: q.Query, searcher: tantivy.Searcher) -> tantivy.Query:
    """The tantivy query that matches what the tree says (searcher: whose words multi-word
    leaves expand to)."""
    if isinstance(query, q.Nothing):
        return Query.empty_query()
    if isinstance(query, q.Every):
        return boosted(Query.all_query(), query.boost)
    if isinstance(query, q.And):
        return boosted(all_of(query.parts, searcher), query.boost)
    if isinstance(query, q.Or):
        if not query.parts:
            return Query.empty_query()
        return boosted(Query.boolean_query([(Occur.Should, to_tantivy(p, searcher)) for p in query.parts]),
                       query.boost)
    if isinstance(query, q.Not):
        return boosted(all_of((query,), searcher), query.boost)
    if isinstance(query, q.AndNot):
        return boosted(Query.boolean_query([(Occur.Must, to_tantivy(query.positive, searcher)),
                                            (Occur.MustNot, to_tantivy(query.negative, searcher))]), query.boost)
    if isinstance(query, q.AndMaybe):
        return boosted(Query.boolean_query([(Occur.Must, to_tantivy(query.required, searcher)),
                                            (Occur.Should, to_tantivy(query.optional, searcher))]), query.boost)
    return leaf_query(query, searcher)


def all_of(parts: tuple[q.Query, ...], searcher: tantivy.Searcher) -> tantivy.Query:
    """Every part must match; a Not part is a condition that its query must not match (with only
    such conditions, everything else matches)."""
    clauses = [(Occur.MustNot, to_tantivy(p.part, searcher)) if isinstance(p, q.Not)
               else (Occur.Must, to_tantivy(p, searcher)) for p in parts]
    if not clauses:
        return Query.empty_query()
    if all(occur == Occur.MustNot for occur, _ in clauses):
        clauses.insert(0, (Occur.Must, Query.all_query()))
    return Query.boolean_query(clauses)


def leaf_query(leaf: q.Leaf, searcher: tantivy.Searcher) -> tantivy.Query:
    field = FIELD_KINDS.get(leaf.field)
    if field is None:
        return Query.empty_query()  # a field this engine does not index matches nothing
    boost = leaf.boost * field.boost
    if isinstance(leaf, q.Term):
        return boosted(term_query(leaf.field, leaf.text), boost)
    if isinstance(leaf, q.Phrase):
        if len(leaf.words) == 1:
            return boosted(term_query(leaf.field, leaf.words[0]), boost)
        # Our slop counts positions from one word to the next (1: adjacent), tantivy's the gaps.
        return boosted(Query.phrase_query(SCHEMA, leaf.field, list(leaf.words), slop=max(leaf.slop - 1, 0)), boost)
    if isinstance(leaf, q.DateRange):
        return boosted(date_range(leaf), leaf.boost)
    if isinstance(leaf, q.MULTI_TERM):
        words = expand(searcher, leaf)
        if not words:
            return Query.empty_query()
        return boosted(Query.term_set_query(SCHEMA, leaf.field, words), boost)
    raise TypeError(f"not a query: {leaf!r}")


def term_query(field: str, text: str) -> tantivy.Query:
    if FIELD_KINDS[field].kind == "number":
        try:
            return Query.term_query(SCHEMA, field, int(text))
        except ValueError:
            return Query.empty_query()
    if FIELD_KINDS[field].kind == "date":
        return Query.empty_query()  # dates are searched with ranges (the parser makes them)
    return Query.term_query(SCHEMA, field, text)


def date_range(leaf: q.DateRange) -> tantivy.Query:
    """Dated articles from start to end, both included."""
    if leaf.start is None and leaf.end is None:
        return Query.term_query(SCHEMA, "dated", 1)
    return Query.range_query(SCHEMA, leaf.field, tantivy.FieldType.Date,
                             utc(leaf.start) if leaf.start else None, utc(leaf.end) if leaf.end else None)


def boosted(query: tantivy.Query, boost: float) -> tantivy.Query:
    return query if boost == 1.0 else Query.boost_query(query, boost)
