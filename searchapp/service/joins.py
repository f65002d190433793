"""Joined facet values as the site shows and reads them (search/joins.py: "Reagan" alone joins
"Ronald Reagan"): engines count and filter a joined group as one value; here a request naming any
value of a group is written with the value shown for it, so that pages mark it chosen and old
links ("person=Reagan") lead to the same articles under the same name, and a query field naming
the value shown (`person:"Ronald Reagan"`) finds the articles of its whole group.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from searchapp.models import SearchRequest
from searchapp.search import query as q
from searchapp.search.analysis import words
from searchapp.search.facets import FacetSpec
from searchapp.text import fold


@dataclass(frozen=True, slots=True)
class Joins:
    """One facet's joined values in the served build."""

    shown: dict[str, str]  # folded spelling of any value of a group -> the value shown for the group
    spellings: dict[str, tuple[str, ...]]  # the value shown -> every spelling of its group
    named: dict[tuple[str, ...], str]  # the words of the value shown, as the query field indexes them -> it

    def name(self, value: str) -> str:
        """The value shown for a value: the group's when it is one of a joined group, else itself."""
        return self.shown.get(fold(value), value) if self.shown else value


NO_JOINS = Joins({}, {}, {})


def joins_of(stands_for: dict[str, tuple[str, ...]]) -> Joins:
    """Joins from an engine's joined(): {the value shown: every spelling it stands for}."""
    if not stands_for:
        return NO_JOINS
    return Joins(shown={fold(s): shown for shown, spelt in stands_for.items() for s in (shown, *spelt)},
                 spellings={shown: tuple(dict.fromkeys((shown, *spelt))) for shown, spelt in stands_for.items()},
                 named={tuple(words("name", shown)): shown for shown in stands_for})


def canonical(request: SearchRequest, joins: dict[str, Joins]) -> SearchRequest:
    """The request with each chosen or excluded value of a joined group written as the value
    shown for the group, once (joins: by facet parameter)."""
    def written(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        return tuple(dict.fromkeys((param, joins[param].name(value) if param in joins else value)
                                   for param, value in pairs))
    filters, exclude = written(request.filters), written(request.exclude)
    if filters == request.filters and exclude == request.exclude:
        return request
    return replace(request, filters=filters, exclude=exclude)


def joined_query(query: q.Query, joins: dict[str, tuple[FacetSpec, Joins]], required: bool = True) -> q.Query:
    """The query with each phrase of a facet's query field that is exactly a value shown for a
    joined group ('person:"Ronald Reagan"') made that value's whole group: any of its spellings
    as a whole value of the facet (joins: by query field). Only where the phrase is a condition
    of the search (alone, with other words, or excluded), not one of several alternatives (OR),
    where it is read word by word as before: a facet value can only narrow a search on every
    engine (the search cluster filters values apart from matching words)."""
    if isinstance(query, q.Phrase) and required and query.field in joins and query.slop <= 1:
        spec, found = joins[query.field]
        shown = found.named.get(query.words)
        if shown is None:
            return query
        return q.Or(tuple(q.Term(spec.field, spelling) for spelling in found.spellings[shown]), query.boost)
    if isinstance(query, q.And):
        return replace(query, parts=tuple(joined_query(p, joins, required) for p in query.parts))
    if isinstance(query, q.Not):
        return replace(query, part=joined_query(query.part, joins, required))
    if isinstance(query, q.AndNot):
        return replace(query, positive=joined_query(query.positive, joins, required),
                       negative=joined_query(query.negative, joins, required))
    if isinstance(query, q.AndMaybe):
        return replace(query, required=joined_query(query.required, joins, required))
    return query
