"""The Whoosh engine: answers from the index at index_dir, following rebuilds as they switch builds.

Matching and facet counts are array work over columns cached per build (see selection), and
searchers are lent from a pool, since opening one costs more than most searches.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from whoosh import query as wq
from whoosh import sorting
from whoosh.index import open_dir

from searchapp.backends.base import FacetCounts, Found, Match
from searchapp.backends.folders import build_version, current_index, load_report
from searchapp.backends.whoosh.columns import Columns, build_columns
from searchapp.backends.whoosh.compile import to_whoosh
from searchapp.backends.whoosh.postings import Stores
from searchapp.backends.whoosh.ranking import WEIGHTING, phrase_boost, with_phrase_boost
from searchapp.backends.whoosh.schema import analysis_in
from searchapp.backends.whoosh.selection import Selection, by_date, ranked
from searchapp.backends.whoosh.store import open_store
from searchapp.backends.whoosh.writer import WhooshWriter
from searchapp.errors import ArticleNotFound, IndexMissing, IndexOutdated, SearchappError
from searchapp.models import MAX_RESULTS, SearchRequest
from searchapp.search import query as q
from searchapp.search.analysis import DEFAULT_LANGUAGE, analysis_of
from searchapp.search.facets import FACETS
from searchapp.search.parse import DEFAULT_FIELDS
from searchapp.search.schema import SCHEMA_VERSION

MAX_SEARCHERS = 16


class WhooshEngine:
    """The archive in a Whoosh index on this machine (the default engine)."""

    ranks_with_boosts = True

    def __init__(self, index_dir: Path, address: str = "") -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._opened: tuple[Path, object] | None = None
        self._columns: dict[Path, Columns] = {}
        self._stores: dict[Path, Stores] = {}
        self._pool: list = []  # searchers not in use

    def __str__(self) -> str:
        return f"the index in {self.index_dir}"

    # Searchers and columns

    def _current(self) -> tuple[Path, object]:
        """The current build and its index, read together so that they always agree."""
        build = current_index(self.index_dir)
        if build is None:
            raise IndexMissing(f"no index at {self.index_dir}: run `searchapp rebuild SOURCE --index {self.index_dir}`")
        with self._lock:
            if self._opened is None or self._opened[0] != build:
                if build_version(build) != SCHEMA_VERSION:
                    raise IndexOutdated(f"the index at {self.index_dir} was built by another version of searchapp: "
                                        f"run `searchapp rebuild SOURCE --full --index {self.index_dir}`")
                self._opened = (build, open_dir(str(build)))
            return self._opened

    def _open_searcher(self):
        """A new searcher that ranks as the site does, marked with its build: facet columns must
        come from the same build, even when a rebuild switches while it is open."""
        build, index = self._current()
        searcher = index.searcher(weighting=WEIGHTING)
        searcher.build = build
        return searcher

    @contextmanager
    def searcher(self) -> Iterator:
        """A searcher on the current index, lent from a pool: opening one costs more than most
        searches, and one searcher serves one request at a time."""
        build = current_index(self.index_dir)
        with self._lock:
            while self._pool and self._pool[-1].build != build:  # a rebuild switched builds
                self._pool.pop().close()
            lent = self._pool.pop() if self._pool else None
        if lent is None:
            lent = self._open_searcher()
        try:
            yield lent
        finally:
            with self._lock:
                if lent.build == current_index(self.index_dir) and len(self._pool) < MAX_SEARCHERS:
                    self._pool.append(lent)
                else:
                    lent.close()

    def warm(self, searchers: int = 1) -> None:
        """Open searchers (one per server thread) and read the facet columns and field lengths
        now, so visitors do not wait for them: on a large index that takes seconds."""
        try:
            opened = [self._open_searcher() for _ in range(min(searchers, MAX_SEARCHERS))]
            columns = self.columns(opened[0])
            for field in DEFAULT_FIELDS:
                columns.lengths(opened[0].reader(), field)
        except IndexMissing:
            return
        with self._lock:
            self._pool.extend(opened)

    def columns(self, searcher) -> Columns:
        """The facet columns of the searcher's build, made on first use and kept with it."""
        with self._lock:
            if searcher.build not in self._columns:
                self._columns = {searcher.build: build_columns(searcher.reader())}
            return self._columns[searcher.build]

    def stores(self, searcher) -> Stores:
        """Our own postings arrays of the searcher's build, per segment (store.py), mapped on first use."""
        with self._lock:
            if searcher.build not in self._stores:
                segments = [leaf.reader().segment().segment_id() for leaf, _ in searcher.leaf_searchers()]
                opened = {segment: open_store(searcher.build, segment) for segment in segments}
                self._stores = {searcher.build: {segment: fields for segment, fields in opened.items() if fields}}
            return self._stores[searcher.build]

    def _select(self, searcher, request: SearchRequest, query: q.Query) -> Selection:
        return Selection(searcher, self.columns(searcher), request, to_whoosh(query), self.stores(searcher))

    # Searching

    def find(self, request: SearchRequest, query: q.Query, start: int, stop: int, *,
             facets: dict[str, int | None] | None = None) -> Found:
        with self.searcher() as searcher:
            selection = self._select(searcher, request, query)
            top = self._top(searcher, request, query, selection, stop)
            matches = tuple(Match(searcher.stored_fields(docnum), score) for docnum, score in top[start:])
            counts: dict[str, FacetCounts] = {}
            months: dict[str, int] = {}
            if facets is not None:
                counts = {param: selection.counts(param, top=limit) for param, limit in facets.items()}
                months, _ = selection.counts("month", field="month")
            return Found(total=len(selection.stories()), matches=matches, counts=counts, months=months)

    def count_values(self, request: SearchRequest, query: q.Query, param: str, values: Sequence[str]) -> dict[str, int]:
        with self.searcher() as searcher:
            return self._select(searcher, request, query).counts_of(param, values)

    def facet_counts(self, request: SearchRequest, query: q.Query, param: str) -> FacetCounts:
        with self.searcher() as searcher:
            return self._select(searcher, request, query).counts(param)

    def ranked_ids(self, request: SearchRequest, query: q.Query, count: int) -> list[str]:
        with self.searcher() as searcher:
            selection = self._select(searcher, request, query)
            ids = searcher.reader().column_reader("id")
            return [ids[docnum] for docnum, _ in self._top(searcher, request, query, selection, count)]

    def _top(self, searcher, request: SearchRequest, tree: q.Query, selection: Selection, count: int) -> list:
        """The best `count` results in order, one per story, as (docnum, score) pairs."""
        count = min(count, MAX_RESULTS)
        if count <= 0 or not len(selection.docs):
            return []
        if request.order != "relevance":
            return [(int(d), 0.0) for d in by_date(selection, newest=request.order == "newest")[:count]]
        if selection.scores is not None:  # scored with arrays (a query of words)
            return ranked(selection, phrase_boost(tree, len(selection.docs)), count)
        query = with_phrase_boost(to_whoosh(tree), tree, len(selection.docs))
        allowed, moment = selection.allowed(), selection.columns.moment
        limit = count * 2 + 10
        while True:
            # Whoosh's own top-k (it skips blocks that cannot make the list); equal scores then
            # go newest first, then by document number, so the order never varies.
            results = searcher.search(query, limit=limit, filter=allowed)
            ordered = sorted(((h.docnum, h.score) for h in results),
                             key=lambda ds: (-ds[1], -int(moment[ds[0]]), ds[0]))
            top, seen = [], set()
            for docnum, score in ordered:
                story = selection.columns.story[docnum]
                if story not in seen:
                    seen.add(story)
                    top.append((docnum, score))
                    if len(top) == count:
                        break
            if results.scored_length() < limit:  # every match was looked at
                return top
            # Documents Whoosh did not return score at most its last one: when that ties with the
            # last kept, a newer one may be among them (all of a date range's matches tie).
            if len(top) == count and ordered[-1][1] < top[-1][1]:
                return top
            limit *= 4

    # Articles

    def document(self, article_id: str) -> dict | None:
        with self.searcher() as searcher:
            return searcher.document(id=article_id)

    def copies(self, clusters: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """(id, source) of each cluster's documents, read from the columns: the stored fields of
        every hit cost more than the rest of a results page's bookkeeping."""
        with self.searcher() as searcher:
            columns, reader = self.columns(searcher), searcher.reader()
            ids, sources = reader.column_reader("id"), columns.fields["source"]
            return {cluster: sorted((ids[d], sources.value_of(d)) for d in columns.story_of(cluster).tolist()
                                    if not reader.is_deleted(d))
                    for cluster in dict.fromkeys(clusters) if cluster}

    def similar(self, article_id: str, count: int) -> list[Match]:
        """Articles sharing the body's key terms (Whoosh's more_like), one per story."""
        with self.searcher() as searcher:
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                raise ArticleNotFound(article_id)
            fields = searcher.stored_fields(docnum)
            cluster = fields.get("cluster", article_id)
            # Key terms of an article in another language than English are its words as indexed.
            analysis = analysis_of(fields.get("language", ""))
            words = None if analysis == DEFAULT_LANGUAGE else \
                analysis_in("text", analysis).words(fields.get("body", ""))
            similar = searcher.more_like(docnum, "body", text=words, top=count * 3, numterms=25)
            found, seen = [], {cluster}
            for hit in similar:
                key = hit.get("cluster") or hit["id"]
                if key not in seen:
                    seen.add(key)
                    found.append(Match(searcher.stored_fields(hit.docnum), hit.score))
            return found[:count]

    # The vocabulary

    def values(self, param: str) -> list[str]:
        with self.searcher() as searcher:
            return [decoded(term) for term in searcher.reader().field_terms(FACETS[param].field)]

    def joined(self, param: str) -> dict[str, tuple[str, ...]]:
        with self.searcher() as searcher:
            return self.columns(searcher).fields[FACETS[param].field].joined

    def words(self, prefix: str, count: int) -> list[str]:
        with self.searcher() as searcher:
            reader = searcher.reader()
            found = sorted(reader.expand_prefix("words", prefix), key=lambda w: -reader.doc_frequency("words", w))
            return [decoded(word) for word in found[:count]]

    def frequency(self, word: str) -> int:
        with self.searcher() as searcher:
            return searcher.reader().doc_frequency("words", word)

    def content_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        with self.searcher() as searcher:
            reader = searcher.reader()
            return {word: reader.doc_frequency("content", word) for word in words}

    def near(self, word: str, distance: int) -> list[str]:
        """Each segment's words are searched with its own automaton: Whoosh's corrector over
        several segments compares every word instead (5x slower on an index of two segments)."""
        with self.searcher() as searcher:
            found = {decoded(term) for leaf, _ in searcher.reader().leaf_readers()
                     for term in leaf.terms_within("words", word, distance, prefix=1)}
        found.discard(word)
        return sorted(found)

    def expand(self, leaf: q.Leaf, limit: int) -> list[str]:
        compiled = to_whoosh(leaf)
        with self.searcher() as searcher:
            reader = searcher.reader()
            if not isinstance(compiled, wq.MultiTerm) or compiled.field() not in reader.schema:
                return []
            return [decoded(word) for word in islice(compiled._btexts(reader), limit + 1)]

    # The archive as a whole

    def per_source(self, flag: str | None = None) -> dict[str, int]:
        query = wq.Every() if flag is None else wq.Term("flags", flag)
        with self.searcher() as searcher:
            results = searcher.search(query, limit=1, groupedby={"source": sorting.FieldFacet("source")})
            return {source: len(docs) if not isinstance(docs, int) else docs
                    for source, docs in results.groups("source").items()}

    def rebuild_report(self) -> dict:
        build = current_index(self.index_dir)
        return load_report(build) if build else {}

    def count(self) -> int:
        with self.searcher() as searcher:
            return searcher.doc_count()

    # Writing

    def writer(self, build: Path, previous: Path | None, part: tuple[int, int]):
        if part != (1, 1):
            raise SearchappError("--part splits the loading of a search cluster between machines; the embedded "
                                 "index has one writer: use --workers to use more cores")
        return WhooshWriter(build, previous)

    def holds(self, previous: Path, part: tuple[int, int]) -> bool:
        """A build folder holds its own index."""
        return True


def decoded(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term

