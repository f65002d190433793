"""Home page and results page."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from searchapp.web.params import request_from_args, search_url, toggle_url

bp = Blueprint("pages", __name__)


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
    return render_template("pages/results.html", page=page, search_url=search_url, toggle_url=toggle_url)
