"""The search service: the only door from the web layer and the CLI into the index.

It reads queries and requests, asks the backend (embedded Whoosh, or a SphinxQL cluster) for
matches and counts, and makes what pages show from them, the same way whatever the backend.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from searchapp.errors import QueryError
from searchapp.ingest.explain import Block, explain
from searchapp.models import MAX_RESULTS, Article, Facet, Hit, MonthCount, SearchPage, SearchRequest
from searchapp.search.backend import Backend, open_backend
from searchapp.search.facets import FACETS, build_facet
from searchapp.search.highlight import mark_terms
from searchapp.search.query import parse_query
from searchapp.search.report import SourceReport
from searchapp.search.schema import UNKNOWN_YEAR, from_fields

FEW_RESULTS = 3  # fewer than this and "did you mean" is worth computing


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its paragraphs as HTML, the query's words marked."""

    article: Article
    paragraphs: tuple[str, ...]
    title_html: str
    also: tuple[tuple[str, str], ...] = ()  # (id, source) of the same story on other sites


class SearchService:
    """Answer SearchRequests from the backend configured (SEARCHAPP_BACKEND), by default the
    embedded index at index_dir, which it follows as rebuilds switch."""

    def __init__(self, index_dir: Path, facet_limit: int = 10, backend: Backend | str | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.facet_limit = facet_limit
        self.backend = backend if backend is not None and not isinstance(backend, str) else \
            open_backend(self.index_dir, backend)

    def warm(self, searchers: int = 1) -> None:
        """Make the first visitors' searches as fast as the next ones (see the backend's)."""
        self.backend.warm(searchers)

    def search(self, request: SearchRequest) -> SearchPage:
        """Run one results page: hits with snippets, facet counts, timeline, total and time taken."""
        started = time.perf_counter()
        check_page(request)
        parsed = parse_query(request.q)
        start = (max(1, request.page) - 1) * request.per_page
        found = self.backend.find(request, parsed, start, start + request.per_page,
                                  facet_limit=self.facet_limit, snippets=True)
        suggestion = self.backend.correct(request.q, found.total) if found.total < FEW_RESULTS else ""
        return SearchPage(
            request=request, total=found.total, hits=found.hits,
            facets=tuple(build_facet(p, *found.counts[p], request=request, limit=self.facet_limit) for p in FACETS),
            elapsed=time.perf_counter() - started, notice=parsed.notice, understood_as=parsed.understood_as,
            timeline=month_counts(found.months), suggestion=suggestion,
        )

    def ranked_ids(self, request: SearchRequest, count: int) -> list[str]:
        """Ids of the best `count` results, one per story: the ranking alone, without the page."""
        return self.backend.ranked_ids(request, parse_query(request.q), min(count, MAX_RESULTS))

    def listing(self, request: SearchRequest, start: int = 0, count: int = 1000) -> tuple[int, list[Hit]]:
        """Total and a slice of the ranked results without snippets: feeds, exports, next/previous."""
        start = max(0, start)
        count = max(0, min(count, MAX_RESULTS - start))
        found = self.backend.find(request, parse_query(request.q), start, start + count)
        return found.total, list(found.hits)

    def facet(self, request: SearchRequest, param: str, order: str = "count", contains: str = "") -> Facet:
        """Every value of one facet for a search ("more…"), by count or name, optionally filtered."""
        if param not in FACETS:
            raise KeyError(param)
        counts, _ = self.backend.facet_counts(request, parse_query(request.q), param)
        return build_facet(param, counts, request=request, limit=None, order=order, contains=contains)

    def article(self, article_id: str, q: str = "") -> ArticleView:
        """One article by id, with the words of q marked; ArticleNotFound when there is none."""
        fields, also, terms = self.backend.document(article_id, q)
        article = from_fields(fields)
        return ArticleView(
            article=article, paragraphs=tuple(mark_terms(p, terms) for p in article.paragraphs),
            title_html=mark_terms(article.title, terms), also=also,
        )

    def more_like_this(self, article_id: str, count: int = 5) -> list[Hit]:
        """Articles closest in content (by the body's key terms), other copies of the story left out."""
        return self.backend.similar(article_id, count)

    def suggest(self, prefix: str, count: int = 8) -> list[str]:
        """Completions for a search box: people, places and words of the archive starting with prefix."""
        prefix = prefix.strip()
        if len(prefix) < 2:
            return []
        return list(dict.fromkeys(self.backend.complete(prefix, count)))[:count]

    def removed(self, article_id: str) -> tuple[Article, list[Block]]:
        """An article and its saved page block by block: kept, caption or removed."""
        article = self.article(article_id).article
        return article, explain(article)

    def report(self) -> tuple[list[SourceReport], dict]:
        """Per-source counts of the index, and the report of the rebuild that made it."""
        return self.backend.report()

    def sources(self) -> list[str]:
        """Every source (site) in the index, by name."""
        return self.backend.sources()

    def count(self) -> int:
        """Number of articles in the index."""
        return self.backend.count()


def check_page(request: SearchRequest) -> None:
    """Refuse a page size or a page beyond the MAX_RESULTS that can be paged through."""
    if request.per_page < 1 or request.page < 1:
        raise QueryError("Pages are numbered from 1 and hold at least one result.")
    if (request.page - 1) * request.per_page >= MAX_RESULTS:
        raise QueryError(f"Only the first {MAX_RESULTS:,} results can be paged through: narrow the search "
                         "with a facet, a date range or more words to reach the others.")


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
