"""The URL is the state: read a SearchRequest from it, and build links that change one thing."""
from __future__ import annotations

from flask import current_app, url_for
from werkzeug.datastructures import MultiDict

from searchapp.models import SearchRequest

SORTS = ("relevance", "newest", "oldest")
FACET_PARAMS = ("person", "place", "source", "year")
MAX_PAGE = 1000
MAX_QUERY = 1000


def request_from_args(args: MultiDict) -> SearchRequest:
    """Read a SearchRequest from query-string arguments, clamping what is out of range."""
    try:
        page = min(MAX_PAGE, max(1, int(args.get("page", 1))))
    except ValueError:
        page = 1
    sort = args.get("sort", "")
    return SearchRequest(
        q=args.get("q", "")[:MAX_QUERY],
        people=values(args, "person"), places=values(args, "place"),
        sources=values(args, "source"), years=values(args, "year"),
        sort=sort if sort in SORTS else "", page=page,
        per_page=current_app.config["PER_PAGE"],
    )


def values(args: MultiDict, name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))[:20]


def to_args(request: SearchRequest) -> dict[str, list[str] | str]:
    """The URL parameters of a request; defaults left out so links stay short."""
    args: dict[str, list[str] | str] = {}
    if request.q:
        args["q"] = request.q
    for name, chosen in zip(FACET_PARAMS, (request.people, request.places, request.sources, request.years)):
        if chosen:
            args[name] = list(chosen)
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
    """Link that adds a facet value to the filters, or removes it when already selected."""
    chosen = list(to_args(request).get(param, []))
    chosen = [v for v in chosen if v != value] if value in chosen else chosen + [value]
    return search_url(request, endpoint, **{param: chosen})
