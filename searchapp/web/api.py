"""JSON twins of the HTML views."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from searchapp.models import Hit, SearchPage
from searchapp.web.params import request_from_args, search_url, toggle_url

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """The results page as JSON: hits, total and facets."""
    search_request = request_from_args(request.args)
    page = current_app.extensions["search"].search(search_request)
    return jsonify(page_json(page))


@bp.get("/article/<article_id>")
def article(article_id: str):
    """One article as JSON."""
    view = current_app.extensions["search"].article(article_id)
    a = view.article
    return jsonify({
        "id": a.id, "title": a.title, "url": a.url, "source": a.source,
        "date": a.date.isoformat() if a.date else None, "author": a.author, "language": a.language,
        "people": list(a.people), "places": list(a.places), "captions": list(a.captions),
        "body": a.body,
    })


def hit_json(hit: Hit) -> dict:
    return {
        "id": hit.id, "title": hit.title, "url": hit.url, "source": hit.source,
        "date": hit.date.isoformat() if hit.date else None, "people": list(hit.people),
        "places": list(hit.places), "snippet": hit.snippet,
    }


def page_json(page: SearchPage) -> dict:
    """A results page as plain data; facets in Datasette's shape."""
    req = page.request
    return {
        "q": req.q, "total": page.total, "page": req.page, "pages": page.pages, "per_page": req.per_page,
        "sort": req.sort or ("relevance" if req.q else "newest"), "elapsed": round(page.elapsed, 4),
        "notice": page.notice or None, "understood_as": page.understood_as or None,
        "hits": [hit_json(h) for h in page.hits],
        "facets": [
            {"name": f.name, "label": f.label, "truncated": f.truncated, "values": [
                {"value": v.value, "count": v.count, "selected": v.selected,
                 "toggle_url": toggle_url(req, f.name, v.value, "api.search")} for v in f.values]}
            for f in page.facets
        ],
        "next_url": search_url(req, "api.search", page=str(req.page + 1)) if req.page < page.pages else None,
    }
