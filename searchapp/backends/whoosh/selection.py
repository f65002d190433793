"""Which documents a request selects, and their facet counts, as array work over the columns.

Whoosh finds the documents matching the query; facet filters, exclusions and the date range
are boolean masks over the columns; counts count stories (one per near-duplicate cluster).
A facet with selected values is counted as if its own selection were not made, so that every
value shows what choosing it too would bring (OR within a facet).
"""
from __future__ import annotations

from functools import partial

import numpy as np
from whoosh import query as wq

from searchapp.backends.whoosh.arrays import Unsupported, evaluate
from searchapp.backends.whoosh.columns import Columns, date_key, date_mask
from searchapp.backends.whoosh.phrases import with_phrase_scores
from searchapp.backends.whoosh.postings import PostingReader, Stores
from searchapp.models import SearchRequest
from searchapp.search.facets import FACETS
from searchapp.text import fold


class Selection:
    def __init__(self, searcher, columns: Columns, request: SearchRequest, query: wq.Query,
                 stores: Stores | None = None) -> None:
        self.columns = columns
        self.request = request
        self.reading = PostingReader(searcher, partial(columns.lengths, searcher.reader()), stores or {})
        self.matched, self.scores = matching(self.reading, columns, query)
        self.masks = {param: self.mask(param, request.selected(param)) for param in FACETS
                      if request.selected(param)}
        excluded = [self.mask(param, request.excluded(param)) for param in FACETS if request.excluded(param)]
        keep = date_mask(columns, request.date_from, request.date_to)
        for mask in excluded:
            keep = ~mask if keep is None else keep & ~mask
        self.keep = keep
        self.docs = self.restrict()
        self._stories: np.ndarray | None = None

    def mask(self, param: str, values: tuple[str, ...]) -> np.ndarray:
        column = self.columns.fields[FACETS[param].field]
        groups = np.array([column.keys[k] for k in map(fold, values) if k in column.keys], dtype=np.int32)
        return column.docs_with(groups, self.columns.size)

    def restrict(self, skip: str | None = None) -> np.ndarray:
        """The matched documents that pass every filter but skip's."""
        docs = self.matched
        for param, mask in self.masks.items():
            if param != skip:
                docs = docs[mask[docs]]
        if self.keep is not None:
            docs = docs[self.keep[docs]]
        return docs

    def stories(self, docs: np.ndarray | None = None) -> np.ndarray:
        """One document per story among docs (the selection by default), in order."""
        if docs is None:
            if self._stories is None:
                self._stories = first_of_stories(self.columns, self.docs)
            return self._stories
        return first_of_stories(self.columns, docs)

    def counts(self, param: str, field: str | None = None, top: int | None = None) -> tuple[dict[str, int], int]:
        """Stories per value of a facet, values with none left out, and how many values have some.
        With top, only the values that can be among the `top` most frequent (ties included): a
        sidebar needs no more, and building the whole dict costs more than counting when a facet
        has tens of thousands of values."""
        column = self.columns.fields[field or FACETS[param].field]
        docs = self.restrict(skip=param) if param in self.masks else self.docs
        totals = count_stories(column, self.columns, docs)
        present = np.flatnonzero(totals)
        if top is not None and len(present) > top:
            least = np.partition(totals[present], len(present) - top)[len(present) - top]
            present = present[totals[present] >= least]
            distinct = int(np.count_nonzero(totals))
        else:
            distinct = len(present)
        return {column.labels[g]: int(totals[g]) for g in present.tolist()}, distinct

    def counts_of(self, param: str, values) -> dict[str, int]:
        """Stories for the given values of a facet (counted as counts() does), values with none left out."""
        column = self.columns.fields[FACETS[param].field]
        docs = self.restrict(skip=param) if param in self.masks else self.docs
        totals = count_stories(column, self.columns, docs)
        groups = {column.keys[k] for k in map(fold, values) if k in column.keys}
        return {column.labels[g]: int(totals[g]) for g in sorted(groups) if totals[g]}

    def allowed(self) -> set[int] | None:
        """The selected documents as the filter Whoosh's ranked search takes; None when the
        query alone decides (no facet, exclusion or date filter), which spares building the set."""
        if not self.masks and self.keep is None:
            return None
        return set(self.docs.tolist())


