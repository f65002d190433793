"""Which of a search's matches a request selects, their order one per story, and their facet
counts, as array work over the build's table (table.py).

tantivy finds and scores the documents matching the query; facet filters, exclusions and the
date range are masks over the table's rows; counts count stories. A facet with selected values
is counted as if its own selection were not made (OR within a facet).
"""
from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from searchapp.backends.tantivy.table import NO_MOMENT, Table, date_key, microseconds
from searchapp.models import SearchRequest
from searchapp.search.facets import FACETS
from searchapp.text import fold


class Selection:
    """The matches (rows of the table, with scores) a request keeps; `hits` index the matches."""

    def __init__(self, table: Table, request: SearchRequest, rows: np.ndarray, scores: np.ndarray) -> None:
        self.table, self.request, self.rows, self.scores = table, request, rows, scores
        self.masks = {param: self.mask(param, request.selected(param)) for param in FACETS if request.selected(param)}
        keep = date_mask(table, request.date_from, request.date_to)
        for param in FACETS:
            if request.excluded(param):
                dropped = ~self.mask(param, request.excluded(param))
                keep = dropped if keep is None else keep & dropped
        self.keep = keep
        self.hits = self.restrict()

    def mask(self, param: str, values: tuple[str, ...]) -> np.ndarray:
        return self.table.columns[FACETS[param].field].rows_with([fold(v) for v in values], self.table.size)

    def restrict(self, skip: str | None = None) -> np.ndarray:
        """The matches that pass every filter but skip's."""
        hits = np.arange(len(self.rows))
        for param, mask in self.masks.items():
            if param != skip:
                hits = hits[mask[self.rows[hits]]]
        if self.keep is not None:
            hits = hits[self.keep[self.rows[hits]]]
        return hits

    def ordered(self, order: str) -> np.ndarray:
        """The kept matches one per story, the first of each in the order asked: "relevance" (score,
        newest, id), "newest" or "oldest" (undated last, then id)."""
        rows = self.rows[self.hits]
        if order == "relevance":
            sequence = np.lexsort((self.table.id_rank[rows], -self.table.moment[rows], -self.scores[self.hits]))
        else:
            sequence = np.lexsort((self.table.id_rank[rows], date_key(self.table.moment[rows], order == "newest")))
        hits = self.hits[sequence]
        _, first = np.unique(self.table.story[self.rows[hits]], return_index=True)
        return hits[np.sort(first)]

    def total(self) -> int:
        return len(np.unique(self.table.story[self.rows[self.hits]]))

    def counts(self, field: str, param: str = "", top: int | None = None) -> tuple[dict[str, int], int]:
        """Stories per value of a column (a facet's own selection left out), values with none left
        out, and how many values have some. With top, the values that can be among the `top`
        most frequent (ties included) and those the request selects or excludes."""
        column = self.table.columns[field]
        hits = self.restrict(skip=param) if param in self.masks else self.hits
        rows = self.rows[hits]
        owners, groups = column.pairs(rows)
        width = max(len(column.labels), 1)
        pairs = np.unique(self.table.story[rows[owners]] * width + groups)
        totals = np.bincount(pairs % width, minlength=width)
        present = np.flatnonzero(totals)
        distinct = len(present)
        if top is not None and len(present) > top:
            least = np.partition(totals[present], len(present) - top)[len(present) - top]
            wanted = [column.keys[k] for k in map(fold, self.request.selected(param) + self.request.excluded(param))
                      if k in column.keys]
            present = np.union1d(present[totals[present] >= least], np.array(wanted, dtype=present.dtype))
            present = present[totals[present] > 0]
        return {column.labels[g]: int(totals[g]) for g in present.tolist()}, distinct


def date_mask(table: Table, start, end) -> np.ndarray | None:
    """Rows published from the day start to the day end, both included (None: open), or None."""
    if start is None and end is None:
        return None
    low = microseconds(datetime(start.year, start.month, start.day)) if start else np.iinfo(np.int64).min
    high = microseconds(datetime(end.year, end.month, end.day) + timedelta(days=1)) if end else np.iinfo(np.int64).max
    dated = table.moment != NO_MOMENT
    return dated & (table.moment >= low) & (table.moment < high)
