"""Which documents a request selects, and their facet counts, as array work over the columns.

Whoosh finds the documents matching the query; facet filters, exclusions and the date range
are boolean masks over the columns; counts count stories (one per near-duplicate cluster).
A facet with selected values is counted as if its own selection were not made, so that every
value shows what choosing it too would bring (OR within a facet).
"""
from __future__ import annotations

import numpy as np
from whoosh import query as wq

from searchapp.ingest.entities import fold
from searchapp.models import SearchRequest
from searchapp.search.columns import NO_MOMENT, Columns, date_mask
from searchapp.search.facets import FACETS


class Selection:
    def __init__(self, searcher, columns: Columns, request: SearchRequest, query: wq.Query) -> None:
        self.columns = columns
        self.request = request
        self.matched = matching(searcher, columns, query)
        self.masks = {param: self.mask(param, request.selected(param)) for param in FACETS
                      if request.selected(param)}
        excluded = [self.mask(param, request.excluded(param)) for param in FACETS if request.excluded(param)]
        keep = date_mask(columns, request.date_from, request.date_to)
        for mask in excluded:
            keep = ~mask if keep is None else keep & ~mask
        self.keep = keep
        self.docs = self.restrict()

    def mask(self, param: str, values: tuple[str, ...]) -> np.ndarray:
        column = self.columns.fields[FACETS[param][0]]
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
        """One document per story among docs (the selection by default)."""
        docs = self.docs if docs is None else docs
        _, first = np.unique(self.columns.story[docs], return_index=True)
        return docs[first]

    def counts(self, param: str, field: str | None = None) -> dict[str, int]:
        """Stories per value of a facet: {value: count}, values with none left out."""
        column = self.columns.fields[field or FACETS[param][0]]
        docs = self.stories(self.restrict(skip=param)) if param in self.masks else self.stories()
        totals = column.count(docs)
        return {column.labels[g]: int(n) for g in np.flatnonzero(totals) for n in (totals[g],)}

    def allowed(self) -> set[int] | None:
        """The selected documents as the filter Whoosh's ranked search takes; None when the
        query alone decides (no facet, exclusion or date filter), which spares building the set."""
        if not self.masks and self.keep is None:
            return None
        return set(self.docs.tolist())


def matching(searcher, columns: Columns, query: wq.Query) -> np.ndarray:
    """Document numbers that match the query, in order."""
    reader = searcher.reader()
    if isinstance(query, wq.Every) and not reader.has_deletions():
        return np.arange(columns.size, dtype=np.int64)
    if query is wq.NullQuery:
        return np.zeros(0, dtype=np.int64)
    return np.fromiter(sorted(searcher.docs_for_query(query)), dtype=np.int64)


def by_date(selection: Selection, newest: bool = True) -> np.ndarray:
    """The selected documents one per story, by publication day (newest or oldest first),
    undated last, ties by document number."""
    docs = selection.docs
    moment = selection.columns.moment[docs]
    undated = moment == NO_MOMENT
    key = np.where(undated, np.iinfo(np.int64).max, -moment if newest else moment)
    ordered = docs[np.lexsort((docs, key))]
    _, first = np.unique(selection.columns.story[ordered], return_index=True)
    return ordered[np.sort(first)]
