"""The search service: the only door from the web layer and the CLI into the index."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whoosh.index import open_dir

from searchapp.errors import ArticleNotFound, IndexMissing, IndexOutdated, QueryError
from searchapp.ingest.explain import Block, explain
from searchapp.models import MAX_RESULTS, Article, Facet, Hit, MonthCount, SearchPage, SearchRequest
from searchapp.ingest.entities import fold
from searchapp.search.columns import Columns, build_columns
from searchapp.search.facets import FACETS, build_facet, facet_terms
from searchapp.search.selection import Selection, by_date, matching, ranked
from searchapp.search.highlight import mark_terms, snippet_of
from searchapp.search.indexer import build_version, current_index, load_report
from searchapp.search.report import SourceReport, source_reports
from searchapp.search.query import DEFAULT_FIELDS, parse_query
from searchapp.search.ranking import WEIGHTING, phrase_boost, with_phrase_boost

SORTS = ("relevance", "newest", "oldest")
from searchapp.search.spelling import correct_spelling
from searchapp.search.schema import SCHEMA_VERSION, UNKNOWN_YEAR, from_fields, split_list

HIGHLIGHT_FIELDS = ("title", "body", "captions", "content")
MAX_SEARCHERS = 16
FEW_RESULTS = 3  # fewer than this and "did you mean" is worth computing
MAX_ALSO = 10


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its paragraphs as HTML, the query's words marked."""

    article: Article
    paragraphs: tuple[str, ...]
    title_html: str
    also: tuple[tuple[str, str], ...] = ()  # (id, source) of the same story on other sites


