"""Citable searches: /cite pins a search to the index build it ran on (build id, when it was built,
how many articles it found, when it was cited); opened later, it says whether the archive has been
rebuilt since and shows the pinned figures beside today's results. /api/cite is its JSON twin."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from searchapp.models import SearchPage, SearchRequest
from searchapp.service import Build
from searchapp.web.params import URL_SAFE, flat, request_from_args, search_url, to_args

bp = Blueprint("cite", __name__)
BUILD_ID = re.compile(r"[\w-]{1,64}")
BUILT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
CITED = re.compile(r"\d{4}-\d\d-\d\d")
SHOWN = 10  # today's results listed under a citation


@dataclass(frozen=True, slots=True)
class Pinned:
    """What a citation link says the search found when it was cited ("" or None where it says nothing)."""

    build: str
    built: str
    total: int | None
    cited: str


def cite_url(search_request: SearchRequest, total: int, build: Build | None = None, external: bool = False) -> str:
    """The citation link of a search that found total articles on the served build, cited today."""
    build = build or current_app.extensions["search"].build()
    args = {k: v for k, v in to_args(search_request).items() if k not in ("page", "per_page")}
    pins = {"build": build.id, "built": build.built, "total": str(total), "cited": date.today().isoformat()}
    path = url_for("cite.cite", _external=external)
    return f"{path}?{urlencode(flat({**args, **{k: v for k, v in pins.items() if v}}), safe=URL_SAFE)}"


@bp.app_context_processor
def citation_links() -> dict:
    """Lets every page's template link to the citation of a search (the results page does)."""
    return {"cite_url": cite_url}


def pinned(args) -> Pinned:
    """The pinned figures of a citation link, each dropped when it is not what a link would hold."""
    def matching(name: str, pattern: re.Pattern) -> str:
        value = args.get(name, "").strip()
        return value if pattern.fullmatch(value) else ""
    total = args.get("total", "").strip()
    return Pinned(build=matching("build", BUILD_ID), built=matching("built", BUILT),
                  total=int(total) if total.isdigit() and len(total) < 12 else None, cited=matching("cited", CITED))


def look_up(args) -> tuple[Pinned, SearchPage, Build]:
    """The citation's pins, today's first results for its search, and the build serving now."""
    service = current_app.extensions["search"]
    search_request = replace(request_from_args(args), page=1, per_page=SHOWN)
    return pinned(args), service.search(search_request), service.build()


@bp.get("/cite")
def cite():
    """A cited search: then (as pinned) and now (today's build and results)."""
    pins, page, build = look_up(request.args)
    return render_template("pages/cite.html", pins=pins, page=page, build=build, req=page.request,
                           changed=bool(pins.build) and pins.build != build.id, search_url=search_url,
                           today=date.today().isoformat(),
                           citation=citation_text(page.request, pins, request.full_path))


@bp.get("/api/cite")
def cite_json():
    """A cited search as JSON: the pinned figures, today's, and whether the archive changed."""
    pins, page, build = look_up(request.args)
    return jsonify({
        "q": page.request.q, "pinned": {"build": pins.build or None, "built": pins.built or None,
                                        "total": pins.total, "cited": pins.cited or None},
        "today": {"build": build.as_json(), "total": page.total},
        "same_build": bool(pins.build) and pins.build == build.id,
        "search_url": search_url(page.request, "api.search", per_page=None),
    })


def citation_text(search_request: SearchRequest, pins: Pinned, link: str) -> str:
    """A reference to copy into a paper: what was searched, on which build, what it found, when."""
    filters = "; ".join(f"{'not ' if name.startswith('not_') else ''}{name.removeprefix('not_')}: {value}"
                        for name, value in flat(to_args(search_request))
                        if name not in ("q", "sort", "per_page", "page"))
    what = f"search “{search_request.q}”" if search_request.q else "all articles"
    parts = [f"searchapp archive, {what}" + (f" ({filters})" if filters else "")]
    if pins.total is not None:
        parts.append(f"{pins.total:,} articles")
    if pins.build:
        parts.append(f"index build {pins.build}" + (f" of {pins.built[:10]}" if pins.built else ""))
    if pins.cited:
        parts.append(f"accessed {pins.cited}")
    return ", ".join(parts) + f". {request.host_url.rstrip('/')}{link}"
