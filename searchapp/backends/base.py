"""What the search service needs from an engine: one protocol to read, one to write.

An engine receives searchapp's own query tree (search/query.py), already analysed, and the
request; it gives plain records. Every rule users can see that is not about how an engine stores
or matches (snippets, highlighting, "did you mean", "also published by", the report, which facet
values are always shown, the default order) lives once, in the service.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from searchapp.models import Article, SearchRequest
from searchapp.search.query import Leaf, Query

FacetCounts = tuple[dict[str, int], int]  # ({value: stories}, how many values have stories)


@dataclass(frozen=True, slots=True)
class Match:
    """One result: the stored fields of search/schema.py's to_document, and its score."""

    fields: dict
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Found:
    """One search: stories in all, the matches asked for, facet counts and stories per month."""

    total: int
    matches: tuple[Match, ...]
    counts: dict[str, FacetCounts] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)  # "2018-09" -> stories ("unknown": undated)


class Writer(Protocol):
    """The write side of one rebuild; nothing is visible to searches before publish()."""

    def add(self, article: Article) -> None: ...
    def delete(self, article_id: str) -> None: ...
    def most_added(self) -> None:
        """Most of the build's articles are in (nine tenths of its pages are read): an engine may
        start writing them now, beside the reading of the last pages, to leave less after it."""
    def finish(self) -> None:
        """Write everything pending; raise if the engine could not take it."""
    def publish(self, report: dict) -> None:
        """Make the build searchable (engines whose builds are folders: the switch of `current` does)."""
    def cancel(self) -> None:
        """Leave what is served as it was."""


class Engine(Protocol):
    """Read side. Requests filter by facet values (OR within a facet, AND across, exclusions never
    match) and dates; a story (articles sharing `cluster`) counts once and shows as its first
    article in the order asked: request.order, "relevance" (score, ties newest first, then by id),
    "newest" or "oldest" (undated last, then by id)."""

    # Whether relevance follows query boosts and the optional side of AndMaybe (searchd 2.2
    # follows neither): the service skips what would only re-weigh (relevance feedback).
    ranks_with_boosts: bool

    def find(self, request: SearchRequest, query: Query, start: int, stop: int, *,
             facets: dict[str, int | None] | None = None) -> Found:
        """Matches start..stop; with facets ({param: top values, None for all}), each facet's counts
        made without its own selection, and the months."""
    def count_values(self, request: SearchRequest, query: Query, param: str, values: Sequence[str]) -> dict[str, int]:
        """Stories for the given values of one facet (as find counts them), values with none left out."""
    def facet_counts(self, request: SearchRequest, query: Query, param: str) -> FacetCounts:
        """Every value of one facet, as find counts them."""
    def ranked_ids(self, request: SearchRequest, query: Query, count: int) -> list[str]: ...
    def document(self, article_id: str) -> dict | None:
        """An article's stored fields, or None."""
    def copies(self, clusters: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """(id, source) of every article of each story, in id order."""
    def similar(self, article_id: str, count: int) -> list[Match]:
        """Articles closest in content, one per story, the article's own story left out
        (ArticleNotFound when there is no such article)."""
    def values(self, param: str) -> list[str]:
        """Every value of a facet in the archive."""
    def joined(self, param: str) -> dict[str, tuple[str, ...]]:
        """The values of a facet that others join in the served build (search/joins.py: "Ronald
        Reagan", which "Reagan" alone joins), each with every spelling it stands for (its own
        and those of the values joining it); such a value is one everywhere: a filter or an
        exclusion of any of its spellings selects them all, and counts count an article once."""
    def words(self, prefix: str, count: int) -> list[str]:
        """Words of the vocabulary (the `words` field) starting with prefix, most used first."""
    def frequency(self, word: str) -> int:
        """Articles whose vocabulary has the word."""
    def content_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        """Articles whose text (the content field: headline, text and captions) holds each
        indexed word; words held by none may be left out."""
    def near(self, word: str, distance: int) -> list[str]:
        """Vocabulary words within `distance` edits of word that start with its first letter."""
    def expand(self, leaf: Leaf, limit: int) -> list[str]:
        """Indexed words of the leaf's field that a Prefix, Wildcard, Fuzzy or TermRange stands
        for: at most limit + 1, so that callers can tell when there are too many."""
    def per_source(self, flag: str | None = None) -> dict[str, int]:
        """Articles per source, all of them or those with a flag (no-date, no-entities, republished)."""
    def rebuild_report(self) -> dict:
        """The saved report of the rebuild that made what is served ({} when none)."""
    def count(self) -> int: ...
    def warm(self, searchers: int = 1) -> None:
        """Open and read now what the first searches would wait for."""
    def writer(self, build: Path, previous: Path | None, part: tuple[int, int]) -> Writer:
        """Where a rebuild's articles go; build is the rebuild's folder, previous the served one
        for an incremental rebuild (None: a full one)."""
    def holds(self, previous: Path, part: tuple[int, int]) -> bool:
        """Whether the engine still holds what the previous build wrote, so that an incremental
        rebuild may apply only the changes."""