class SearchService:
    """Answer SearchRequests from the index at index_dir; follows rebuilds as they switch."""

    def __init__(self, index_dir: Path, facet_limit: int = 10) -> None:
        self.index_dir = Path(index_dir)
        self.facet_limit = facet_limit
        self._lock = threading.Lock()
        self._opened: tuple[Path, object] | None = None
        self._columns: dict[Path, Columns] = {}
        self._pool: list[tuple[Path, object]] = []  # (build, searcher) not in use

    def index(self):
        """The current index, reopened when a rebuild has switched to a new one."""
        build = current_index(self.index_dir)
        if build is None:
            raise IndexMissing(f"no index at {self.index_dir}: run `searchapp rebuild SOURCE --index {self.index_dir}`")
        with self._lock:
            if self._opened is None or self._opened[0] != build:
                if build_version(build) != SCHEMA_VERSION:
                    raise IndexOutdated(f"the index at {self.index_dir} was built by another version of searchapp: "
                                        f"run `searchapp rebuild SOURCE --full --index {self.index_dir}`")
                self._opened = (build, open_dir(str(build)))
            return self._opened[1]

    @contextmanager
    def searcher(self):
        """A searcher on the current index that ranks as the site does, lent from a pool: opening
        one costs more than most searches, and one searcher serves one request at a time."""
        build = current_index(self.index_dir)
        with self._lock:
            while self._pool and self._pool[-1][0] != build:  # a rebuild switched builds
                self._pool.pop()[1].close()
            lent = self._pool.pop() if self._pool else None
        if lent is None:
            lent = (build, self.index().searcher(weighting=WEIGHTING))
        try:
            yield lent[1]
        finally:
            with self._lock:
                if lent[0] == current_index(self.index_dir) and len(self._pool) < MAX_SEARCHERS:
                    self._pool.append(lent)
                else:
                    lent[1].close()

    def warm(self, searchers: int = 1) -> None:
        """Open searchers (one per server thread) and read the facet columns and field lengths
        now, so visitors do not wait for them: on a large index that takes seconds."""
        try:
            build = current_index(self.index_dir)
            opened = [(build, self.index().searcher(weighting=WEIGHTING)) for _ in range(min(searchers, MAX_SEARCHERS))]
            columns = self.columns(opened[0][1])
            for field in DEFAULT_FIELDS:
                columns.lengths(opened[0][1].reader(), field)
        except IndexMissing:
            return
        with self._lock:
            self._pool.extend(opened)

    def columns(self, searcher) -> Columns:
        """The facet columns of the current build, made on first use and kept with it."""
        build = current_index(self.index_dir)
        with self._lock:
            if build not in self._columns:
                self._columns = {build: build_columns(searcher.reader())}
            return self._columns[build]

    def search(self, request: SearchRequest) -> SearchPage:
        """Run one results page: hits with snippets, facet counts, timeline, total and time taken."""
        started = time.perf_counter()
        check_page(request)
        parsed = parse_query(request.q)
        with self.searcher() as searcher:
            selection = Selection(searcher, self.columns(searcher), request, parsed.query)
            stories = selection.stories()
            start = (max(1, request.page) - 1) * request.per_page
            top = self._top(searcher, request, parsed, selection, start + request.per_page)
            terms = self._terms(parsed.understood_as or request.q, searcher)
            hits = tuple(self._hit(searcher, docnum, score, terms) for docnum, score in top[start:])
            # Years are listed by year, not count: all of them are counted.
            counts = {param: selection.counts(param, top=None if param == "year" else self.facet_limit)
                      for param in FACETS}
            months, _ = selection.counts("month", field="month")
            total = len(stories)
            suggestion = self._suggestion(request.q, searcher, total) if total < FEW_RESULTS else ""
        return SearchPage(
            request=request, total=total, hits=hits,
            facets=tuple(build_facet(p, *counts[p], request=request, limit=self.facet_limit) for p in FACETS),
            elapsed=time.perf_counter() - started, notice=parsed.notice, understood_as=parsed.understood_as,
            timeline=month_counts(months), suggestion=suggestion,
        )

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
                        return top
            if results.scored_length() < limit:  # every match was looked at
                return top
            limit *= 4

    def ranked_ids(self, request: SearchRequest, count: int) -> list[str]:
        """Ids of the best `count` results, one per story: the ranking alone, without the page."""
        parsed = parse_query(request.q)
        with self.searcher() as searcher:
            selection = Selection(searcher, self.columns(searcher), request, parsed.query)
            ids = searcher.reader().column_reader("id")
            return [ids[docnum] for docnum, _ in self._top(searcher, request, parsed, selection, count)]

    def listing(self, request: SearchRequest, start: int = 0, count: int = 1000) -> tuple[int, list[Hit]]:
        """Total and a slice of the ranked results without snippets: feeds, exports, next/previous."""
        start = max(0, start)
        count = max(0, min(count, MAX_RESULTS - start))
        parsed = parse_query(request.q)
        with self.searcher() as searcher:
            selection = Selection(searcher, self.columns(searcher), request, parsed.query)
            top = self._top(searcher, request, parsed, selection, start + count) if count else []
            return len(selection.stories()), [self._hit(searcher, d, s) for d, s in top[start:]]

    def _suggestion(self, q: str, searcher, total: int) -> str:
        """The query with words unknown to the archive replaced by the nearest known ones, when
        that finds more."""
        corrected = correct_spelling(q, searcher.reader())
        if not corrected:
            return ""
        found, _ = matching(searcher, self.columns(searcher), parse_query(corrected).query)
        return corrected if len(found) > total else ""

    def facet(self, request: SearchRequest, param: str, order: str = "count", contains: str = "") -> Facet:
        """Every value of one facet for a search ("more…"), by count or name, optionally filtered."""
        if param not in FACETS:
            raise KeyError(param)
        with self.searcher() as searcher:
            selection = Selection(searcher, self.columns(searcher), request, parse_query(request.q).query)
            counts, _ = selection.counts(param)
        return build_facet(param, counts, request=request, limit=None, order=order, contains=contains)

    @staticmethod
    def _hit(searcher, docnum: int, score: float = 0.0, terms: set[str] | None = None) -> Hit:
        """A result copied out of the searcher; with terms, a snippet where they occur."""
        fields = searcher.stored_fields(docnum)
        snippet = snippet_of(fields.get("body", ""), terms) if terms is not None else ""
        return Hit(
            id=fields["id"], title=fields.get("title", ""), url=fields.get("url", ""),
            source=fields.get("source", ""), date=fields.get("date"),
            people=split_list(fields.get("people", "")), places=split_list(fields.get("places", "")),
            snippet=snippet, score=score,
            also=republished(searcher, fields.get("cluster", ""), fields["id"]),
        )

    def article(self, article_id: str, q: str = "") -> ArticleView:
        """One article by id, with the words of q marked; ArticleNotFound when there is none."""
        with self.searcher() as searcher:
            fields = searcher.document(id=article_id)
            if fields is None:
                raise ArticleNotFound(article_id)
            terms = self._terms(q, searcher)
            also = republished(searcher, fields.get("cluster", ""), article_id)
        article = from_fields(fields)
        return ArticleView(
            article=article, paragraphs=tuple(mark_terms(p, terms) for p in article.paragraphs),
            title_html=mark_terms(article.title, terms), also=also,
        )

    def more_like_this(self, article_id: str, count: int = 5) -> list[Hit]:
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

    def suggest(self, prefix: str, count: int = 8) -> list[str]:
        """Completions for a search box: people, places and words of the archive starting with prefix."""
        prefix = prefix.strip()
        if len(prefix) < 2:
            return []
        head, _, last = prefix.rpartition(" ")
        key = fold(prefix)
        with self.searcher() as searcher:
            reader = searcher.reader()
            names = [v for field in ("people", "places") for v in facet_terms(reader, field) if fold(v).startswith(key)]
            words = sorted(reader.expand_prefix("words", fold(last)), key=lambda w: -reader.frequency("words", w))
        words = [w.decode("utf-8") if isinstance(w, bytes) else w for w in words]
        found = names + [f"{head} {w}".strip() for w in words if len(w) > 1]
        return list(dict.fromkeys(found))[:count]

    def removed(self, article_id: str) -> tuple[Article, list[Block]]:
        """An article and its saved page block by block: kept, caption or removed."""
        article = self.article(article_id).article
        return article, explain(article)

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
        """Per-source counts of the index, and the report of the rebuild that made it."""
        rebuild = load_report(current_index(self.index_dir))
        with self.searcher() as searcher:
            return source_reports(searcher, rebuild), rebuild

    def sources(self) -> list[str]:
        """Every source (site) in the index, by name."""
        with self.searcher() as searcher:
            return sorted(facet_terms(searcher.reader(), "source"), key=str.casefold)

    def count(self) -> int:
        """Number of articles in the index."""
        with self.searcher() as searcher:
            return searcher.doc_count()


def check_page(request: SearchRequest) -> None:
    """Refuse a page size or a page beyond the MAX_RESULTS that can be paged through."""
    if request.per_page < 1 or request.page < 1:
        raise QueryError("Pages are numbered from 1 and hold at least one result.")
    if (request.page - 1) * request.per_page >= MAX_RESULTS:
        raise QueryError(f"Only the first {MAX_RESULTS:,} results can be paged through: narrow the search "
                         "with a facet, a date range or more words to reach the others.")


def republished(searcher, cluster: str, article_id: str) -> tuple[tuple[str, str], ...]:
    """(id, source) of the other articles in a cluster: "also published by"."""
    if not cluster:
        return ()
    others = searcher.documents(cluster=cluster)
    return tuple((d["id"], d.get("source", "")) for d in others if d["id"] != article_id)[:MAX_ALSO]



def month_counts(groups: dict) -> tuple[MonthCount, ...]:
    """Matches per month, oldest first, months without matches filled in with zero."""
    counts = {m: len(docs) if not isinstance(docs, int) else docs for m, docs in groups.items()
              if m and m != UNKNOWN_YEAR}
    if not counts:
        return ()
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append(MonthCount(key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)
