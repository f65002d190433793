"""Facets as plain data for pages and the API: which fields they are, and their sidebar shape.

Spellings of one name that differ only in case or accents are one value (see columns).
"""
from __future__ import annotations

import heapq

from searchapp.ingest.entities import fold
from searchapp.models import Facet, FacetValue, SearchRequest

# URL parameter -> (index field, label)
FACETS = {
    "person": ("people", "People"),
    "place": ("places", "Places"),
    "country": ("countries", "Countries"),
    "source": ("source", "Source"),
    "tag": ("tags", "Tags"),
    "year": ("year", "Year"),
}


def facet_terms(reader, field: str):
    """Every value indexed in a facet field."""
    for term in reader.field_terms(field):
        yield term.decode("utf-8") if isinstance(term, bytes) else term


def build_facet(param: str, counts: dict[str, int], distinct: int = 0, *, request: SearchRequest,
                limit: int | None, order: str = "count", contains: str = "") -> Facet:
    """One sidebar facet from {value: stories}: the top values (all with limit=None), selected and
    excluded values always shown. `distinct` is how many values have stories when counts holds
    only the top ones. Values are folded only when a choice must be matched to them."""
    _, label = FACETS[param]
    picked = {fold(v) for v in request.selected(param)}
    dropped = {fold(v) for v in request.excluded(param)}
    items = list(counts.items())
    if contains:
        wanted = fold(contains)
        items = [(v, c) for v, c in items if wanted in fold(v)]
    if order == "name":
        ordered = sorted(items, key=lambda vc: (fold(vc[0]), vc[0]))
    elif param == "year":
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
    return Facet(name=param, label=label, values=tuple(values), truncated=max(len(items), distinct) > len(top))


def newest_year_first(year: str) -> tuple[bool, int]:
    """Years newest first, "unknown" last."""
    return (not year.isdigit(), -int(year) if year.isdigit() else 0)
