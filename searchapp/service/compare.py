"""Queries compared over time: matching stories per month for each query, and their share of all
the stories of that month (what Media Cloud calls attention over time)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from searchapp.backends.base import Engine
from searchapp.errors import QueryError
from searchapp.models import SearchRequest
from searchapp.search import query as q
from searchapp.search.facets import UNKNOWN_YEAR

MIN_QUERIES = 2
MAX_QUERIES = 5


@dataclass(frozen=True, slots=True)
class Series:
    """One query's line of the chart: stories per month, and their share of the month's stories."""

    request: SearchRequest
    total: int
    counts: tuple[int, ...]  # one per Comparison.months
    shares: tuple[float, ...]  # counts / Comparison.archive, 0 for a month without stories
    undated: int = 0  # matching stories without a date (in the total, not drawn)
    notice: str = ""  # set when the query was read differently from how it was typed
    understood_as: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several queries over the same months; `archive` is every story of each month under the
    filters the queries share."""

    months: tuple[str, ...]  # "2018-09", oldest first, none missing between the first and the last
    archive: tuple[int, ...]
    series: tuple[Series, ...]


def check_queries(requests: list[SearchRequest]) -> None:
    """Refuse fewer than two or more than five queries, or one left blank."""
    if any(not r.q.strip() for r in requests):
        raise QueryError("Each query to compare needs words: one was left blank.")
    if not MIN_QUERIES <= len(requests) <= MAX_QUERIES:
        raise QueryError(f"Compare {MIN_QUERIES} to {MAX_QUERIES} queries: {len(requests)} "
                         f"{'was' if len(requests) == 1 else 'were'} given.")


def compare(engine: Engine, read, requests: list[SearchRequest], shared: SearchRequest) -> Comparison:
    """Stories per month of each request, and of the archive under the shared filters; read is the
    service's query reader (it refuses queries that would cost too much)."""
    check_queries(requests)
    found = []
    for request in requests:
        reading = read(request.q)
        if isinstance(reading.query, q.Nothing):
            raise QueryError(f"“{request.q}” has no words that can be searched: {reading.parsed.notice}")
        found.append((request, reading, engine.find(request, reading.query, 0, 0, facets={})))
    everything = engine.find(replace(shared, q=""), q.Every(), 0, 0, facets={}).months
    months = month_span([m for _, _, f in found for m, n in f.months.items() if n])
    archive = tuple(everything.get(m, 0) for m in months)
    series = tuple(series_of(request, reading.parsed, f.total, f.months, months, archive)
                   for request, reading, f in found)
    return Comparison(months=months, archive=archive, series=series)


def series_of(request: SearchRequest, parsed, total: int, found: dict[str, int], months: tuple[str, ...],
              archive: tuple[int, ...]) -> Series:
    """A query's stories over the compared months, and their share of each month's stories."""
    counts = tuple(found.get(m, 0) for m in months)
    return Series(request=request, total=total, counts=counts,
                  shares=tuple(n / whole if whole else 0.0 for n, whole in zip(counts, archive, strict=True)),
                  undated=found.get(UNKNOWN_YEAR, 0), notice=parsed.notice, understood_as=parsed.understood_as)


def month_span(months: list[str]) -> tuple[str, ...]:
    """Every month from the first to the last of those given ("unknown" left out)."""
    dated = [m for m in months if m and m != UNKNOWN_YEAR]
    return months_between(min(dated), max(dated)) if dated else ()


@lru_cache(maxsize=1024)
def months_between(first: str, last: str) -> tuple[str, ...]:
    """Every month from first to last: a timeline fills in each month of its span, hundreds on an
    archive of decades, in every search."""
    year, month = int(first[:4]), int(first[5:7])
    span = []
    while f"{year:04d}-{month:02d}" <= last:
        span.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(span)
