"""A search's posting lists, each read once, with the word positions its phrases need.

A word's postings come from our own arrays where the build has them (store.py), else from
Whoosh's blocks (blocks.py), whose pickles hold the positions too: either way a phrase is
checked by intersecting positions, instead of Whoosh's matcher skipping to each document of
each word (about 90 µs a word and document).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from whoosh.matching.wrappers import FilterMatcher
from whoosh.searching import Searcher

from searchapp.backends.whoosh.blocks import read_blocks
from searchapp.backends.whoosh.store import FieldStore

# ascending indices into a posting list -> (for each position found, the index's place in the
# request; the positions), in the order of the request, each document's positions ascending
PositionsOf = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def no_positions(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Postings:
    docs: np.ndarray  # document numbers, ascending, deleted ones left out
    weights: np.ndarray  # float64, aligned with docs
    positions: PositionsOf = no_positions

    def at(self, docs: np.ndarray) -> np.ndarray:
        """Where each of docs sits in this list, -1 where the word is not in it."""
        where = np.searchsorted(self.docs, docs)
        inside = where < len(self.docs)
        inside[inside] = self.docs[where[inside]] == docs[inside]
        return np.where(inside, where, -1)


NO_POSTINGS = Postings(np.zeros(0, dtype=np.int64), np.zeros(0))
Stores = dict[str, dict[str, FieldStore]]  # segment id -> field -> its arrays


@dataclass
class PostingReader:
    """One search's reads of the index: each word's postings are read once and serve both its
    scores and its phrases; lengths(field) gives every document's field length as the scorer
    reads it (see Columns.lengths); stores are the build's own arrays, per segment."""
    searcher: Searcher
    lengths: Callable[[str], np.ndarray]
    stores: Stores = field(default_factory=dict)
    scored: dict = field(default_factory=dict)  # (field, word) -> its Matches (arrays.py)
    _postings: dict = field(default_factory=dict)

    def postings(self, fieldname: str, text: bytes) -> Postings:
        key = (fieldname, text)
        if key not in self._postings:
            self._postings[key] = read(self.searcher, fieldname, text, self.stores)
        return self._postings[key]

    def adjacent(self, fieldname: str, texts: list[bytes], docs: np.ndarray) -> np.ndarray:
        """A mask over docs (ascending) of those holding the words next to each other, in order:
        Whoosh's exact phrase."""
        lists = [self.postings(fieldname, text) for text in texts]
        where = [p.at(docs) for p in lists]
        found = np.zeros(len(docs), dtype=bool)
        candidates = np.flatnonzero(np.all([w >= 0 for w in where], axis=0)) if where else np.zeros(0, dtype=np.int64)
        if not len(candidates):
            return found
        starts: np.ndarray | None = None  # (candidate << 32) + where the phrase would start, ascending
        for shift, (postings, place) in enumerate(zip(lists, where, strict=True)):
            owner, positions = postings.positions(place[candidates])
            keys = (owner.astype(np.int64) << 32) + (positions.astype(np.int64) + len(texts) - shift)
            starts = keys if starts is None else common(starts, keys)
            if not len(starts):
                return found
        assert starts is not None
        found[candidates[np.unique(starts >> 32)]] = True
        return found


def common(ours: np.ndarray, theirs: np.ndarray) -> np.ndarray:
    """The values in both of two ascending arrays without repeats, without sorting them again."""
    if not len(ours):
        return ours
    at = np.minimum(np.searchsorted(ours, theirs), len(ours) - 1)
    return theirs[ours[at] == theirs]


def read(searcher, fieldname: str, text: bytes, stores: Stores) -> Postings:
    """A term's postings across the index's segments, deleted documents left out."""
    parts: list[tuple[np.ndarray, np.ndarray, PositionsOf]] = []
    if isinstance(text, str):  # the words a fuzzy term stands for come as text
        text = text.encode("utf-8")
    boost = searcher.schema[fieldname].format.field_boost if fieldname in searcher.schema else 1.0
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        store = stores.get(reader.segment().segment_id(), {}).get(fieldname) if stores else None
        deleted = reader.deleted_docs_set if reader.has_deletions() else None
        if store is not None:
            part = from_store(store, text, boost, deleted)
        elif (fieldname, text) in reader:
            part = from_blocks(reader, fieldname, text, deleted)
        else:
            part = None
        if part is not None and len(part[0]):
            parts.append((part[0] + offset, part[1], part[2]))
    if not parts:
        return NO_POSTINGS
    if len(parts) == 1:
        return Postings(*parts[0])
    sizes = np.cumsum([0] + [len(p[0]) for p in parts])

    def positions(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        owners, found = [], []
        for (_, _, of), begin, end in zip(parts, sizes[:-1], sizes[1:], strict=True):
            inside = np.flatnonzero((indices >= begin) & (indices < end))
            owner, flat = of(indices[inside] - begin)
            owners.append(inside[owner])
            found.append(flat)
        return np.concatenate(owners), np.concatenate(found)
    return Postings(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]), positions)


def from_store(store: FieldStore, text: bytes, boost: float, deleted) -> tuple | None:
    word = store.find(text)
    if word is None:
        return None
    begin, end = int(store.starts[word]), int(store.starts[word + 1])
    docs = store.docs[begin:end].astype(np.int64)
    freqs = store.freqs[begin:end]
    # Whoosh stores a posting's weight, the word's count times the field's boost, as float32.
    weights = (freqs * boost).astype(np.float32).astype(np.float64)
    firsts = int(store.firsts[word]) + np.concatenate(([0], np.cumsum(freqs[:-1], dtype=np.int64)))
    if deleted:
        keep = ~np.isin(docs, np.fromiter(deleted, dtype=np.int64))
        docs, weights, freqs, firsts = docs[keep], weights[keep], freqs[keep], firsts[keep]

    def positions(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        counts = freqs[indices].astype(np.int64)
        return np.repeat(np.arange(len(indices)), counts), store.positions[spans(firsts[indices], counts)]
    return docs, weights, positions


def from_blocks(reader, fieldname: str, text: bytes, deleted) -> tuple:
    matcher = reader.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    docs, weights, values = read_blocks(matcher)
    if deleted:
        keep = ~np.isin(docs, np.fromiter(deleted, dtype=np.int64))
        docs, weights = docs[keep], weights[keep]
        values = [v for v, k in zip(values, keep.tolist(), strict=True) if k]
    decode = getattr(reader.schema[fieldname].format, "decode_positions", None)
    if decode is None:  # a field of whole values (language:fr, year:2018) records no positions
        return docs, weights, no_positions

    def positions(indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        found = [decode(values[i]) if decode and values[i] is not None else [] for i in indices.tolist()]
        counts = np.array([len(f) for f in found], dtype=np.int64)
        flat = np.array([p for f in found for p in f], dtype=np.int64)
        return np.repeat(np.arange(len(indices)), counts), flat
    return docs, weights, positions


def spans(firsts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indices firsts[i], ..., firsts[i] + counts[i] - 1, one span after the other."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    return np.repeat(firsts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts) + np.arange(total)

