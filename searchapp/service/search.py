"""The search service: reads queries and requests, asks the engine for matches and counts, and
makes what pages show from them, the same way whatever the engine.

Rules that live here once, for every engine: the default order (SearchRequest.order), relevance
feedback for long queries of words joined by OR, refusing a wildcard that stands for too many
words, which words are marked (wildcards expanded), snippets, "also published by", which facet
values are shown (selected and excluded ones always, years all), "did you mean", suggestions, the
per-source report, and how joined facet values ("Reagan" alone joins "Ronald Reagan", which
engines count as one) are named in requests and queries (joins.py).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import repeat
from pathlib import Path

from searchapp.backends import open_engine
from searchapp.backends.base import Engine, Match
from searchapp.errors import ArticleNotFound, QueryError
from searchapp.ingest.explain import Block, explain
from searchapp.ingest.header import standfirst
from searchapp.models import MAX_RESULTS, Article, Facet, Hit, MonthCount, SearchPage, SearchRequest
from searchapp.search import query as q
from searchapp.search.analysis import ANALYSES, DEFAULT_LANGUAGE, vocabulary_form
from searchapp.search.facets import FACETS, REGISTRY, build_facet
from searchapp.search.parse import ParsedQuery, parse_query
from searchapp.search.query import MAX_EXPANSIONS
from searchapp.search.schema import ANALYSIS_FIELD, HIGHLIGHT_FIELDS, from_fields, split_list
from searchapp.service.build import Build, build_of
from searchapp.service.compare import Comparison, compare, month_span
from searchapp.service.feedback import with_feedback
from searchapp.service.highlight import mark_terms, snippet_of
from searchapp.service.joins import Joins, canonical, joined_query, joins_of
from searchapp.service.report import SourceReport, source_reports
from searchapp.service.spelling import correct_spelling
from searchapp.service.suggest import Suggestion, suggest_typed
from searchapp.text import fold

FEW_RESULTS = 3  # fewer than this and "did you mean" is worth computing
JOINING = tuple(spec for spec in REGISTRY if spec.joins is not None)  # facets whose values join others
JOINING_PARAMS = frozenset(spec.param for spec in JOINING)
MAX_ALSO = 10  # other copies of a story listed with a result


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its paragraphs as HTML, the query's words marked."""

    article: Article
    paragraphs: tuple[str, ...]
    title_html: str
    also: tuple[tuple[str, str], ...] = ()  # (id, source) of the same story on other sites
    standfirst: tuple[str, ...] = ()  # the header's sentences as HTML, the query's words marked


@dataclass(frozen=True, slots=True)
class Reading:
    """A query as the engine gets it, and the indexed words its wildcards stand for."""

    parsed: ParsedQuery
    expansions: dict

    @property
    def query(self) -> q.Query:
        return self.parsed.query


