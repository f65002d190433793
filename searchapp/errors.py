"""The few errors searchapp raises; each boundary catches them once."""
from __future__ import annotations


class SearchappError(Exception):
    """Base class: a problem we can explain to the user."""


class PageError(SearchappError):
    """One saved page cannot be turned into an article; the rebuild skips it."""

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.source = source  # the site, when it was read before the page failed


class QueryError(SearchappError):
    """A query that cannot be parsed as written."""


class ArticleNotFound(SearchappError):
    """No article has the requested id."""


class IndexMissing(SearchappError):
    """No index has been built at the configured location yet."""


class IndexOutdated(IndexMissing):
    """The index was built by another version of searchapp and must be rebuilt in full."""


class IndexBusy(SearchappError):
    """Another rebuild holds the index lock."""


class BackendUnavailable(SearchappError):
    """The search cluster cannot answer (or take a write) completely right now."""
