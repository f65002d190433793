"""The tantivy engine: searchapp's Engine protocol (backends/base.py) over an embedded tantivy
index, one per build folder, served through the `current` link the rebuild switches."""
from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import tantivy

from searchapp.backends.base import FacetCounts, Found, Match
from searchapp.backends.folders import build_version, current_index, load_report
from searchapp.backends.tantivy import vocabulary
from searchapp.backends.tantivy.compile import to_tantivy
from searchapp.backends.tantivy.schema import SCHEMA, SERIAL, record_of
from searchapp.backends.tantivy.selection import Selection
from searchapp.backends.tantivy.table import Table, build_table, load_rows
from searchapp.backends.tantivy.writer import TantivyWriter, holds_index, index_folder
from searchapp.errors import ArticleNotFound, IndexMissing, IndexOutdated, SearchappError
from searchapp.models import MAX_RESULTS, SearchRequest
from searchapp.search import query as q
from searchapp.search.analysis import words
from searchapp.search.facets import FACETS
from searchapp.search.schema import SCHEMA_VERSION
from searchapp.text import fold

SIMILAR_WORDS = 25  # the body's key words a "similar articles" search looks for


@dataclass
class Build:
    """An opened build: its index, its table, and what is read once per build."""

    folder: Path
    index: tantivy.Index
    table: Table
    everything: tuple[list, np.ndarray] | None = None  # (addresses, rows) of every document
    copies: dict[str, list[tuple[str, str]]] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Matches:
    """A query's matches: where tantivy keeps them, their table rows, their scores."""

    addresses: list
    rows: np.ndarray
    scores: np.ndarray