def count_stories(column, columns: Columns, docs: np.ndarray) -> np.ndarray:
    """Stories per value group among docs: a story counts once under each value that any of its
    matching copies has, so that a value's count is what choosing it finds (a story syndicated
    by two sites counts for both). Most documents are alone in their story and are counted as
    they are; only the others are paired with their story."""
    shared = columns.shared[docs]
    totals = column.count(docs[~shared], columns.size)
    together = docs[shared]
    if len(together):
        begin, end = column.starts[together], column.starts[together + 1]
        lengths = end - begin
        if lengths.sum():
            positions = np.repeat(begin - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) + \
                np.arange(int(lengths.sum()))
            width = len(column.labels)
            pairs = np.unique(np.repeat(columns.story[together].astype(np.int64), lengths) * width
                              + column.groups[positions])
            totals = totals + np.bincount(pairs % width, minlength=width)
    return totals


def matching(reading: PostingReader, columns: Columns, query: wq.Query) -> tuple[np.ndarray, np.ndarray | None]:
    """Document numbers that match the query, in order, and their relevance scores when the
    query is made of words (arrays.py); None when Whoosh has to match it and rank it itself."""
    searcher = reading.searcher
    if isinstance(query, wq.Every) and not searcher.reader().has_deletions():
        return np.arange(columns.size, dtype=np.int64), None
    try:
        found = evaluate(reading, query)
    except Unsupported:
        return np.fromiter(sorted(searcher.docs_for_query(query)), dtype=np.int64), None
    return found.docs, found.scores


def ranked(selection: Selection, phrase: wq.Query | None, count: int) -> list[tuple[int, float]]:
    """The best `count` selected documents, one per story, as (docnum, score): by score (with
    the phrase query's scores added where it matches), then newest, then document number."""
    docs = selection.docs
    assert selection.scores is not None, "ranked() ranks selections scored with arrays"
    scores = selection.scores[np.searchsorted(selection.matched, docs)]
    if phrase is not None:
        scores = with_phrase_scores(selection.reading, docs, scores, phrase, partial(nth_best, selection.columns),
                                    count)
    moment = selection.columns.moment[docs]
    keep = len(docs) - min(len(docs), count * 4 + 1000)
    if keep > 0:  # only documents scoring at least the n-th best can make the list
        pick = scores >= np.partition(scores, keep)[keep]
        top = in_order(selection.columns, docs[pick], scores[pick], moment[pick], count)
        if len(top) == count:
            return top
    return in_order(selection.columns, docs, scores, moment, count)


def nth_best(columns: Columns, docs: np.ndarray, scores: np.ndarray, count: int) -> float:
    """The score of the `count`-th best story among docs; -inf when they hold fewer stories."""
    order = np.argsort(-scores, kind="stable")
    best = scores[order][firsts(columns, docs[order])]
    return float(best[count - 1]) if len(best) >= count else -np.inf


def in_order(columns: Columns, docs: np.ndarray, scores: np.ndarray, moment: np.ndarray, count: int) -> list:
    order = np.lexsort((docs, -moment, -scores))
    docs, scores = docs[order], scores[order]
    keep = firsts(columns, docs)
    return list(zip(docs[keep][:count].tolist(), scores[keep][:count].tolist(), strict=True))


def first_of_stories(columns: Columns, docs: np.ndarray) -> np.ndarray:
    """The first of docs (in their order) of each story."""
    return docs[firsts(columns, docs)]


def firsts(columns: Columns, docs: np.ndarray) -> np.ndarray:
    """A mask over docs of the first of each story: documents alone in their story pass as
    they are, so only the few that share one are sorted."""
    keep = ~columns.shared[docs]
    sharing = np.flatnonzero(~keep)
    if len(sharing):
        _, first = np.unique(columns.story[docs[sharing]], return_index=True)  # stable: first wins
        keep[sharing[first]] = True
    return keep


def by_date(selection: Selection, newest: bool = True) -> np.ndarray:
    """The selected documents one per story, by publication day (newest or oldest first),
    undated last, ties by document number."""
    order = selection.columns.order(newest)
    if len(selection.docs) * 8 > len(order):  # filter the archive's order rather than sort
        member = np.zeros(len(order), dtype=bool)
        member[selection.docs] = True
        ordered = order[member[order]]
    else:
        docs = selection.docs
        ordered = docs[np.lexsort((docs, date_key(selection.columns.moment[docs], newest)))]
    return first_of_stories(selection.columns, ordered)

