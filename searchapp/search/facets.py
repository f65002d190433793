"""Facet counts, filters and exclusions over the facet fields, as plain data for pages and the API.

Spellings of one name that differ only in case or accents are counted and filtered as one value.
Counts of a facet with selected values ignore that facet's own selection, so that with OR
within a facet every value shows how many articles adding it would bring.
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
    "country": ("countries", "Countries"),
    "source": ("source", "Source"),
    "tag": ("tags", "Tags"),
    "year": ("year", "Year"),
}


def grouping(param: str) -> sorting.FieldFacet:
    """A Whoosh facet that counts every matched document per value of one field."""
    return sorting.FieldFacet(FACETS[param][0], allow_overlap=True)


def facet_terms(reader, field: str):
    """Every value indexed in a facet field."""
    for term in reader.field_terms(field):
        yield term.decode("utf-8") if isinstance(term, bytes) else term


def variants(reader, field: str) -> dict[str, list[str]]:
    """Map each folded value of a field to the spellings indexed for it."""
    found: dict[str, list[str]] = defaultdict(list)
    for value in facet_terms(reader, field):
        found[fold(value)].append(value)
    return found


def value_query(reader, param: str, values: tuple[str, ...]) -> wq.Query:
    """Any of the values (in any indexed spelling) in one facet's field."""
    field = FACETS[param][0]
    spellings = variants(reader, field)
    return wq.Or([wq.Term(field, s) for v in values for s in spellings.get(fold(v), [v])])


def build_filter(request: SearchRequest, reader, skip: str | None = None) -> wq.Query | None:
    """AND across facets, OR within one facet's selected values; `skip` leaves one facet out."""
    clauses = [value_query(reader, param, request.selected(param))
               for param in FACETS if param != skip and request.selected(param)]
    return wq.And(clauses) if clauses else None


def build_mask(request: SearchRequest, reader) -> wq.Query | None:
    """Documents with any excluded value."""
    clauses = [value_query(reader, param, request.excluded(param)) for param in FACETS if request.excluded(param)]
    return wq.Or(clauses) if clauses else None


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