class TantivyEngine:
    """Answers from the tantivy index of the build `current` points to in index_dir."""

    ranks_with_boosts = True

    def __init__(self, index_dir: Path, address: str = "") -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._build: Build | None = None

    def __str__(self) -> str:
        return f"the tantivy index in {self.index_dir}"

    def _current(self) -> Build:
        """The served build, opened once (its table read) and kept until a rebuild switches."""
        folder = current_index(self.index_dir)
        if folder is None:
            raise IndexMissing(f"no index at {self.index_dir}: run `searchapp rebuild SOURCE --index {self.index_dir}`")
        with self._lock:
            if self._build is None or self._build.folder != folder:
                if build_version(folder) != SCHEMA_VERSION or not holds_index(folder):
                    raise IndexOutdated(f"the index at {self.index_dir} was built by another version or engine: "
                                        f"run `searchapp rebuild SOURCE --full --index {self.index_dir}`")
                index = tantivy.Index.open(str(index_folder(folder)))
                self._build = Build(folder, index, build_table(list(load_rows(folder).values())))
            return self._build

    def _match(self, build: Build, searcher: tantivy.Searcher, query: q.Query) -> Matches:
        if isinstance(query, q.Every):
            addresses, rows = self._everything(build, searcher)
            return Matches(addresses, rows, np.zeros(len(rows)))
        hits = searcher.search(to_tantivy(query, searcher), limit=max(searcher.num_docs, 1), count=False).hits
        addresses = [address for _, address in hits]
        serials = searcher.fast_field_values(SERIAL, addresses) if addresses else []
        return Matches(addresses, build.table.rows_of(serials),
                       np.array([score for score, _ in hits], dtype=np.float64))

    @staticmethod
    def _everything(build: Build, searcher: tantivy.Searcher) -> tuple[list, np.ndarray]:
        with build.lock:
            if build.everything is None:
                hits = searcher.search(tantivy.Query.all_query(), limit=max(searcher.num_docs, 1), count=False).hits
                addresses = [address for _, address in hits]
                serials = searcher.fast_field_values(SERIAL, addresses) if addresses else []
                build.everything = (addresses, build.table.rows_of(serials))
            return build.everything

    def _select(self, request: SearchRequest, query: q.Query):
        build = self._current()
        searcher = build.index.searcher()
        matches = self._match(build, searcher, query)
        return build, searcher, matches, Selection(build.table, request, matches.rows, matches.scores)

    def find(self, request: SearchRequest, query: q.Query, start: int, stop: int, *,
             facets: dict[str, int | None] | None = None) -> Found:
        _, searcher, matches, selection = self._select(request, query)
        ordered = selection.ordered(request.order)
        shown = ordered[max(start, 0):min(stop, MAX_RESULTS)].tolist()
        found = tuple(Match(record_of(searcher.doc(matches.addresses[h])), float(matches.scores[h])) for h in shown)
        counts, months = {}, {}
        if facets is not None:
            counts = {param: selection.counts(FACETS[param].field, param, top) for param, top in facets.items()}
            months, _ = selection.counts("month")
        return Found(total=len(ordered), matches=found, counts=counts, months=months)

    def count_values(self, request: SearchRequest, query: q.Query, param: str, values: Sequence[str]) -> dict[str, int]:
        counts, _ = self.facet_counts(request, query, param)
        by_key = {fold(value): count for value, count in counts.items()}
        return {value: by_key[fold(value)] for value in values if by_key.get(fold(value))}

    def facet_counts(self, request: SearchRequest, query: q.Query, param: str) -> FacetCounts:
        _, _, _, selection = self._select(request, query)
        return selection.counts(FACETS[param].field, param)

    def ranked_ids(self, request: SearchRequest, query: q.Query, count: int) -> list[str]:
        build, _, matches, selection = self._select(request, query)
        ordered = selection.ordered(request.order)[:min(count, MAX_RESULTS)]
        return [build.table.ids[row] for row in matches.rows[ordered].tolist()]

    def _address(self, searcher: tantivy.Searcher, article_id: str):
        hits = searcher.search(tantivy.Query.term_query(SCHEMA, "id", article_id), limit=1).hits
        return hits[0][1] if hits else None

    def document(self, article_id: str) -> dict | None:
        searcher = self._current().index.searcher()
        address = self._address(searcher, article_id)
        return None if address is None else record_of(searcher.doc(address))

    def copies(self, clusters: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        build = self._current()
        with build.lock:
            if build.copies is None:
                table, sources = build.table, build.table.columns["source"]
                stories: dict[str, list[tuple[str, str]]] = {}
                for row, article_id in enumerate(table.ids):
                    source = sources.groups[sources.starts[row]:sources.starts[row + 1]]
                    label = sources.labels[source[0]] if len(source) else ""
                    stories.setdefault(table.clusters[table.story[row]], []).append((article_id, label))
                build.copies = {cluster: sorted(found) for cluster, found in stories.items()}
        return {cluster: build.copies.get(cluster, []) for cluster in clusters}

    def similar(self, article_id: str, count: int) -> list[Match]:
        build = self._current()
        searcher = build.index.searcher()
        address = self._address(searcher, article_id)
        if address is None:
            raise ArticleNotFound(article_id)
        record = record_of(searcher.doc(address))
        body = " ".join(words("text", record.get("body", ""), record.get("language", "")))
        if not body:
            return []
        query = tantivy.Query.more_like_this_document_fields_query(
            SCHEMA, {"body": [body]}, min_doc_frequency=1, min_term_frequency=1, max_query_terms=SIMILAR_WORDS)
        hits = searcher.search(query, limit=count * 3 + 10).hits
        serials = searcher.fast_field_values(SERIAL, [a for _, a in hits]) if hits else []
        found, seen = [], {record.get("cluster") or article_id}
        for (score, address), row in zip(hits, build.table.rows_of(serials).tolist(), strict=True):
            story = build.table.clusters[build.table.story[row]]
            if story not in seen:
                seen.add(story)
                found.append(Match(record_of(searcher.doc(address)), float(score)))
        return found[:count]

    def values(self, param: str) -> list[str]:
        return sorted(self._current().table.columns[FACETS[param].field].spellings, key=lambda v: (fold(v), v))

    def joined(self, param: str) -> dict[str, tuple[str, ...]]:
        return self._current().table.columns[FACETS[param].field].joined

    def words(self, prefix: str, count: int) -> list[str]:
        return vocabulary.completions(self._current().index.searcher(), prefix, count)

    def frequency(self, word: str) -> int:
        return vocabulary.frequency(self._current().index.searcher(), word)

    def content_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        searcher = self._current().index.searcher()
        return {word: searcher.doc_freq("content", word) for word in words}

    def near(self, word: str, distance: int) -> list[str]:
        return vocabulary.near(self._current().index.searcher(), word, distance)

    def expand(self, leaf: q.Leaf, limit: int) -> list[str]:
        return vocabulary.expand(self._current().index.searcher(), leaf, limit)

    def per_source(self, flag: str | None = None) -> dict[str, int]:
        table = self._current().table
        sources, flags = table.columns["source"], table.columns["flags"]
        wanted = np.ones(table.size, dtype=bool) if flag is None else flags.rows_with([fold(flag)], table.size)
        _, groups = sources.pairs(np.flatnonzero(wanted))
        totals = np.bincount(groups, minlength=len(sources.labels))
        return {sources.labels[g]: int(totals[g]) for g in np.flatnonzero(totals).tolist()}

    def rebuild_report(self) -> dict:
        folder = current_index(self.index_dir)
        return load_report(folder) if folder else {}

    def count(self) -> int:
        return self._current().index.searcher().num_docs

    def warm(self, searchers: int = 1) -> None:
        """Open the served build and read its table and document list now, not at the first search."""
        try:
            build = self._current()
        except (IndexMissing, IndexOutdated):
            return
        self._everything(build, build.index.searcher())
        build.table.date_order(True)

    def writer(self, build: Path, previous: Path | None, part: tuple[int, int]) -> TantivyWriter:
        if part != (1, 1):
            raise SearchappError("--part splits the loading of a search cluster; the tantivy index has one writer")
        return TantivyWriter(build, previous)

    def holds(self, previous: Path, part: tuple[int, int]) -> bool:
        return part == (1, 1) and holds_index(previous)
