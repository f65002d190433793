"""Each build's table: per document (by serial) its id, story, date and facet values, kept by the
writer beside the index and read as numpy columns when a build is opened, so that facet counts,
stories and date order are array work over a search's matches (tantivy-py has no collector that
counts distinct stories per value)."""
from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from searchapp.backends.tantivy.schema import utc
from searchapp.search.facets import BY_FIELD, REGISTRY
from searchapp.search.joins import Rule, joined_groups, merged
from searchapp.search.schema import LIST_SEPARATOR, split_list
from searchapp.text import fold

FILE = "tantivy-table.pickle"
# The facet fields, the month (the timeline) and the flags (the report).
COLUMNS = (*(spec.field for spec in REGISTRY), "month", "flags")
NO_MOMENT = np.iinfo(np.int64).min // 2
EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Row:
    serial: int
    id: str
    cluster: str
    date: datetime | None
    values: dict[str, tuple[str, ...]]  # column -> its values


def row_of(record: dict, serial: int) -> Row:
    """What the table keeps of an article's record (search/schema.py's to_document)."""
    return Row(serial, record["id"], record.get("cluster") or record["id"], record.get("date"),
               {name: split_list(record.get(name) or "") for name in COLUMNS})


def save_rows(rows: dict[str, Row], folder: Path) -> None:
    """Write the table (id -> Row, serials increasing) atomically into a build folder."""
    temporary = folder / f".{FILE}.tmp"
    with open(temporary, "wb") as handle:
        pickle.dump(list(rows.values()), handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(folder / FILE)


def load_rows(folder: Path) -> dict[str, Row]:
    with open(folder / FILE, "rb") as handle:
        return {row.id: row for row in pickle.load(handle)}


@dataclass
class Column:
    """One column's values grouped by their folded spelling (and a facet's joined values with the
    value they join: search/joins.py), as CSR arrays over rows."""

    labels: list[str]  # group -> the spelling used most
    spellings: list[str]  # every value as written, each once
    keys: dict[str, int]  # folded value -> group
    starts: np.ndarray  # row -> first position in groups (len rows + 1)
    groups: np.ndarray  # the rows' groups, row after row
    joined: dict[str, tuple[str, ...]] = field(default_factory=dict)  # label -> the spellings it stands for

    def rows_with(self, folded: list[str], size: int) -> np.ndarray:
        """A boolean mask over rows: those with a value in any of the folded spellings."""
        wanted = np.array([self.keys[k] for k in folded if k in self.keys], dtype=np.int64)
        owners = np.repeat(np.arange(size), np.diff(self.starts))
        mask = np.zeros(size, dtype=bool)
        mask[owners[np.isin(self.groups, wanted)]] = True
        return mask

    def pairs(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index into rows, group) for every value of the given rows."""
        begin, end = self.starts[rows], self.starts[rows + 1]
        lengths = end - begin
        total = int(lengths.sum())
        if not total:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        offsets = np.repeat(begin - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        return np.repeat(np.arange(len(rows)), lengths), self.groups[offsets + np.arange(total)]


@dataclass
class Table:
    """A build's table as columns; a row is a position in `serials` (sorted)."""

    serials: np.ndarray
    ids: list[str]
    id_rank: np.ndarray  # row -> its place in id order
    story: np.ndarray  # row -> story number
    clusters: list[str]  # story number -> cluster
    moment: np.ndarray  # row -> microseconds since 1970 (UTC), NO_MOMENT when undated
    columns: dict[str, Column]
    orders: dict[bool, np.ndarray] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.serials)

    def rows_of(self, serials: Sequence) -> np.ndarray:
        return np.searchsorted(self.serials, np.asarray(serials, dtype=np.uint64))

    def date_order(self, newest: bool) -> np.ndarray:
        """Every row by date (newest or oldest first, undated last, ties by id), sorted once."""
        if newest not in self.orders:
            self.orders[newest] = np.lexsort((self.id_rank, date_key(self.moment, newest)))
        return self.orders[newest]


def date_key(moment: np.ndarray, newest: bool) -> np.ndarray:
    """A key that sorts by date, newest or oldest first, undated last."""
    return np.where(moment == NO_MOMENT, np.iinfo(np.int64).max, -moment if newest else moment)


def microseconds(moment: datetime | None) -> int:
    if moment is None:
        return int(NO_MOMENT)
    delta = utc(moment) - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def build_table(rows: list[Row]) -> Table:
    """The columns of a build's rows (sorted by serial, as the writer keeps them)."""
    rows = sorted(rows, key=lambda row: row.serial)
    ids = [row.id for row in rows]
    id_rank = np.empty(len(rows), dtype=np.int64)
    id_rank[sorted(range(len(rows)), key=ids.__getitem__)] = np.arange(len(rows))
    clusters, story = np.unique(np.array([row.cluster for row in rows] or [""], dtype=object), return_inverse=True)
    return Table(
        serials=np.array([row.serial for row in rows], dtype=np.uint64), ids=ids, id_rank=id_rank,
        story=story[:len(rows)].astype(np.int64), clusters=list(clusters),
        moment=np.array([microseconds(row.date) for row in rows], dtype=np.int64),
        columns={name: build_column([row.values[name] for row in rows], rule_of(name)) for name in COLUMNS},
    )


def rule_of(name: str) -> Rule | None:
    """The rule by which a column's values join others across the archive, if any."""
    spec = BY_FIELD.get(name)
    return spec.joins if spec else None


def build_column(values: list[tuple[str, ...]], rule: Rule | None = None) -> Column:
    keys: dict[str, int] = {}
    spellings: list[Counter] = []
    groups: list[int] = []
    for row_values in values:
        for value in row_values:
            group = keys.setdefault(fold(value), len(keys))
            if group == len(spellings):
                spellings.append(Counter())
            spellings[group][value] += 1
            groups.append(group)
    starts = np.concatenate(([0], np.cumsum([len(v) for v in values], dtype=np.int64))).astype(np.int64)
    labels = [counter.most_common(1)[0][0] for counter in spellings]
    every = [value for counter in spellings for value in counter]
    column = Column(labels, every, keys, starts, np.array(groups, dtype=np.int64))
    joined = joined_groups(rule, labels, [sum(counter.values()) for counter in spellings])
    return with_joins(column, joined, spellings) if joined else column


def with_joins(column: Column, joined: dict[int, int], spellings: list[Counter]) -> Column:
    """The column with each joined group ({group: the group it joins}) made part of the group it
    joins: its spellings select and count as that group, and a row naming both holds it once."""
    rows = np.repeat(np.arange(len(column.starts) - 1), np.diff(column.starts))
    into, first = merged(rows, column.groups, joined, len(column.labels))
    groups = into[column.groups]
    starts = np.concatenate(([0], np.cumsum(np.bincount(rows[first], minlength=len(column.starts) - 1))))
    stands_for: dict[int, list[str]] = {other: [] for other in joined.values()}
    for group, counter in enumerate(spellings):
        if int(into[group]) in stands_for:
            stands_for[int(into[group])] += list(counter)
    return Column(column.labels, column.spellings, {key: int(into[g]) for key, g in column.keys.items()},
                  starts.astype(np.int64), groups[first],
                  {column.labels[other]: tuple(texts) for other, texts in stands_for.items()})


__all__ = ["COLUMNS", "FILE", "LIST_SEPARATOR", "Row", "Table", "build_table", "load_rows", "row_of", "save_rows"]
