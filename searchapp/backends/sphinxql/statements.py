"""The SphinxQL a search is made of: its WHERE clause from a request, its order, grouped counts."""
from __future__ import annotations

from searchapp.backends.sphinxql.joins import Joined
from searchapp.backends.sphinxql.query import literal, value_key
from searchapp.models import SearchRequest
from searchapp.search.facets import REGISTRY

RETRY = ("retry_count = 2", "retry_delay = 0")
FACET_DEPTH = 200  # values each shard ranks for a facet (max_matches): counts of the top are exact
# unless a value is beyond this depth on some shard


def options(*settings: str) -> str:
    """The OPTION clause of a read of the distributed index: an agent that fails is asked again."""
    return " OPTION " + ", ".join((*settings, *RETRY))


def grouped_sql(index: str, attribute: str, where: str, rows: int) -> str:
    """(value, stories) of an attribute's most frequent values: the first `rows` of them, each
    shard ranking at least FACET_DEPTH (only the rows shown cross the network)."""
    return (f"SELECT GROUPBY() AS g, COUNT(DISTINCT cluster) AS n FROM {index} {where} GROUP BY {attribute} "
            f"ORDER BY n DESC LIMIT 0, {rows}" + options(f"max_matches = {max(rows, FACET_DEPTH)}"))


def groups(answer: tuple[list, dict]) -> tuple[list[tuple[int, int]], int]:
    """(value, stories) pairs of a grouped read, and how many values there are in all."""
    rows, meta = answer
    return [(int(g), int(n)) for g, n in rows], int(meta.get("total_found", len(rows)))


def conditions(match: str, filters: list[str]) -> str:
    """A WHERE clause; the match text is quoted as a SphinxQL string."""
    parts = [f"MATCH({literal(match)})"] if match else []
    parts += filters
    return ("WHERE " + " AND ".join(parts)) if parts else ""


def request_filters(request: SearchRequest, skip: str | None = None,
                    joined: dict[str, Joined] | None = None) -> list[str]:
    """The facet choices, exclusions and date range of a request as attribute filters; a value
    that joins others or is joined (joined: by facet field) stands for every value of its group."""
    filters = []
    for spec in REGISTRY:
        group = joined.get(spec.field) if joined else None
        chosen = keys_of(spec.field, request.selected(spec.param), group)
        if chosen and spec.param != skip:
            filters.append(f"{spec.field} IN ({','.join(map(str, chosen))})")
        dropped = keys_of(spec.field, request.excluded(spec.param), group)
        if dropped:
            filters.append(f"{spec.field} NOT IN ({','.join(map(str, dropped))})")
    if request.date_from or request.date_to:
        filters.append("dated = 1")
        if request.date_from:
            filters.append(f"ymd >= {int(request.date_from.strftime('%Y%m%d'))}")
        if request.date_to:
            filters.append(f"ymd <= {int(request.date_to.strftime('%Y%m%d'))}")
    return filters


def keys_of(field: str, values: tuple[str, ...], group: Joined | None) -> list[int]:
    """The keys of an attribute that values stand for: their own, and those of their joined group."""
    found = [value_key(field, v) for v in values]
    return list(dict.fromkeys(k for key in found for k in group.keys_of(key))) if group else found


def order_of(request: SearchRequest, match: str) -> str:
    """Best first (ties newest first), or by date, undated last; then by id, so the order never varies."""
    order = request.order
    if order == "relevance" and match:
        return "WEIGHT() DESC, moment DESC, id ASC"
    if order == "oldest":
        return "dated DESC, moment ASC, id ASC"
    return "dated DESC, moment DESC, id ASC"