class SearchService:
    """Answer SearchRequests from the configured engine (by default the embedded Whoosh index at
    index_dir, which it follows as rebuilds switch)."""

    def __init__(self, index_dir: Path, facet_limit: int = 10, backend: Engine | str | None = None) -> None:
        self.index_dir = Path(index_dir)
        self.facet_limit = facet_limit
        self.engine: Engine = backend if backend is not None and not isinstance(backend, str) else \
            open_engine(self.index_dir, backend or "")
        self._built: tuple[dict, Build] | None = None  # the served build's report and its name
        self._joins: dict[str, tuple[dict, Joins]] = {}  # by facet: what the engine gave, and it as read here

    def warm(self, searchers: int = 1) -> None:
        """Make the first visitors' searches as fast as the next ones."""
        self.engine.warm(searchers)

    def analyses(self) -> tuple[str, ...]:
        """The analyses (languages, search/analysis.py) of the archive's articles, English first;
        English alone for an empty archive."""
        found = set(self.engine.expand(q.Prefix(ANALYSIS_FIELD, ""), len(ANALYSES)))
        return tuple(analysis for analysis in ANALYSES if analysis in found) or (DEFAULT_LANGUAGE,)

    def read(self, text: str) -> Reading:
        """Parse a query, read in each language of the archive, and expand its wildcards;
        QueryError when one stands for too many words."""
        parsed = parse_query(text, self.analyses()) if text.strip() not in ("", "*") else parse_query(text)
        fields = {spec.text_field: spec for spec in JOINING}
        if any(leaf.field in fields for leaf in q.leaves(parsed.query)):
            parsed = replace(parsed, query=joined_query(parsed.query, {
                field: (spec, self.joins(spec.param)) for field, spec in fields.items()}))
        expansions = {}
        for leaf in q.leaves(parsed.query):
            if isinstance(leaf, q.MULTI_TERM) and leaf not in expansions:
                words = self.engine.expand(leaf, MAX_EXPANSIONS)
                if len(words) > MAX_EXPANSIONS:
                    raise QueryError(too_broad(leaf))
                expansions[leaf] = words
        return Reading(parsed, expansions)

    def joins(self, param: str) -> Joins:
        """A facet's joined values in the served build, read again only when the engine gives
        others (each engine works them out once per build it opens)."""
        stands_for = self.engine.joined(param)
        known = self._joins.get(param)
        if known is None or known[0] is not stands_for:
            known = self._joins[param] = (stands_for, joins_of(stands_for))
        return known[1]

    def canonical(self, request: SearchRequest) -> SearchRequest:
        """The request with each chosen or excluded value of a joined group named as the group is
        shown ("person=Reagan" -> "person=Ronald Reagan"): old links find the same articles, and
        pages mark the value they show as the one chosen."""
        named = [spec.param for spec in JOINING if request.selected(spec.param) or request.excluded(spec.param)]
        return canonical(request, {param: self.joins(param) for param in named}) if named else request

    def search(self, request: SearchRequest) -> SearchPage:
        """Run one results page: hits with snippets, facet counts, timeline, total and time taken."""
        started = time.perf_counter()
        check_page(request)
        request = self.canonical(request)
        reading = self.read(request.q)
        start = (request.page - 1) * request.per_page
        limits = {param: None if spec.by_value else self.facet_limit for param, spec in FACETS.items()}
        found = self.engine.find(request, self.ranking(request, reading.query), start, start + request.per_page,
                                 facets=limits)
        counts = {param: self._with_chosen(request, reading, param, *found.counts[param]) for param in FACETS}
        return SearchPage(
            request=request, total=found.total, hits=self._hits(found.matches, highlight_terms(reading)),
            facets=tuple(build_facet(p, *counts[p], request=request, limit=limits[p]) for p in FACETS),
            elapsed=time.perf_counter() - started, notice=reading.parsed.notice,
            understood_as=reading.parsed.understood_as, timeline=month_counts(found.months),
            suggestion=self.correct(request, found.total) if found.total < FEW_RESULTS else "",
        )

    def ranking(self, request: SearchRequest, query: q.Query) -> q.Query:
        """The query as the engine ranks it: a long query of words joined by OR with relevance
        feedback (service/feedback.py), which changes the order of its matches, not which match."""
        return with_feedback(self.engine, request, query)

    def _with_chosen(self, request: SearchRequest, reading: Reading, param: str, counts: dict[str, int],
                     distinct: int) -> tuple[dict[str, int], int]:
        """A facet's counts with its selected and excluded values counted even when not among the top."""
        shown = {fold(v) for v in counts}
        missing = [v for v in request.selected(param) + request.excluded(param) if fold(v) not in shown]
        if missing:
            counts = {**counts, **self.engine.count_values(request, reading.query, param, missing)}
        return counts, distinct

    def _hits(self, matches: tuple[Match, ...], terms: set[str] | None) -> tuple[Hit, ...]:
        """Results from matches: with terms, a snippet where they occur; the story's other copies."""
        copies = self.engine.copies([m.fields.get("cluster", "") for m in matches])
        return tuple(hit_of(m, terms, also(copies, m.fields)) for m in matches)

    def correct(self, request: SearchRequest, total: int) -> str:
        """The query with words unknown to the archive replaced by the nearest known ones, when
        that finds more."""
        corrected = correct_spelling(request.q, self.engine)
        if not corrected:
            return ""
        try:
            found = self.engine.find(replace(request, q=corrected), self.read(corrected).query, 0, 0)
        except QueryError:
            return ""
        return corrected if found.total > total else ""

    def ranked_ids(self, request: SearchRequest, count: int) -> list[str]:
        """Ids of the best `count` results, one per story: the ranking alone, without the page."""
        request = self.canonical(request)
        query = self.ranking(request, self.read(request.q).query)
        return self.engine.ranked_ids(request, query, min(count, MAX_RESULTS))

    def listing(self, request: SearchRequest, start: int = 0, count: int = 1000) -> tuple[int, list[Hit]]:
        """Total and a slice of the ranked results without snippets: feeds, exports, next/previous."""
        start = max(0, start)
        count = max(0, min(count, MAX_RESULTS - start))
        request = self.canonical(request)
        found = self.engine.find(request, self.ranking(request, self.read(request.q).query), start, start + count)
        return found.total, list(self._hits(found.matches, None))

    def facet(self, request: SearchRequest, param: str, order: str = "count", contains: str = "") -> Facet:
        """Every value of one facet for a search ("more…"), by count or name, optionally filtered."""
        if param not in FACETS:
            raise KeyError(param)
        request = self.canonical(request)
        counts, _ = self.engine.facet_counts(request, self.read(request.q).query, param)
        return build_facet(param, counts, request=request, limit=None, order=order, contains=contains)

    def article(self, article_id: str, q: str = "") -> ArticleView:
        """One article by id, with the words of q marked; ArticleNotFound when there is none."""
        fields = self.engine.document(article_id)
        if not fields:
            raise ArticleNotFound(article_id)
        terms = highlight_terms(self.read(q)) if q.strip() else set()
        article = from_fields(fields)
        return ArticleView(
            article=article, paragraphs=tuple(mark_terms(p, terms, article.language) for p in article.paragraphs),
            title_html=mark_terms(article.title, terms, article.language),
            also=also(self.engine.copies([fields.get("cluster", "")]), fields),
            standfirst=tuple(mark_terms(line, terms, article.language) for line in standfirst(article.header)),
        )

    def more_like_this(self, article_id: str, count: int = 5) -> list[Hit]:
        """Articles closest in content, other copies of the story left out."""
        return list(self._hits(tuple(self.engine.similar(article_id, count)), None))

    def suggest(self, prefix: str, count: int = 8) -> list[str]:
        """Completions for a search box: people, places and words of the archive starting with
        prefix (words: its last word)."""
        prefix = prefix.strip()
        if len(prefix) < 2:
            return []
        key, offered = fold(prefix), self.offered()
        names = [offered[param](v) if param in offered else v
                 for param in ("person", "place") for v in self.engine.values(param) if fold(v).startswith(key)]
        head, _, last = prefix.rpartition(" ")
        words = [f"{head} {w}".strip() for w in self.engine.words(vocabulary_form(last), count) if len(w) > 1] \
            if last else []
        return list(dict.fromkeys(names + words))[:count]

    def suggestions(self, typed: str, count: int = 8) -> list[Suggestion]:
        """Suggestions for a search box that say whether each is a person, a place, an organisation
        or a word."""
        return suggest_typed(self.engine, typed, count, offered=self.offered())

    def offered(self) -> dict[str, Callable[[str], str]]:
        """By facet, the name a suggestion offers for a value: a value joined to another offers that one."""
        return {param: self.joins(param).name for param in JOINING_PARAMS}

    def removed(self, article_id: str) -> tuple[Article, list[Block]]:
        """An article and its saved page block by block: kept, caption or removed."""
        article = self.article(article_id).article
        return article, explain(article)

    def report(self) -> tuple[list[SourceReport], dict]:
        """Per-source counts of the index, and the report of the rebuild that made it."""
        rebuild = self.engine.rebuild_report()
        return source_reports(self.engine, rebuild), rebuild

    def compare(self, requests: list[SearchRequest], shared: SearchRequest) -> Comparison:
        """Stories per month of 2 to 5 searches, and their share of all the stories of each month
        under the filters they share (QueryError for too few, too many or unsearchable queries)."""
        return compare(self.engine, self.read, [self.canonical(r) for r in requests], self.canonical(shared))

    def build(self) -> Build:
        """The build being served, named from its rebuild report the same way on every engine;
        named once per report the engine hands back (every answer carries it, and hashing a large
        report per request is work the build already fixed)."""
        report = self.engine.rebuild_report()
        built = self._built
        if built is None or built[0] is not report:
            built = self._built = (report, build_of(report, self.engine.count()))
        return built[1]

    def sources(self) -> list[str]:
        """Every source (site) in the index, by name."""
        return sorted(self.engine.values("source"), key=str.casefold)

    def count(self) -> int:
        """Number of articles in the index."""
        return self.engine.count()


