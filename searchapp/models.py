"""Plain records passed between the stages; no behaviour beyond what makes them readable."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Page:
    """A saved page as read from disk: decoded text and what kind of file it was."""

    path: Path
    text: str
    kind: str  # "html" or "text"
    encoding: str = "utf-8"
    origin: str = ""  # what to show users: the path, or "crawl.warc.gz#1234" for a record
    url: str = ""  # where the page was fetched from, when the archive says (WARC, MHTML)
    fetched: datetime | None = None

    @property
    def where(self) -> str:
        return self.origin or str(self.path)


@dataclass(frozen=True, slots=True)
class Article:
    """The clean article that one page yields, ready to be indexed."""

    id: str
    path: str
    title: str
    body: str  # paragraphs separated by blank lines
    source: str = ""
    url: str = ""
    date: datetime | None = None
    author: str = ""
    language: str = ""
    captions: tuple[str, ...] = ()
    header: tuple[str, ...] = ()  # what the page shows between headline and body: standfirst, byline, date line
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # where the places lie; not themselves mentioned places
    organisations: tuple[str, ...] = ()  # parties, armed groups, companies, agencies, international bodies
    date_source: str = ""  # json-ld, meta, time, htmldate, url, dateline, file name; "" unknown
    updated: datetime | None = None
    section: str = ""
    tags: tuple[str, ...] = ()
    fetched: datetime | None = None  # when a crawler saved the page (WARC), not publication
    cluster: str = ""  # id of the first article of its near-duplicate group (syndicated copies)
    extracted_by: str = ""  # how the loader found the body: trafilatura, readability, whole page, ...

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A page the rebuild could not use, and why."""

    path: str
    reason: str
    source: str = ""  # the site, when known


@dataclass(slots=True)
class RebuildReport:
    """What a rebuild saw and did; printed at the end and returned to callers."""

    seen: int = 0
    indexed: int = 0
    duplicates: list[Skipped] = field(default_factory=list)  # exact copies, with what they copy
    skipped: list[Skipped] = field(default_factory=list)
    elapsed: float = 0.0
    index_dir: str = ""
    unchanged: bool = False  # incremental: nothing changed, the current build still serves
    updated: int = 0  # incremental: pages new or changed since the last build
    removed: int = 0  # incremental: pages gone since the last build
    extracted_by: dict[str, int] = field(default_factory=dict)  # indexed articles by how their body was found


MAX_QUERY = 4000  # characters in a query
MAX_RESULTS = 10_000  # results that can be paged through (as Elasticsearch's default window)
SORTS = ("relevance", "newest", "oldest")

@dataclass(frozen=True, slots=True)
class SearchRequest:
    """Everything a results page depends on; every field lives in the URL.

    `filters` and `exclude` hold (facet, value) pairs, facet being a URL parameter name
    ("person", "place", "country", "source", "year"): values of one facet are ORed, facets
    are ANDed, excluded values never match.
    """

    q: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    exclude: tuple[tuple[str, str], ...] = ()
    sort: str = ""  # relevance | newest | oldest; "" is relevance with a query, else newest
    page: int = 1
    per_page: int = 10
    date_from: date | None = None  # publication date range, both ends included
    date_to: date | None = None

    @property
    def order(self) -> str:
        """The order results come in: the sort asked for, else relevance with words, newest without."""
        return self.sort if self.sort in SORTS else ("relevance" if self.q.strip() else "newest")

    def selected(self, facet: str) -> tuple[str, ...]:
        return tuple(value for name, value in self.filters if name == facet)

    def excluded(self, facet: str) -> tuple[str, ...]:
        return tuple(value for name, value in self.exclude if name == facet)


@dataclass(frozen=True, slots=True)
class Hit:
    """One result, copied out of the searcher so no index file stays open."""

    id: str
    title: str
    url: str
    source: str
    date: datetime | None
    people: tuple[str, ...]
    places: tuple[str, ...]
    snippet: str  # HTML, escaped when made; matched words in <mark>
    score: float = 0.0
    also: tuple[tuple[str, str], ...] = ()  # (id, source) of the same story on other sites
    language: str = ""  # ISO 639-1: the lang and dir its title and snippet are shown with


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    count: int
    selected: bool
    excluded: bool = False


@dataclass(frozen=True, slots=True)
class Facet:
    """One sidebar group: `name` is the URL parameter it filters on."""

    name: str
    label: str
    values: tuple[FacetValue, ...]
    truncated: bool = False


class MonthCount(NamedTuple):
    """A month of the timeline (a tuple: a results page makes one for every month of the archive's span)."""
    month: str  # "2018-09"
    count: int  # type: ignore[assignment]  # the field hides tuple.count, which nothing here calls


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results with its facets and how long it took."""

    request: SearchRequest
    total: int
    hits: tuple[Hit, ...]
    facets: tuple[Facet, ...]
    elapsed: float
    notice: str = ""  # set when the query was read differently from how it was typed
    understood_as: str = ""
    timeline: tuple[MonthCount, ...] = ()  # matches per month, oldest first; undated left out
    suggestion: str = ""  # "did you mean": the query with misspelt words corrected

    @property
    def pages(self) -> int:
        """Pages of results, up to the one holding the MAX_RESULTS-th."""
        return max(1, min(-(-self.total // self.request.per_page), -(-MAX_RESULTS // self.request.per_page)))
