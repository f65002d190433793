"""The embedded backend, the default: the archive in a Whoosh index on this machine.

Matching and facet counts are array work over columns cached per build (see selection), and
searchers are lent from a pool, since opening one costs more than most searches.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from whoosh.index import open_dir

from searchapp.errors import ArticleNotFound, IndexMissing, IndexOutdated
from searchapp.ingest.entities import fold
from searchapp.models import MAX_RESULTS, Hit, SearchRequest
from searchapp.search.backend import HIGHLIGHT_FIELDS, MAX_ALSO, SORTS, Found, hit_of
from searchapp.search.columns import Columns, build_columns
from searchapp.search.facets import FACETS, facet_terms
from searchapp.rebuild.builds import build_version, current_index, load_report
from searchapp.search.query import DEFAULT_FIELDS, ParsedQuery, parse_query
from searchapp.search.ranking import WEIGHTING, phrase_boost, with_phrase_boost
from searchapp.search.report import SourceReport, source_reports
from searchapp.search.schema import SCHEMA_VERSION
from searchapp.search.selection import Selection, by_date, matching, ranked
from searchapp.search.spelling import correct_spelling

MAX_SEARCHERS = 16


class WhooshBackend:
    """Answers from the index at index_dir; follows rebuilds as they switch builds."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.Lock()
        self._opened: tuple[Path, object] | None = None
        self._columns: dict[Path, Columns] = {}
        self._pool: list = []  # searchers not in use

    def __str__(self) -> str:
        return f"the index in {self.index_dir}"

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
    def searcher(self):
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

    def find(self, request: SearchRequest, parsed: ParsedQuery, start: int, stop: int, *,
             facet_limit: int | None = None, snippets: bool = False) -> Found:
        with self.searcher() as searcher:
            selection = Selection(searcher, self.columns(searcher), request, parsed.query)
            top = self._top(searcher, request, parsed, selection, stop)
            terms = self._terms(parsed.understood_as or request.q, searcher) if snippets else None
            hits = tuple(self._hit(searcher, docnum, score, terms) for docnum, score in top[start:])
            counts, months = {}, {}
            if facet_limit is not None:
                # Years are listed by year, not count: all of them are counted.
                counts = {param: selection.counts(param, top=None if param == "year" else facet_limit)
                          for param in FACETS}
                months, _ = selection.counts("month", field="month")
            return Found(total=len(selection.stories()), hits=hits, counts=counts, months=months)

    def ranked_ids(self, request: SearchRequest, parsed: ParsedQuery, count: int) -> list[str]:
        with self.searcher() as searcher:
            selection = Selection(searcher, self.columns(searcher), request, parsed.query)
            ids = searcher.reader().column_reader("id")
            return [ids[docnum] for docnum, _ in self._top(searcher, request, parsed, selection, count)]

    def _top(self, searcher, request: SearchRequest, parsed, selection: Selection, count: int) -> list:
        """The best `count` results in order, one per story, as (docnum, score) pairs."""
        count = min(count, MAX_RESULTS)
        if count <= 0 or not len(selection.docs):
            return []
        sort = request.sort if request.sort in SORTS else ("newest" if not request.q.strip() else "relevance")
        if sort != "relevance":
            return [(int(d), 0.0) for d in by_date(selection, newest=sort == "newest")[:count]]
        text = parsed.understood_as or request.q
        if selection.scores is not None:  # scored with arrays (a query of words)
            return ranked(searcher, selection, phrase_boost(text, len(selection.docs)), count)
        query = with_phrase_boost(parsed.query, text, len(selection.docs))
        allowed, moment = selection.allowed(), selection.columns.moment
        limit = count * 2 + 10
        while True:
            # Whoosh's own top-k (it skips blocks that cannot make the list); equal scores then
            # go newest first, then by document number, so the order never varies.
            results = searcher.search(query, limit=limit, filter=allowed)
            ordered = sorted(((h.docnum, h.score) for h in results), key=lambda ds: (-ds[1], -int(moment[ds[0]]), ds[0]))
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

    def facet_counts(self, request: SearchRequest, parsed: ParsedQuery, param: str) -> tuple[dict[str, int], int]:
        with self.searcher() as searcher:
            selection = Selection(searcher, self.columns(searcher), request, parsed.query)
            return selection.counts(param)

    def correct(self, q: str, total: int) -> str:
        """The query with words unknown to the archive replaced by the nearest known ones, when
        that finds more."""
        with self.searcher() as searcher:
            corrected = correct_spelling(q, searcher.reader())
            if not corrected:
                return ""
            found, _ = matching(searcher, self.columns(searcher), parse_query(corrected).query)
            return corrected if len(found) > total else ""

    @staticmethod
    def _hit(searcher, docnum: int, score: float = 0.0, terms: set[str] | None = None) -> Hit:
        fields = searcher.stored_fields(docnum)
        return hit_of(fields, score, terms, republished(searcher, fields.get("cluster", ""), fields["id"]))

    def document(self, article_id: str, q: str = "") -> tuple[dict, tuple, set[str]]:
        """An article's stored fields, the other copies of its story, and q's words as indexed."""
        with self.searcher() as searcher:
            fields = searcher.document(id=article_id)
            if fields is None:
                raise ArticleNotFound(article_id)
            return fields, republished(searcher, fields.get("cluster", ""), article_id), self._terms(q, searcher)

    def similar(self, article_id: str, count: int = 5) -> list[Hit]:
        """Articles closest in content (by the body's key terms), other copies of the story left out."""
        with self.searcher() as searcher:
            docnum = searcher.document_number(id=article_id)
            if docnum is None:
                raise ArticleNotFound(article_id)
            cluster = searcher.stored_fields(docnum).get("cluster", article_id)
            similar = searcher.more_like(docnum, "body", top=count * 3, numterms=25)
            found, seen = [], {cluster}
            for hit in similar:
                key = hit.get("cluster") or hit["id"]
                if key not in seen:
                    seen.add(key)
                    found.append(self._hit(searcher, hit.docnum, hit.score))
            return found[:count]

    def complete(self, prefix: str, count: int) -> list[str]:
        """People, places and words of the archive starting with prefix (its last word)."""
        head, _, last = prefix.rpartition(" ")
        key = fold(prefix)
        with self.searcher() as searcher:
            reader = searcher.reader()
            names = [v for field in ("people", "places") for v in facet_terms(reader, field) if fold(v).startswith(key)]
            words = sorted(reader.expand_prefix("words", fold(last)), key=lambda w: -reader.frequency("words", w))
        words = [w.decode("utf-8") if isinstance(w, bytes) else w for w in words]
        return names + [f"{head} {w}".strip() for w in words if len(w) > 1]

    @staticmethod
    def _terms(q: str, searcher) -> set[str]:
        """Indexed forms of the query's words, wildcards expanded, for highlighting."""
        if not q.strip():
            return set()
        parsed = parse_query(q)
        if parsed.query is None:
            return set()
        reader, found = searcher.reader(), set()
        # Query.existing_terms() reuses its fieldname argument as a loop variable and so skips
        # every field but the first; expand each leaf here instead.
        for leaf in parsed.query.leaves():
            for field, text in leaf.expanded_terms(reader, phrases=True):
                if field in HIGHLIGHT_FIELDS:
                    found.add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return found

    def report(self) -> tuple[list[SourceReport], dict]:
        rebuild = load_report(current_index(self.index_dir))
        with self.searcher() as searcher:
            return source_reports(searcher, rebuild), rebuild

    def sources(self) -> list[str]:
        with self.searcher() as searcher:
            return sorted(facet_terms(searcher.reader(), "source"), key=str.casefold)

    def count(self) -> int:
        with self.searcher() as searcher:
            return searcher.doc_count()


def republished(searcher, cluster: str, article_id: str) -> tuple[tuple[str, str], ...]:
    """(id, source) of the other articles in a cluster: "also published by"."""
    if not cluster:
        return ()
    others = searcher.documents(cluster=cluster)
    return tuple((d["id"], d.get("source", "")) for d in others if d["id"] != article_id)[:MAX_ALSO]