def hit_of(match: Match, terms: set[str] | None, others: tuple[tuple[str, str], ...]) -> Hit:
    """A result from a document's stored fields; with terms, a snippet where they occur."""
    fields = match.fields
    return Hit(
        id=fields["id"], title=fields.get("title", ""), url=fields.get("url", ""),
        source=fields.get("source", ""), date=fields.get("date"),
        people=split_list(fields.get("people", "")), places=split_list(fields.get("places", "")),
        snippet=snippet_of(fields.get("body", ""), terms, fields.get("language", "")) if terms is not None else "",
        score=match.score, also=others, language=fields.get("language", ""),
    )


def also(copies: dict[str, list[tuple[str, str]]], fields: dict) -> tuple[tuple[str, str], ...]:
    """(id, source) of the other articles of a document's story: "also published by"."""
    others = [pair for pair in copies.get(fields.get("cluster", ""), []) if pair[0] != fields["id"]]
    return tuple(sorted(others))[:MAX_ALSO]


def highlight_terms(reading: Reading) -> set[str]:
    """The indexed words to mark: those of the query's words, phrases and wildcards that a match
    may contain, in the fields that are shown."""
    found: set[str] = set()
    for leaf in q.positive_leaves(reading.query):
        if leaf.field not in HIGHLIGHT_FIELDS:
            continue
        if isinstance(leaf, q.Term):
            found.add(leaf.text)
        elif isinstance(leaf, q.Phrase):
            found.update(leaf.words)
        elif isinstance(leaf, q.MULTI_TERM):
            found.update(reading.expansions.get(leaf, ()))
    return found


