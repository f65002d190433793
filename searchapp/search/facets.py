"""Facet counts and filters over the facet fields, as plain data for pages and the API.

Spellings of one name that differ only in case or accents are counted and filtered as one value.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from whoosh import query as wq
from whoosh import sorting

from searchapp.ingest.entities import fold
from searchapp.models import Facet, FacetValue, SearchRequest

# URL parameter -> (index field, label)
FACETS = {
    "person": ("people", "People"),
    "place": ("places", "Places"),
    "source": ("source", "Source"),
    "year": ("year", "Year"),
}


def selected(request: SearchRequest) -> dict[str, tuple[str, ...]]:
    """The facet values a request selects, by URL parameter."""
    return {"person": request.people, "place": request.places, "source": request.sources, "year": request.years}


def groupings() -> dict[str, sorting.FieldFacet]:
    """Whoosh facets that count every matched document per value."""
    return {param: sorting.FieldFacet(field, allow_overlap=True) for param, (field, _) in FACETS.items()}


def variants(reader, field: str) -> dict[str, list[str]]:
    """Map each folded value of a field to the spellings indexed for it."""
    found: dict[str, list[str]] = defaultdict(list)
    for term in reader.field_terms(field):
        value = term.decode("utf-8") if isinstance(term, bytes) else term
        found[fold(value)].append(value)
    return found


def build_filter(request: SearchRequest, reader) -> wq.Query | None:
    """AND across facets, OR within one facet's selected values."""
    clauses = []
    for param, values in selected(request).items():
        if not values:
            continue
        field = FACETS[param][0]
        spellings = variants(reader, field)
        terms = [wq.Term(field, s) for v in values for s in spellings.get(fold(v), [v])]
        clauses.append(wq.Or(terms))
    return wq.And(clauses) if clauses else None


def build_facets(groups: dict[str, dict], request: SearchRequest, limit: int) -> tuple[Facet, ...]:
    """Turn Whoosh's grouped documents into sidebar facets, selected values always shown."""
    facets = []
    chosen = selected(request)
    for param, (field, label) in FACETS.items():
        counts: Counter = Counter()
        spelling: dict[str, Counter] = defaultdict(Counter)
        for value, documents in groups.get(param, {}).items():
            if value is None or value == "":
                continue
            value = value.decode("utf-8") if isinstance(value, bytes) else str(value)
            count = len(documents) if not isinstance(documents, int) else documents
            counts[fold(value)] += count
            spelling[fold(value)][value] += count
        picked = {fold(v) for v in chosen[param]}
        by_count = (lambda k: (-counts[k], k)) if param != "year" else newest_year_first
        order = sorted(counts, key=by_count)
        top = order[:limit]
        top += [k for k in order[limit:] if k in picked]
        values = [FacetValue(spelling[k].most_common(1)[0][0], counts[k], k in picked) for k in top]
        values += [FacetValue(v, 0, True) for v in chosen[param] if fold(v) not in counts]
        facets.append(Facet(name=param, label=label, values=tuple(values), truncated=len(order) > limit))
    return tuple(facets)


def newest_year_first(year: str) -> tuple[bool, int]:
    """Years newest first, "unknown" last."""
    return (not year.isdigit(), -int(year) if year.isdigit() else 0)
