"""Home page, results page, and the full list of one facet."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from searchapp.web.params import FACET_PARAMS, exclude_url, request_from_args, search_url, to_args, toggle_url

bp = Blueprint("pages", __name__)
FACET_ORDERS = ("count", "name")


@bp.get("/")
def home():
    """Search box, with the size of the archive."""
    service = current_app.extensions["search"]
    return render_template("pages/home.html", count=service.count())


@bp.get("/search")
def search():
    """Results for the query and filters in the URL."""
    search_request = request_from_args(request.args)
    page = current_app.extensions["search"].search(search_request)
    return render_template("pages/results.html", page=page, **link_helpers())


@bp.get("/facet/<param>")
def facet(param: str):
    """Every value of one facet for the current search, by count or by name, with a filter box."""
    if param not in FACET_PARAMS:
        abort(404)
    search_request = request_from_args(request.args)
    order = request.args.get("order", "count")
    order = order if order in FACET_ORDERS else "count"
    contains = request.args.get("contains", "").strip()[:100]
    values = current_app.extensions["search"].facet(search_request, param, order, contains)
    return render_template("pages/facet.html", facet=values, req=search_request, order=order, contains=contains,
                           args=to_args(search_request), **link_helpers())


@bp.get("/report")
def report():
    """Per source: what was indexed, skipped, undated, without people or places, duplicated."""
    rows, rebuild = current_app.extensions["search"].report()
    return render_template("pages/report.html", rows=rows, rebuild=rebuild)


def link_helpers() -> dict:
    """Functions templates use to build links that change one thing in the URL."""
    return {"search_url": search_url, "toggle_url": toggle_url, "exclude_url": exclude_url}
