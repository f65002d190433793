"""What the search service needs from an engine, and how one is chosen.

Two backends implement it: `embedded.WhooshBackend` (the default, an index on this machine) and
`searchapp.sphinxql.backend.SphinxBackend` (a cluster of Sphinx or Manticore nodes), chosen
with SEARCHAPP_BACKEND. Both take parsed queries and SearchRequests and give plain records;
everything users see is made from those records by the service, the same way for both.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from searchapp.models import Hit, SearchRequest
from searchapp.search.highlight import snippet_of
from searchapp.search.schema import split_list

SORTS = ("relevance", "newest", "oldest")
HIGHLIGHT_FIELDS = ("title", "body", "captions", "content")
MAX_ALSO = 10


@dataclass(frozen=True, slots=True)
class Found:
    """One search: stories in all, the hits asked for, {facet: ({value: stories}, values with
    stories)} and {"2018-09": stories} for the timeline."""

    total: int
    hits: tuple[Hit, ...]
    counts: dict = field(default_factory=dict)
    months: dict = field(default_factory=dict)


class Backend(Protocol):
    def find(self, request: SearchRequest, parsed, start: int, stop: int, *,
             facet_limit: int | None = None, snippets: bool = False) -> Found:
        """Results start..stop (one per story, ranked or sorted as the request says); with
        facet_limit, facet counts (the top values) and the timeline too."""

    def ranked_ids(self, request: SearchRequest, parsed, count: int) -> list[str]: ...
    def facet_counts(self, request: SearchRequest, parsed, param: str) -> tuple[dict[str, int], int]: ...
    def document(self, article_id: str, q: str = "") -> tuple[dict, tuple, set[str]]: ...
    def similar(self, article_id: str, count: int) -> list[Hit]: ...
    def complete(self, prefix: str, count: int) -> list[str]: ...
    def correct(self, q: str, total: int) -> str: ...
    def report(self) -> tuple[list, dict]: ...
    def sources(self) -> list[str]: ...
    def count(self) -> int: ...
    def warm(self, searchers: int = 1) -> None: ...


def backend_url() -> str:
    """SEARCHAPP_BACKEND: empty for the embedded index, sphinxql://host:port,... for a cluster."""
    return os.environ.get("SEARCHAPP_BACKEND", "").strip()


def open_backend(index_dir: Path, url: str | None = None) -> Backend:
    url = backend_url() if url is None else url
    if not url or url == "whoosh":
        from searchapp.search.embedded import WhooshBackend
        return WhooshBackend(index_dir)
    from searchapp.sphinxql.backend import SphinxBackend
    return SphinxBackend(url)


def hit_of(fields: dict, score: float, terms: set[str] | None, also: tuple) -> Hit:
    """A result from a document's stored fields; with terms, a snippet where they occur."""
    snippet = snippet_of(fields.get("body", ""), terms) if terms is not None else ""
    return Hit(
        id=fields["id"], title=fields.get("title", ""), url=fields.get("url", ""),
        source=fields.get("source", ""), date=fields.get("date"),
        people=split_list(fields.get("people", "")), places=split_list(fields.get("places", "")),
        snippet=snippet, score=score, also=also,
    )
