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
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from searchapp.backends.whoosh.ranking import WEIGHTING


class Unsupported(Exception):
    """A query this module does not evaluate; Whoosh does."""


@dataclass(frozen=True, slots=True)
class Matches:
    docs: np.ndarray  # document numbers, ascending
    scores: np.ndarray  # float64, aligned with docs


NONE = Matches(np.zeros(0, dtype=np.int64), np.zeros(0))


def evaluate(searcher, query: wq.Query, lengths) -> Matches:
    """The documents matching query with their scores; lengths(field) gives every document's
    field length as the scorer reads it (see Columns.lengths)."""
    if isinstance(query, wq.Term):
        return term(searcher, query, lengths)
    if query is wq.NullQuery:
        return NONE
    if type(query) in (wq.Prefix, wq.Wildcard, wq.FuzzyTerm):
        # Whoosh ORs the words a wildcard stands for, each scored as a term; a lone word is
        # scored as that term, without the wildcard's boost.
        words = [w for w in query._btexts(searcher.reader()) if w] if query.fieldname in searcher.schema else []
        parts = [term(searcher, wq.Term(query.fieldname, w), lengths, encoded=True) for w in words]
        return parts[0] if len(parts) == 1 else boosted(union(parts), query.boost)
    if type(query) in (wq.And, wq.Or):
        if isinstance(query, wq.Or) and (query.scale or query.minmatch):
            raise Unsupported(query)
        positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
        negative = [q.query for q in query.subqueries if isinstance(q, wq.Not)]
        if not positive or (negative and isinstance(query, wq.Or)):
            raise Unsupported(query)
        parts = [evaluate(searcher, q, lengths) for q in positive]
        found = intersect(parts) if isinstance(query, wq.And) else union(parts)
        for q in negative:
            # Whoosh intersects with the documents *not* matching q, each of which scores 1.
            found = without(found, evaluate(searcher, q, lengths))
            found = Matches(found.docs, found.scores + 1.0)
        return boosted(found, query.boost)
    if type(query) is wq.AndNot:
        return boosted(without(evaluate(searcher, query.a, lengths), evaluate(searcher, query.b, lengths)),
                       query.boost)
    if type(query) is wq.AndMaybe:
        required = evaluate(searcher, query.a, lengths)
        return boosted(add_where(required, evaluate(searcher, query.b, lengths)), query.boost)
    if type(query) is wq.Phrase:
        return phrase(searcher, query, lengths)
    raise Unsupported(query)


def phrase(searcher, query: wq.Phrase, lengths) -> Matches:
    """A phrase scores as Whoosh scores it, the sum of its words' scores times its boost, in the
    documents where Whoosh's span matcher finds the words in order: only the positions are read
    by Whoosh, so a quoted phrase is matched once rather than matched and then ranked again."""
    if query.fieldname not in searcher.schema or not query.words:
        return NONE
    words = intersect([term(searcher, wq.Term(query.fieldname, word), lengths) for word in query.words])
    if not len(words.docs):
        return NONE
    inside = np.fromiter(sorted(searcher.docs_for_query(query)), dtype=np.int64)
    keep = np.isin(words.docs, inside, assume_unique=True)
    return boosted(Matches(words.docs[keep], words.scores[keep]), query.boost)


def term(searcher, query: wq.Term, lengths, encoded: bool = False) -> Matches:
    """One term's documents, scored as Whoosh's BM25F scorer (or, in fields without lengths,
    its weight scorer) would score them, times the query's boost."""
    schema = searcher.schema
    if query.fieldname not in schema:
        return NONE
    field = schema[query.fieldname]
    try:
        text = query.text if encoded else field.to_bytes(query.text)
    except ValueError:
        return NONE
    if (query.fieldname, text) not in searcher.reader():
        return NONE
    docs, weights = postings(searcher, query.fieldname, text)
    if field.scorable:
        idf = searcher.idf(query.fieldname, text)
        average = searcher.avg_field_length(query.fieldname) or 1
        b, k1 = WEIGHTING.B, WEIGHTING.K1
        length = lengths(query.fieldname)[docs]
        scores = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * length / average)))
    else:
        scores = weights
    return boosted(Matches(docs, scores), query.boost)


def postings(searcher, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of a term across the index's segments, deleted documents
    left out: each block of the posting list decoded at once instead of posting by posting."""
    ids, weights = [], []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, text) not in reader:
            continue
        matcher = reader.postings(fieldname, text)
        deleted = None
        if isinstance(matcher, FilterMatcher):
            deleted, matcher = matcher._ids, matcher.child
        block_ids, block_weights = read_blocks(matcher)
        if deleted:
            keep = ~np.isin(block_ids, np.fromiter(deleted, dtype=np.int64))
            block_ids, block_weights = block_ids[keep], block_weights[keep]
        ids.append(block_ids + offset)
        weights.append(block_weights)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)


def read_blocks(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Every (id, weight) of one segment's posting list."""
    if not isinstance(matcher, W3LeafMatcher) or matcher._byteids:
        pairs = [(matcher.id(), matcher.weight()) for _ in iter_matcher(matcher)]
        return (np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs], dtype=np.float64))
    ids, weights = [], []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        deltas, stored = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        ids.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))  # ids are stored as gaps
        if stored is None:
            weights.append(np.ones(count))
        elif isinstance(stored, float):
            weights.append(np.full(count, stored))
        else:
            weights.append(np.asarray(stored, dtype=np.float32).astype(np.float64))
        matcher._next_block()
    if not ids:  # every posting was of a deleted document
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)


def iter_matcher(matcher):
    while matcher.is_active():
        yield
        matcher.next()


def union(parts: list[Matches]) -> Matches:
    """Documents matching any part, each scored with the sum of the parts it matches."""
    parts = [p for p in parts if len(p.docs)]
    if not parts:
        return NONE
    if len(parts) == 1:
        return parts[0]
    docs = np.concatenate([p.docs for p in parts])
    scores = np.concatenate([p.scores for p in parts])
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
