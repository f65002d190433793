"""The facet registry: every facet once, as plain data, and the sidebar shape made from counts.

The web layer reads its URL parameters from here, the service its labels and order, the schema
its fields, and every engine how to store and count them. Adding a facet is one entry below plus
the Article attribute it reads. Spellings of one value that differ only in case or accents are
one value (see fold); a facet with `joins` also makes one value of those its rule joins across
the archive (joins.py: a surname alone and the one full name the archive knows for it).
"""
from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from searchapp.languages import name_of
from searchapp.models import Article, Facet, FacetValue, SearchRequest
from searchapp.search.joins import Rule, join_surnames
from searchapp.text import fold


@dataclass(frozen=True, slots=True)
class FacetSpec:
    """One facet: `param` in URLs, `field` holding whole values in the index, `text_field` the
    same values searchable word by word (with the query prefixes in `aliases`)."""

    param: str
    label: str
    field: str
    values: Callable[[Article], tuple[str, ...]]
    multi: bool = True  # an article may have several values
    text_field: str = ""
    aliases: tuple[str, ...] = ()
    by_value: bool = False  # listed by value, newest first, every value counted (years)
    missing: str = ""  # the value of an article that has none, when it is counted as one
    joins: Rule | None = None  # which values stand for another across the archive (joins.py)


UNKNOWN_YEAR = "unknown"
REGISTRY = (
    FacetSpec("person", "People", "people", lambda a: a.people, text_field="people_text", aliases=("person", "people"),
              joins=join_surnames),
    FacetSpec("place", "Places", "places", lambda a: a.places, text_field="places_text", aliases=("place", "places")),
    FacetSpec("organisation", "Organisations", "organisations", lambda a: a.organisations,
              text_field="organisations_text", aliases=("organisation", "organisations", "org")),
    FacetSpec("country", "Countries", "countries", lambda a: a.countries),
    FacetSpec("source", "Source", "source", lambda a: (a.source,) if a.source else (), multi=False,
              text_field="source_text", aliases=("source", "site"), missing="unknown"),
    # By name ("French"); the query syntax's language:fr reads the code, kept in the "language" field.
    FacetSpec("language", "Language", "language_name", lambda a: (name_of(a.language),) if a.language else (),
              multi=False),
    FacetSpec("tag", "Tags", "tags", lambda a: a.tags, text_field="tags_text", aliases=("tag", "tags")),
    FacetSpec("year", "Year", "year", lambda a: (str(a.date.year),) if a.date else (), multi=False, by_value=True,
              missing=UNKNOWN_YEAR),
)
FACETS = {spec.param: spec for spec in REGISTRY}
BY_FIELD = {spec.field: spec for spec in REGISTRY}


def build_facet(param: str, counts: dict[str, int], distinct: int = 0, *, request: SearchRequest,
                limit: int | None, order: str = "count", contains: str = "") -> Facet:
    """One sidebar facet from {value: stories}: the top values (all with limit=None), selected and
    excluded values always shown. `distinct` is how many values have stories when counts holds
    only the top ones. Values are folded only when a choice must be matched to them."""
    spec = FACETS[param]
    picked = {fold(v) for v in request.selected(param)}
    dropped = {fold(v) for v in request.excluded(param)}
    items = list(counts.items())
    if contains:
        wanted = fold(contains)
        items = [(v, c) for v, c in items if wanted in fold(v)]
    if order == "name":
        ordered = sorted(items, key=lambda vc: (fold(vc[0]), vc[0]))
    elif spec.by_value:
        ordered = sorted(items, key=lambda vc: newest_year_first(vc[0]))
    elif limit is not None:
        ordered = heapq.nsmallest(limit, items, key=lambda vc: (-vc[1], vc[0]))
    else:
        ordered = sorted(items, key=lambda vc: (-vc[1], vc[0]))
    top = ordered if limit is None else ordered[:limit]
    folded = {fold(v): (v, c) for v, c in items} if picked or dropped else {}
    shown = {fold(v) for v, _ in top} if folded else set()
    top += [folded[k] for k in (picked | dropped) - shown if k in folded]
    values = [FacetValue(v, c, bool(folded) and fold(v) in picked, bool(folded) and fold(v) in dropped)
              for v, c in top]
    values += [FacetValue(v, 0, True) for v in request.selected(param) if fold(v) not in folded]
    values += [FacetValue(v, 0, False, True) for v in request.excluded(param)
               if fold(v) not in folded and fold(v) not in picked]
    return Facet(name=param, label=spec.label, values=tuple(values), truncated=max(len(items), distinct) > len(top))


def newest_year_first(year: str) -> tuple[bool, int]:
    """Years newest first, "unknown" last."""
    return (not year.isdigit(), -int(year) if year.isdigit() else 0)
