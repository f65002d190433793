"""The URL is the state: read a SearchRequest from it, and build links that change one thing.

Facet parameters: `person=`, `place=`, `country=`, `source=`, `year=` select values (repeat a
parameter to OR values), `not_person=` and so on exclude them.
"""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote_plus

from flask import current_app, g, url_for
from werkzeug.datastructures import MultiDict

from searchapp.models import MAX_QUERY, SORTS, SearchRequest
from searchapp.search.facets import FACETS
from searchapp.text import fold

PAGE_SIZES = (10, 20, 50, 100)
FACET_ORDERS = ("count", "name")
FACET_PARAMS = tuple(FACETS)
EXCLUDE = "not_"
MAX_VALUES = 20

# The characters url_for leaves unescaped in a query (Werkzeug's, after the WHATWG URL standard).
URL_SAFE = "!$'()*,/:;?@"


def request_from_args(args: MultiDict) -> SearchRequest:
    """Read a SearchRequest from query-string arguments, clamping what is out of range."""
    try:
        page = max(1, min(int(args.get("page", 1)), 10**9))  # the service says how deep one may go
    except ValueError:
        page = 1
    sort = args.get("sort", "")
    try:
        per_page = int(args.get("per_page", 0))
    except ValueError:
        per_page = 0
    return SearchRequest(
        q=args.get("q", "")[: MAX_QUERY + 1],  # one more, so the service can say it was too long
        filters=pairs(args, ""), exclude=pairs(args, EXCLUDE),
        sort=sort if sort in SORTS else "", page=page,
        per_page=per_page if per_page in PAGE_SIZES else current_app.config["PER_PAGE"],
        date_from=read_date(args.get("from", "")), date_to=read_date(args.get("to", ""), last=True),
    )


def read_date(value: str, last: bool = False) -> date | None:
    """A date from "2018-09-17", "2018-09" or "2018" (the first day, or with last the last day)."""
    match = re.fullmatch(r"((?:1[89]|2[01])\d\d)(?:-(\d\d)(?:-(\d\d))?)?", value.strip())
    if not match:
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day:
            return date(year, int(month), int(day))
        if month:
            first = date(year, int(month), 1)
            return (first.replace(day=monthrange(year, first.month)[1])) if last else first
        return date(year, 12, 31) if last else date(year, 1, 1)
    except ValueError:
        return None


def month_range(month: str) -> dict[str, str]:
    """The from/to parameters that select one month ("2018-09")."""
    year, number = int(month[:4]), int(month[5:7])
    return {"from": f"{month}-01", "to": f"{month}-{monthrange(year, number)[1]:02d}"}


def facet_listing(args: MultiDict) -> tuple[str, str]:
    """How the full list of a facet is asked for: (order, text the values must contain)."""
    order = args.get("order", "count")
    return (order if order in FACET_ORDERS else "count"), args.get("contains", "").strip()[:100]


def pairs(args: MultiDict, prefix: str) -> tuple[tuple[str, str], ...]:
    found = [(param, value.strip()[:200]) for param in FACET_PARAMS for value in args.getlist(prefix + param)
             if value.strip()]
    return tuple(dict.fromkeys(found))[:MAX_VALUES]


def to_args(request: SearchRequest) -> dict[str, list[str] | str]:
    """The URL parameters of a request; defaults left out so links stay short. Made once per
    request and copied: a results page builds two links for each facet value from them."""
    made = g.setdefault("request_args", {})
    if request not in made:
        made[request] = request_args(request)
    return dict(made[request])


def request_args(request: SearchRequest) -> dict[str, list[str] | str]:
    args: dict[str, list[str] | str] = {}
    if request.q:
        args["q"] = request.q
    for param in FACET_PARAMS:
        if request.selected(param):
            args[param] = list(request.selected(param))
        if request.excluded(param):
            args[EXCLUDE + param] = list(request.excluded(param))
    if request.date_from:
        args["from"] = request.date_from.isoformat()
    if request.date_to:
        args["to"] = request.date_to.isoformat()
    if request.sort:
        args["sort"] = request.sort
    if request.per_page != current_app.config["PER_PAGE"]:
        args["per_page"] = str(request.per_page)
    if request.page > 1:
        args["page"] = str(request.page)
    return args


