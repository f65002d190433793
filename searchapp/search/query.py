"""searchapp's own query tree: plain data that every engine compiles into its own query.

The parser (parse.py) reads what users type into these nodes; words are already analysed
(stemmed and folded as the field's analysis makes them), so an engine never analyses a query.
A bare word searches several fields, which the tree says explicitly: Or(Term("content", w),
Term("title", w, boost=0.2)).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in order, at most `slop` positions apart (1: next to each other)."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Prefix:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Wildcard:
    """A pattern with * (any letters) and ? (one letter)."""

    field: str
    pattern: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Words within `distance` edits whose first `prefix` letters are the same."""

    field: str
    text: str
    distance: int = 1
    prefix: int = 1
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class TermRange:
    """Indexed words between start and end in alphabetical order ("" is open)."""

    field: str
    start: str
    end: str
    start_excluded: bool = False
    end_excluded: bool = False
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class DateRange:
    """Articles dated from start to end, both included (None is open); undated ones never match."""

    field: str
    start: datetime | None
    end: datetime | None
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Query, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Query, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Readings(Or):
    """A query read in each language of the archive, one part per language: an Or whose parts
    each match only articles of their language (their words are marked with it, or they are
    restricted to it; search/readings.py), so an article matches as its language reads the query."""


@dataclass(frozen=True, slots=True)
class Not:
    """Everything but what `part` matches; within And, a condition that `part` must not match."""

    part: Query
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AndNot:
    positive: Query
    negative: Query
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AndMaybe:
    """What `required` matches, ranked higher where `optional` matches too."""

    required: Query
    optional: Query
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Every:
    """Every article (with a field: every article with something in that field)."""

    field: str = ""
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Nothing:
    """No article: a query with no searchable words."""

    boost: float = 1.0


Leaf = Term | Phrase | Prefix | Wildcard | Fuzzy | TermRange | DateRange
Query = Leaf | And | Or | Not | AndNot | AndMaybe | Every | Nothing
MULTI_TERM = (Prefix, Wildcard, Fuzzy, TermRange)  # leaves that stand for several indexed words
MAX_EXPANSIONS = 1024  # words one of them may stand for (Lucene's clause limit)


def children(query: Query) -> tuple[Query, ...]:
    """The sub-queries of a node, in order."""
    if isinstance(query, (And, Or)):
        return query.parts
    if isinstance(query, Not):
        return (query.part,)
    if isinstance(query, AndNot):
        return (query.positive, query.negative)
    if isinstance(query, AndMaybe):
        return (query.required, query.optional)
    return ()


def leaves(query: Query) -> Iterator[Leaf]:
    """Every leaf of the tree, left to right (excluded ones included)."""
    if isinstance(query, (Every, Nothing)):
        return
    nodes = children(query)
    if not nodes and not isinstance(query, (And, Or)):
        yield query  # type: ignore[misc]
        return
    for node in nodes:
        yield from leaves(node)


def positive_leaves(query: Query) -> Iterator[Leaf]:
    """The leaves whose words a match may contain: those under Not or AndNot's negative left out."""
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        yield from positive_leaves(query.positive)
        return
    nodes = children(query)
    if not nodes:
        if not isinstance(query, (And, Or, Every, Nothing)):
            yield query  # type: ignore[misc]
        return
    for node in nodes:
        yield from positive_leaves(node)


def reweigh(query: Query, boosts: dict[str, float]) -> Query:
    """The tree with each Term of a word in boosts weighing that much more."""
    if isinstance(query, Term):
        factor = boosts.get(query.text)
        return replace(query, boost=query.boost * factor) if factor else query
    if isinstance(query, (And, Or)):
        return replace(query, parts=tuple(reweigh(p, boosts) for p in query.parts))
    if isinstance(query, Not):
        return replace(query, part=reweigh(query.part, boosts))
    if isinstance(query, AndNot):
        return replace(query, positive=reweigh(query.positive, boosts), negative=reweigh(query.negative, boosts))
    if isinstance(query, AndMaybe):
        return replace(query, required=reweigh(query.required, boosts), optional=reweigh(query.optional, boosts))
    return query


__all__ = [
    "MAX_EXPANSIONS",
    "MULTI_TERM",
    "And",
    "AndMaybe",
    "AndNot",
    "DateRange",
    "Every",
    "Fuzzy",
    "Leaf",
    "Not",
    "Nothing",
    "Or",
    "Phrase",
    "Prefix",
    "Query",
    "Readings",
    "Term",
    "TermRange",
    "Wildcard",
    "children",
    "leaves",
    "positive_leaves",
    "reweigh",
]
