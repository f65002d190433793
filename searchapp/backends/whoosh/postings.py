"""Posting lists read whole, a block at a time, once per search, with the word positions kept
for the phrases.

Whoosh reads postings one document at a time in Python, and its phrase matcher skips to each
document of each word to read its positions (about 90 µs a word and document). A block of
postings is one pickle holding its document numbers, weights and position strings: reading
the blocks for the scores (arrays.py) yields the positions too, decoded only for the
documents a phrase is checked in.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from pickle import loads

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE


@dataclass(frozen=True, slots=True)
class Postings:
    docs: np.ndarray  # document numbers, ascending, deleted ones left out
    weights: np.ndarray  # float64, aligned with docs
    values: list  # per posting, aligned with docs: Whoosh's encoded value (positions), or None

    def at(self, docs: np.ndarray) -> np.ndarray:
        """Where each of docs sits in this list, -1 where the word is not in it."""
        where = np.searchsorted(self.docs, docs)
        inside = where < len(self.docs)
        inside[inside] = self.docs[where[inside]] == docs[inside]
        return np.where(inside, where, -1)


NO_POSTINGS = Postings(np.zeros(0, dtype=np.int64), np.zeros(0), [])


@dataclass
class Reading:
    """One search's reads of the index: each word's postings are read once and serve both its
    scores and its phrases; lengths(field) gives every document's field length as the scorer
    reads it (see Columns.lengths)."""
    searcher: Searcher
    lengths: Callable[[str], np.ndarray]
    scored: dict = field(default_factory=dict)  # (field, word) -> its Matches (arrays.py)
    _postings: dict = field(default_factory=dict)

    def postings(self, fieldname: str, text: bytes) -> Postings:
        key = (fieldname, text)
        if key not in self._postings:
            self._postings[key] = read(self.searcher, fieldname, text)
        return self._postings[key]

    def positions(self, fieldname: str, text: bytes, index: int) -> list[int]:
        """The word's positions in the index-th document of its posting list."""
        value = self.postings(fieldname, text).values[index]
        field_format = self.searcher.schema[fieldname].format
        if type(field_format) is Positions:  # the text fields' format: skip its copying and checks
            return list(accumulate(loads(value[_INT_SIZE:] + b".")))
        return field_format.decode_positions(value)

    def adjacent(self, fieldname: str, texts: list[bytes], docs: np.ndarray) -> np.ndarray:
        """A mask over docs (ascending) of those holding the words next to each other, in order:
        Whoosh's exact phrase."""
        where = [self.postings(fieldname, text).at(docs) for text in texts]
        found = np.zeros(len(docs), dtype=bool)
        for n in np.flatnonzero(np.all([w >= 0 for w in where], axis=0)).tolist():
            later = [set(self.positions(fieldname, text, int(w[n])))
                     for text, w in zip(texts[1:], where[1:], strict=True)]
            found[n] = any(all(start + k + 1 in p for k, p in enumerate(later))
                           for start in self.positions(fieldname, texts[0], int(where[0][n])))
        return found


def read(searcher, fieldname: str, text: bytes) -> Postings:
    """A term's postings across the index's segments, deleted documents left out."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    values: list = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, text) not in reader:
            continue
        matcher = reader.postings(fieldname, text)
        deleted = None
        if isinstance(matcher, FilterMatcher):
            deleted, matcher = matcher._ids, matcher.child
        block_ids, block_weights, block_values = read_blocks(matcher)
        if deleted:
            keep = ~np.isin(block_ids, np.fromiter(deleted, dtype=np.int64))
            block_ids, block_weights = block_ids[keep], block_weights[keep]
            block_values = [v for v, k in zip(block_values, keep.tolist(), strict=True) if k]
        ids.append(block_ids + offset)
        weights.append(block_weights)
        values.extend(block_values)
    if not ids:
        return NO_POSTINGS
    return Postings(np.concatenate(ids), np.concatenate(weights), values)


def read_blocks(matcher) -> tuple[np.ndarray, np.ndarray, list]:
    """Every (id, weight, value) of one segment's posting list."""
    if not isinstance(matcher, W3LeafMatcher) or matcher._byteids:
        triples = [(matcher.id(), matcher.weight(), matcher.value()) for _ in iter_matcher(matcher)]
        return (np.array([t[0] for t in triples], dtype=np.int64), np.array([t[1] for t in triples], dtype=np.float64),
                [t[2] for t in triples])
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    values: list = []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        deltas, stored, strings = matcher._data[0], matcher._data[1], matcher._data[2]
        count = matcher._blocklength
        ids.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))  # ids are stored as gaps
        if stored is None:
            weights.append(np.ones(count))
        elif isinstance(stored, float):
            weights.append(np.full(count, stored))
        else:
            weights.append(np.asarray(stored, dtype=np.float32).astype(np.float64))
        values.extend(strings if isinstance(strings, (list, tuple)) else [None] * count)
        matcher._next_block()
    if not ids:  # every posting was of a deleted document
        return np.zeros(0, dtype=np.int64), np.zeros(0), []
    return np.concatenate(ids), np.concatenate(weights), values


def iter_matcher(matcher):
    while matcher.is_active():
        yield
        matcher.next()
