"""The URL is the state: read a SearchRequest from it, and build links that change one thing.

Facet parameters: `person=`, `place=`, `country=`, `source=`, `year=` select values (repeat a
parameter to OR values), `not_person=` and so on exclude them.
"""
from __future__ import annotations

from flask import current_app, url_for
from werkzeug.datastructures import MultiDict

from searchapp.models import SearchRequest

SORTS = ("relevance", "newest", "oldest")
FACET_PARAMS = ("person", "place", "country", "source", "tag", "year")
EXCLUDE = "not_"
MAX_PAGE = 1000
MAX_QUERY = 1000
MAX_VALUES = 20


def request_from_args(args: MultiDict) -> SearchRequest:
    """Read a SearchRequest from query-string arguments, clamping what is out of range."""
    try:
        page = min(MAX_PAGE, max(1, int(args.get("page", 1))))
    except ValueError:
        page = 1
    sort = args.get("sort", "")
    return SearchRequest(
        q=args.get("q", "")[:MAX_QUERY],
        filters=pairs(args, ""), exclude=pairs(args, EXCLUDE),
        sort=sort if sort in SORTS else "", page=page, per_page=current_app.config["PER_PAGE"],
    )


def pairs(args: MultiDict, prefix: str) -> tuple[tuple[str, str], ...]:
    found = [(param, value.strip()[:200]) for param in FACET_PARAMS for value in args.getlist(prefix + param)
             if value.strip()]
    return tuple(dict.fromkeys(found))[:MAX_VALUES]


def to_args(request: SearchRequest) -> dict[str, list[str] | str]:
    """The URL parameters of a request; defaults left out so links stay short."""
    args: dict[str, list[str] | str] = {}
    if request.q:
        args["q"] = request.q
    for param in FACET_PARAMS:
        if request.selected(param):
            args[param] = list(request.selected(param))
        if request.excluded(param):
            args[EXCLUDE + param] = list(request.excluded(param))
    if request.sort:
        args["sort"] = request.sort
    if request.page > 1:
        args["page"] = str(request.page)
    return args


def search_url(request: SearchRequest, endpoint: str = "pages.search", **changes) -> str:
    """Link to the same search with some parameters changed (page resets unless given)."""
    args = to_args(request)
    args.pop("page", None)
    for key, value in changes.items():
        if value in (None, "", []):
            args.pop(key, None)
        else:
            args[key] = value
    return url_for(endpoint, **args)


def toggle_url(request: SearchRequest, param: str, value: str, endpoint: str = "pages.search") -> str:
    """Link that adds a facet value to the filters, or removes it (selected or excluded)."""
    return _toggle(request, param, value, endpoint, param)


def exclude_url(request: SearchRequest, param: str, value: str, endpoint: str = "pages.search") -> str:
    """Link that excludes a facet value (and unselects it), or stops excluding it."""
    return _toggle(request, param, value, endpoint, EXCLUDE + param)


def _toggle(request: SearchRequest, param: str, value: str, endpoint: str, key: str) -> str:
    args = to_args(request)
    chosen = list(args.get(key, []))
    other = EXCLUDE + param if key == param else param
    if value in chosen or value in args.get(other, []):
        changes = {key: [v for v in chosen if v != value], other: [v for v in args.get(other, []) if v != value]}
    else:
        changes = {key: chosen + [value], other: [v for v in args.get(other, []) if v != value]}
    return search_url(request, endpoint, **changes)
