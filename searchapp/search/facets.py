"""Facets as plain data for pages and the API: which fields they are, and their sidebar shape.

Spellings of one name that differ only in case or accents are one value (see columns).
"""
from __future__ import annotations

from collections import Counter, defaultdict

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


def count_values(groups: dict) -> tuple[Counter, dict[str, Counter]]:
    """Sum Whoosh's groups per folded value; remember how each spelling counted."""
    counts: Counter = Counter()
    spelling: dict[str, Counter] = defaultdict(Counter)
    for value, documents in groups.items():
        if value is None or value == "":
            continue
        value = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        count = documents if isinstance(documents, int) else len(documents)
        counts[fold(value)] += count
        spelling[fold(value)][value] += count
    return counts, spelling


def build_facet(param: str, groups: dict, request: SearchRequest, limit: int | None,
                order: str = "count", contains: str = "") -> Facet:
    """One sidebar facet: the top values (all with limit=None), selected and excluded always shown."""
    field, label = FACETS[param]
    counts, spelling = count_values(groups)
    picked = {fold(v) for v in request.selected(param)}
    dropped = {fold(v) for v in request.excluded(param)}
    keys = [k for k in counts if fold(contains) in k] if contains else list(counts)
    if order == "name":
        keys.sort()
    elif param == "year":
        keys.sort(key=newest_year_first)
    else:
        keys.sort(key=lambda k: (-counts[k], k))
    top = keys if limit is None else keys[:limit]
    top += [k for k in keys[len(top):] if k in picked or k in dropped]
    values = [FacetValue(spelling[k].most_common(1)[0][0], counts[k], k in picked, k in dropped) for k in top]
    values += [FacetValue(v, 0, True) for v in request.selected(param) if fold(v) not in counts]
    values += [FacetValue(v, 0, False, True) for v in request.excluded(param)
               if fold(v) not in counts and fold(v) not in picked]
    return Facet(name=param, label=label, values=tuple(values), truncated=len(keys) > len(top))


def newest_year_first(year: str) -> tuple[bool, int]:
    """Years newest first, "unknown" last."""
    return (not year.isdigit(), -int(year) if year.isdigit() else 0)