def too_broad(leaf: q.Leaf) -> str:
    if isinstance(leaf, q.TermRange):  # "{a TO ]" and the like
        return (f'The range "{leaf.start} TO {leaf.end}" takes in more than {MAX_EXPANSIONS:,} different words '
                "of the archive: narrow it.")
    written = {q.Prefix: lambda: f"{leaf.text}*", q.Fuzzy: lambda: f"{leaf.text}~",  # type: ignore[union-attr]
               q.Wildcard: lambda: leaf.pattern}[type(leaf)]()  # type: ignore[union-attr]
    return (f'"{written}" stands for more than {MAX_EXPANSIONS:,} different words in the archive: '
            "add letters to narrow it.")


def check_page(request: SearchRequest) -> None:
    """Refuse a page size or a page beyond the MAX_RESULTS that can be paged through."""
    if request.per_page < 1 or request.page < 1:
        raise QueryError("Pages are numbered from 1 and hold at least one result.")
    if (request.page - 1) * request.per_page >= MAX_RESULTS:
        raise QueryError(f"Only the first {MAX_RESULTS:,} results can be paged through: narrow the search "
                         "with a facet, a date range or more words to reach the others.")


def month_counts(groups: dict[str, int]) -> tuple[MonthCount, ...]:
    """Matches per month, oldest first, months without matches filled in with zero."""
    span = month_span(list(groups))
    return tuple(map(MonthCount._make, zip(span, map(groups.get, span, repeat(0)), strict=True)))