def hidden_fields(request: SearchRequest, without: str = "") -> list[tuple[str, str]]:
    """(name, value) pairs that carry a search through a form, leaving out one parameter and the page."""
    return [(name, value) for name, value in flat(to_args(request)) if name not in (without, "page")]


def flat(args: dict[str, list[str] | str]) -> list[tuple[str, str]]:
    """(name, value) pairs of URL parameters, a repeated parameter once per value."""
    return [(name, v) for name, value in args.items() for v in (value if isinstance(value, list) else [value])]


def changed_args(request: SearchRequest, **changes) -> dict[str, list[str] | str]:
    """The request's URL parameters with some changed (an empty value removes one); the page
    resets unless given."""
    args = to_args(request)
    args.pop("page", None)
    for key, value in changes.items():
        if value in (None, "", []):
            args.pop(key, None)
        else:
            args[key] = value
    return args


def search_url(request: SearchRequest, endpoint: str = "pages.search", **changes) -> str:
    """Link to the same search with some parameters changed (page resets unless given)."""
    args = changed_args(request, **changes)
    path = endpoint_path(endpoint)
    if path is None:  # a path with variables (an article's id) is url_for's to build
        return url_for(endpoint, **args)  # type: ignore[arg-type]  # Flask takes lists for repeated parameters
    query = "&".join(map(encoded, flat(args)))
    return f"{path}?{query}" if query else path


def encoded(pair: tuple[str, str]) -> str:
    """One URL parameter as urlencode writes it, encoded once per request: the links of a
    results page repeat the same parameters."""
    done = g.setdefault("encoded_pairs", {})
    if pair not in done:
        name, value = str(pair[0]), str(pair[1])  # as urlencode writes them
        done[pair] = f"{quote_plus(name, safe=URL_SAFE)}={quote_plus(value, safe=URL_SAFE)}"
    return done[pair]


def endpoint_path(endpoint: str) -> str | None:
    """The path of an endpoint without variables, built once per request (a results page links
    to each facet value twice, and url_for for each link was half the time of a JSON results
    page); None for an endpoint whose path has variables."""
    paths = g.setdefault("endpoint_paths", {})
    if endpoint not in paths:
        rules = current_app.url_map.iter_rules(endpoint)
        paths[endpoint] = None if any(rule.arguments for rule in rules) else url_for(endpoint)
    return paths[endpoint]


def toggle_url(request: SearchRequest, param: str, value: str, endpoint: str = "pages.search") -> str:
    """Link that adds a facet value to the filters, or removes it (selected or excluded)."""
    return facet_links(request, param, endpoint).select(value)


def exclude_url(request: SearchRequest, param: str, value: str, endpoint: str = "pages.search") -> str:
    """Link that excludes a facet value (and unselects it), or stops excluding it."""
    return facet_links(request, param, endpoint).exclude(value)


def facet_links(request: SearchRequest, param: str, endpoint: str = "pages.search") -> FacetLinks:
    """The links of one facet's values, made once per request, facet and endpoint."""
    made = g.setdefault("facet_links", {})
    if (request, param, endpoint) not in made:
        made[request, param, endpoint] = FacetLinks(request, param, endpoint)
    return made[request, param, endpoint]


