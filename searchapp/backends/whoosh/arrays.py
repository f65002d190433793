"""Match and score word queries a whole posting list at a time, with numpy.

Whoosh walks postings one document at a time in Python: on 100,000 articles a search for ten
common words took 1 s and a pasted 150-word paragraph 37 s, matching and scoring each about
half. Queries built from words with AND, OR, NOT, field prefixes and wildcards (what nearly
everyone types) are answered here instead: each term's postings are read block by block into arrays,
BM25F is computed for all its documents at once with the same formula, statistics and boosts
as Whoosh's scorer, and AND / OR / NOT are array set operations with summed scores, as in
Whoosh's matchers; wildcards and fuzzy words are the OR of the words they stand for; phrases are
their words' AND, kept where Whoosh finds the words in order. Anything else (ranges) raises
Unsupported, and the caller uses Whoosh.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from searchapp.backends.whoosh.postings import PostingReader
from searchapp.backends.whoosh.ranking import WEIGHTING


class Unsupported(Exception):
    """A query this module does not evaluate; Whoosh does."""


@dataclass(frozen=True, slots=True)
class Matches:
    docs: np.ndarray  # document numbers, ascending
    scores: np.ndarray  # float64, aligned with docs


NONE = Matches(np.zeros(0, dtype=np.int64), np.zeros(0))


def evaluate(reading: PostingReader, query: wq.Query) -> Matches:
    """The documents matching query with their scores."""
    if isinstance(query, wq.Term):
        return term(reading, query)
    if query is wq.NullQuery:
        return NONE
    if type(query) in (wq.Prefix, wq.Wildcard, wq.FuzzyTerm):
        # Whoosh ORs the words a wildcard stands for, each scored as a term; a lone word is
        # scored as that term, without the wildcard's boost.
        searcher = reading.searcher
        words = [w for w in query._btexts(searcher.reader()) if w] if query.fieldname in searcher.schema else []
        parts = [term(reading, wq.Term(query.fieldname, w), encoded=True) for w in words]
        return parts[0] if len(parts) == 1 else boosted(union(parts), query.boost)
    if type(query) in (wq.And, wq.Or):
        if isinstance(query, wq.Or) and (query.scale or query.minmatch):
            raise Unsupported(query)
        positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
        negative = [q.query for q in query.subqueries if isinstance(q, wq.Not)]
        if not positive or (negative and isinstance(query, wq.Or)):
            raise Unsupported(query)
        parts = [evaluate(reading, q) for q in positive]
        found = intersect(parts) if isinstance(query, wq.And) else union(parts)
        for q in negative:
            # Whoosh intersects with the documents *not* matching q, each of which scores 1.
            found = without(found, evaluate(reading, q))
            found = Matches(found.docs, found.scores + 1.0)
        return boosted(found, query.boost)
    if type(query) is wq.AndNot:
        return boosted(without(evaluate(reading, query.a), evaluate(reading, query.b)),
                       query.boost)
    if type(query) is wq.AndMaybe:
        required = evaluate(reading, query.a)
        return boosted(add_where(required, evaluate(reading, query.b)), query.boost)
    if type(query) is wq.Phrase:
        return phrase(reading, query)
    raise Unsupported(query)


def phrase(reading: PostingReader, query: wq.Phrase) -> Matches:
    """A phrase scores as Whoosh scores it, the sum of its words' scores times its boost, in the
    documents where the words stand next to each other, in order; a phrase with slop is
    matched by Whoosh's span matcher."""
    searcher = reading.searcher
    if query.fieldname not in searcher.schema or not query.words:
        return NONE
    words = intersect([term(reading, wq.Term(query.fieldname, word)) for word in query.words])
    if not len(words.docs):
        return NONE
    if query.slop == 1:
        field = searcher.schema[query.fieldname]
        keep = reading.adjacent(query.fieldname, [field.to_bytes(w) for w in query.words], words.docs)
    else:
        inside = np.fromiter(sorted(searcher.docs_for_query(query)), dtype=np.int64)
        keep = np.isin(words.docs, inside, assume_unique=True)
    return boosted(Matches(words.docs[keep], words.scores[keep]), query.boost)


def term(reading: PostingReader, query: wq.Term, encoded: bool = False) -> Matches:
    """One term's documents, scored as Whoosh's BM25F scorer (or, in fields without lengths,
    its weight scorer) would score them, times the query's boost."""
    schema = reading.searcher.schema
    if query.fieldname not in schema:
        return NONE
    field = schema[query.fieldname]
    try:
        text = query.text if encoded else field.to_bytes(query.text)
    except ValueError:
        return NONE
    key = (query.fieldname, text)
    if key not in reading.scored:
        reading.scored[key] = scored(reading, query.fieldname, text)
    return boosted(reading.scored[key], query.boost)


def scored(reading: PostingReader, fieldname: str, text: bytes) -> Matches:
    searcher = reading.searcher
    if (fieldname, text) not in searcher.reader():
        return NONE
    found = reading.postings(fieldname, text)
    docs, weights = found.docs, found.weights
    if searcher.schema[fieldname].scorable:
        idf = searcher.idf(fieldname, text)
        average = searcher.avg_field_length(fieldname) or 1
        b, k1 = WEIGHTING.B, WEIGHTING.K1
        length = reading.lengths(fieldname)[docs]
        scores = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * length / average)))
    else:
        scores = weights
    return Matches(docs, scores)


def union(parts: list[Matches]) -> Matches:
    """Documents matching any part, each scored with the sum of the parts it matches."""
    parts = [p for p in parts if len(p.docs)]
    if not parts:
        return NONE
    if len(parts) == 1:
        return parts[0]
    docs = np.concatenate([p.docs for p in parts])
    scores = np.concatenate([p.scores for p in parts])
    size = int(max(p.docs[-1] for p in parts)) + 1
    if len(docs) * 4 > size:  # common words: one pass over every document beats sorting
        present = np.zeros(size, dtype=bool)
        present[docs] = True
        unique = np.flatnonzero(present)
        return Matches(unique, np.bincount(docs, weights=scores, minlength=size)[unique])
    unique, where = np.unique(docs, return_inverse=True)
    return Matches(unique, np.bincount(where, weights=scores, minlength=len(unique)))


def intersect(parts: list[Matches]) -> Matches:
    """Documents matching every part, scored with the sum of the parts."""
    found = min(parts, key=lambda p: len(p.docs))
    docs = found.docs
    for part in parts:
        docs = docs[np.isin(docs, part.docs, assume_unique=True)]
    scores = np.zeros(len(docs))
    for part in parts:
        scores += part.scores[np.searchsorted(part.docs, docs)]
    return Matches(docs, scores)


def without(found: Matches, excluded: Matches) -> Matches:
    keep = ~np.isin(found.docs, excluded.docs, assume_unique=True)
    return Matches(found.docs[keep], found.scores[keep])


def add_where(found: Matches, extra: Matches) -> Matches:
    """found's documents, with extra's scores added where extra matches too (AND MAYBE)."""
    scores = found.scores.copy()
    both = np.isin(extra.docs, found.docs, assume_unique=True)
    scores[np.searchsorted(found.docs, extra.docs[both])] += extra.scores[both]
    return Matches(found.docs, scores)


def boosted(found: Matches, boost: float) -> Matches:
    return found if boost == 1.0 else Matches(found.docs, found.scores * boost)
