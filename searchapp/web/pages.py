"""Home page, results page, and the full list of one facet."""
from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from searchapp.web.params import (
    FACET_PARAMS,
    PAGE_SIZES,
    carried_fields,
    chips,
    clear_url,
    exclude_url,
    facet_listing,
    hidden_fields,
    month_range,
    request_from_args,
    search_url,
    to_args,
    toggle_url,
)

bp = Blueprint("pages", __name__)
ADVANCED_FIELDS = ("all", "phrase", "any", "none", "near", "from", "to", "source")


@bp.get("/")
def home():
    """Search box, with the size of the archive."""
    service = current_app.extensions["search"]
    return render_template("pages/home.html", count=service.count())


@bp.get("/search")
def search():
    """Results for the query and filters in the URL."""
    page = current_app.extensions["search"].search(request_from_args(request.args))
    search_request = page.request  # as the service read it: "person=Reagan" named "Ronald Reagan" when joined
    ticks = {(f.name, v.value) for f in page.facets for v in f.values if not v.excluded}
    return render_template("pages/results.html", page=page, chips=chips(search_request),
                           clear_url=clear_url(search_request), carried=carried_fields(search_request, ticks),
                           month_link=lambda month: search_url(search_request, **month_range(month)),
                           **link_helpers())


@bp.get("/facet/<param>")
def facet(param: str):
    """Every value of one facet for the current search, by count or by name, with a filter box."""
    if param not in FACET_PARAMS:
        abort(404)
    service = current_app.extensions["search"]
    search_request = service.canonical(request_from_args(request.args))
    order, contains = facet_listing(request.args)
    values = service.facet(search_request, param, order, contains)
    return render_template("pages/facet.html", facet=values, req=search_request, order=order, contains=contains,
                           args=to_args(search_request), **link_helpers())


@bp.get("/help", endpoint="help")
def help_page():
    """The query language, with examples."""
    return render_template("pages/help.html")


@bp.get("/advanced")
def advanced():
    """A form for those who would rather not write query syntax; it compiles to a plain search URL."""
    if any(request.args.get(k, "").strip() for k in ADVANCED_FIELDS):
        q = compile_advanced(request.args)
        args = {"q": q} if q else {}
        for key in ("from", "to", "source"):
            if request.args.get(key, "").strip():
                args[key] = request.args[key].strip()
        return redirect(url_for("pages.search", **args), code=303)
    return render_template("pages/advanced.html", sources=current_app.extensions["search"].sources())


def compile_advanced(args) -> str:
    """The query that the advanced form's fields mean."""
    def words(name: str) -> list[str]:
        return re.findall(r"[\w'’*-]+", args.get(name, ""))
    parts = [" ".join(words("all"))]
    if words("phrase"):
        parts.append('"' + " ".join(words("phrase")) + '"')
    if words("any"):
        parts.append("(" + " OR ".join(words("any")) + ")")
    if words("near"):
        distance = args.get("within", "5")
        distance = distance if distance.isdigit() and 0 < int(distance) <= 50 else "5"
        parts.append('"' + " ".join(words("near")) + f'"~{distance}')
    parts += [f"-{w}" for w in words("none")]
    return " ".join(p for p in parts if p).strip()


@bp.get("/report")
def report():
    """Per source: what was indexed, skipped, undated, without people or places, duplicated."""
    rows, rebuild = current_app.extensions["search"].report()
    return render_template("pages/report.html", rows=rows, rebuild=rebuild)


def link_helpers() -> dict:
    """Functions templates use to build links that change one thing in the URL."""
    return {"search_url": search_url, "toggle_url": toggle_url, "exclude_url": exclude_url,
            "hidden_fields": hidden_fields, "month_range": month_range, "PAGE_SIZES": PAGE_SIZES}