class FacetLinks:
    """The select and exclude links of one facet's values. A results page links every value of
    every facet twice, and nearly all those links add one value to the same search: what they
    share is worked out once, so each costs the quoting of its value."""

    def __init__(self, request: SearchRequest, param: str, endpoint: str) -> None:
        self.request, self.param, self.endpoint = request, param, endpoint
        args = to_args(request)
        self.chosen = {key: list(args.get(key, [])) for key in (param, EXCLUDE + param)}
        self.taken = {*self.chosen[param], *self.chosen[EXCLUDE + param]}
        self.around = ({key: around(request, endpoint, key) for key in self.chosen}
                       if endpoint_path(endpoint) is not None else None)

    def select(self, value: str) -> str:
        return self._link(self.param, value)

    def exclude(self, value: str) -> str:
        return self._link(EXCLUDE + self.param, value)

    def _link(self, key: str, value: str) -> str:
        if value not in self.taken and self.around is not None:
            before, after = self.around[key]
            return f"{before}{quote_plus(key, safe=URL_SAFE)}={quote_plus(str(value), safe=URL_SAFE)}{after}"
        other = EXCLUDE + self.param if key == self.param else self.param
        chosen, others = self.chosen[key], [v for v in self.chosen[other] if v != value]
        if value in self.taken:
            changes = {key: [v for v in chosen if v != value], other: others}
        else:
            changes = {key: [*chosen, value], other: others}
        return search_url(self.request, self.endpoint, **changes)


def around(request: SearchRequest, endpoint: str, key: str) -> tuple[str, str]:
    """The link to the search with one more value of key, split where that value goes (after
    the key's other values, or last), made once per request and key: most links of a results
    page add one facet value to the same search."""
    made = g.setdefault("links_around", {})
    if (request, endpoint, key) not in made:
        args = changed_args(request)
        pairs = [encoded(pair) for pair in flat(args)]
        keys = list(args)
        cut = len(flat({k: args[k] for k in keys[:keys.index(key) + 1]})) if key in args else len(pairs)
        before = "&".join(pairs[:cut])
        after = "&".join(pairs[cut:])
        made[request, endpoint, key] = (f"{endpoint_path(endpoint)}?{before}{'&' if before else ''}",
                                        f"{'&' if after else ''}{after}")
    return made[request, endpoint, key]


@dataclass(frozen=True, slots=True)
class Chip:
    """An active filter shown above the results: its kind ("person", "dates"), what it says
    ("Vladimir Putin", "not Russia", "2018") and the link to the same search without it."""

    kind: str
    label: str
    url: str
    excluded: bool = False


def chips(request: SearchRequest) -> list[Chip]:
    """One removable chip per active filter: selected values, left-out values, the date range."""
    found = [Chip(param, value, toggle_url(request, param, value)) for param, value in request.filters]
    found += [Chip(param, f"not {value}", exclude_url(request, param, value), excluded=True)
              for param, value in request.exclude]
    if request.date_from or request.date_to:
        found.append(Chip("dates", date_label(request.date_from, request.date_to),
                          search_url(request, "pages.search", **{"from": None, "to": None})))
    return found


def clear_url(request: SearchRequest) -> str:
    """Link to the same words with every filter removed."""
    return search_url(replace(request, filters=(), exclude=(), date_from=None, date_to=None))


def date_label(start: date | None, end: date | None) -> str:
    """A date range as a person says it: "2018", "2017–2018", "September 2018", "from 3 May 2018"."""
    def day(value: date) -> str:
        return f"{value.day} {value:%B %Y}"
    if start and end:
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        if start.day == 1 and (start.year, start.month) == (end.year, end.month) and \
                end.day == monthrange(end.year, end.month)[1]:
            return f"{start:%B %Y}"
        return f"{day(start)} to {day(end)}"
    return f"from {day(start)}" if start else f"until {day(end)}" if end else ""


def carried_fields(request: SearchRequest, controls: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The hidden fields of the filters form: every parameter of the search except the page and
    those values the form shows as controls ((param, value) pairs, compared as folded), so that
    applying the form keeps all it does not show."""
    shown = {(param, fold(value)) for param, value in controls}
    return [(name, value) for name, value in hidden_fields(request) if (name, fold(value)) not in shown]
