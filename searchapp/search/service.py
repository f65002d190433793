"""The search service: the only door from the web layer and the CLI into the index."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from whoosh import sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.index import open_dir

from searchapp.errors import ArticleNotFound, IndexMissing
from searchapp.models import Article, Hit, SearchPage, SearchRequest
from searchapp.search.facets import build_facets, build_filter, groupings
from searchapp.search.highlight import lead, mark_terms
from searchapp.search.indexer import current_index
from searchapp.search.query import parse_query
from searchapp.search.schema import from_fields, split_list

SORTS = {
    "newest": [sorting.FieldFacet("dated", reverse=True), sorting.FieldFacet("date", reverse=True),
               sorting.FieldFacet("id")],
    "oldest": [sorting.FieldFacet("dated", reverse=True), sorting.FieldFacet("date"), sorting.FieldFacet("id")],
}
HIGHLIGHT_FIELDS = ("title", "body", "captions")
MARK = HtmlFormatter(tagname="mark", between=" … ")
MARK.template = "<%(tag)s>%(t)s</%(tag)s>"  # no per-term classes: the stylesheet marks all alike


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its paragraphs as HTML, the query's words marked."""

    article: Article
    paragraphs: tuple[str, ...]
    title_html: str


class SearchService:
    """Answer SearchRequests from the index at index_dir; follows rebuilds as they switch."""

    def __init__(self, index_dir: Path, facet_limit: int = 10) -> None:
        self.index_dir = Path(index_dir)
        self.facet_limit = facet_limit
        self._lock = threading.Lock()
        self._opened: tuple[Path, object] | None = None

    def index(self):
        """The current index, reopened when a rebuild has switched to a new one."""
        build = current_index(self.index_dir)
        if build is None:
            raise IndexMissing(f"no index at {self.index_dir}: run `searchapp rebuild SOURCE --index {self.index_dir}`")
        with self._lock:
            if self._opened is None or self._opened[0] != build:
                self._opened = (build, open_dir(str(build)))
            return self._opened[1]

    def search(self, request: SearchRequest) -> SearchPage:
        """Run one results page: hits with snippets, facet counts, total and time taken."""
        started = time.perf_counter()
        parsed = parse_query(request.q)
        sort = request.sort if request.sort in SORTS else ("newest" if not request.q.strip() else "relevance")
        with self.index().searcher() as searcher:
            results = searcher.search_page(
                parsed.query, max(1, request.page), pagelen=request.per_page,
                filter=build_filter(request, searcher.reader()), groupedby=groupings(),
                sortedby=SORTS.get(sort), terms=True,
            )
            results.results.fragmenter = ContextFragmenter(maxchars=240, surround=60)
            results.results.formatter = MARK
            hits = tuple(self._hit(hit) for hit in results) if results.pagenum == max(1, request.page) else ()
            groups = {name: results.results.groups(name) for name in groupings()}
            total = results.total
        return SearchPage(
            request=request, total=total, hits=hits,
            facets=build_facets(groups, request, self.facet_limit), elapsed=time.perf_counter() - started,
            notice=parsed.notice, understood_as=parsed.understood_as,
        )

    @staticmethod
    def _hit(hit) -> Hit:
        fields = hit.fields()
        snippet = hit.highlights("body", top=2) or lead(fields.get("body", ""))
        return Hit(
            id=fields["id"], title=fields.get("title", ""), url=fields.get("url", ""),
            source=fields.get("source", ""), date=fields.get("date"),
            people=split_list(fields.get("people", "")), places=split_list(fields.get("places", "")),
            snippet=snippet, score=hit.score or 0.0,
        )

    def article(self, article_id: str, q: str = "") -> ArticleView:
        """One article by id, with the words of q marked; ArticleNotFound when there is none."""
        with self.index().searcher() as searcher:
            fields = searcher.document(id=article_id)
            if fields is None:
                raise ArticleNotFound(article_id)
            terms = self._terms(q, searcher)
        article = from_fields(fields)
        return ArticleView(
            article=article, paragraphs=tuple(mark_terms(p, terms) for p in article.paragraphs),
            title_html=mark_terms(article.title, terms),
        )

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

    def count(self) -> int:
        """Number of articles in the index."""
        with self.index().searcher() as searcher:
            return searcher.doc_count()
