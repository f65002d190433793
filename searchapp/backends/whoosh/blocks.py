"""Whoosh's posting lists read a block at a time: each block is one pickle of its document
numbers (as gaps), weights and encoded values, decoded at once instead of posting by posting."""
from __future__ import annotations

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher


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
