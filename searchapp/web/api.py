"""JSON twins of the HTML views."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request

from searchapp.models import Facet, Hit, SearchPage, SearchRequest
from searchapp.web.cite import cite_url
from searchapp.web.entities import entity_page, related
from searchapp.web.params import FACET_PARAMS, facet_links, facet_listing, request_from_args, search_url

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """The results page as JSON: hits, total, facets, timeline, and the index build it ran on."""
    search_request = request_from_args(request.args)
    service = current_app.extensions["search"]
    page = service.search(search_request)
    build = service.build()
    return jsonify({**page_json(page), "build": build.as_json(),
                    "cite_url": cite_url(search_request, page.total, build, external=True)})


@bp.get("/facet/<param>")
def facet(param: str):
    """Every value of one facet for a search."""
    if param not in FACET_PARAMS:
        abort(404)
    service = current_app.extensions["search"]
    search_request = service.canonical(request_from_args(request.args))
    found = service.facet(search_request, param, *facet_listing(request.args))
    return jsonify(facet_json(found, search_request))


@bp.get("/person/<path:name>")
def person(name: str):
    """A person's page as JSON."""
    return entity_json("person", name)


@bp.get("/place/<path:name>")
def place(name: str):
    """A place's page as JSON."""
    return entity_json("place", name)


@bp.get("/organisation/<path:name>")
def organisation(name: str):
    """An organisation's page as JSON."""
    return entity_json("organisation", name)


@bp.get("/article/<article_id>")
def article(article_id: str):
    """One article as JSON."""
    view = current_app.extensions["search"].article(article_id)
    a = view.article
    return jsonify({
        "id": a.id, "title": a.title, "url": a.url, "source": a.source,
        "date": a.date.isoformat() if a.date else None, "author": a.author, "language": a.language,
        "people": list(a.people), "places": list(a.places), "countries": list(a.countries),
        "organisations": list(a.organisations),
        "date_source": a.date_source or None, "updated": a.updated.isoformat() if a.updated else None,
        "fetched": a.fetched.isoformat() if a.fetched else None, "section": a.section or None,
        "tags": list(a.tags), "header": list(a.header), "captions": list(a.captions), "body": a.body,
        "also_published_by": [{"id": i, "source": s} for i, s in view.also],
    })


@bp.get("/suggest")
def suggestions():
    """The search box's suggestions with their kinds: a person, place or organisation is applied as
    a filter (`param`), leaving `query` in the box; a word is put into the query."""
    typed = request.args.get("q", "")[:100]
    found = current_app.extensions["search"].suggestions(typed)
    return jsonify({"q": typed, "suggestions": [
        {"text": s.text, "kind": s.kind, "param": None if s.kind == "word" else s.kind, "query": s.query}
        for s in found]})


@bp.get("/report")
def report():
    """The per-source report as JSON."""
    rows, rebuild = current_app.extensions["search"].report()
    return jsonify({"rebuild": {k: rebuild.get(k) for k in ("seen", "indexed", "elapsed", "finished")},
                    "sources": [r.as_json() for r in rows]})


def entity_json(kind: str, name: str):
    page = entity_page(kind, name, request.args)
    if page is None:
        abort(404, description=f"No article in the archive mentions the {kind} “{name}”.")
    data = page_json(page)
    data["related"] = {k: [{"value": v.value, "count": v.count} for v in values]
                       for k, values in related(page, kind, name).items()}
    return jsonify(data)


def hit_json(hit: Hit) -> dict:
    return {
        "id": hit.id, "title": hit.title, "url": hit.url, "source": hit.source,
        "date": hit.date.isoformat() if hit.date else None, "people": list(hit.people),
        "places": list(hit.places), "snippet": hit.snippet, "language": hit.language,
        "also_published_by": [{"id": i, "source": s} for i, s in hit.also],
    }


def facet_json(facet: Facet, req: SearchRequest) -> dict:
    """A facet in Datasette's shape, with links that select and exclude each value."""
    links = facet_links(req, facet.name, "api.search")
    return {"name": facet.name, "label": facet.label, "truncated": facet.truncated, "values": [
        {"value": v.value, "count": v.count, "selected": v.selected, "excluded": v.excluded,
         "toggle_url": links.select(v.value), "exclude_url": links.exclude(v.value)} for v in facet.values]}


def page_json(page: SearchPage) -> dict:
    """A results page as plain data."""
    req = page.request
    return {
        "q": req.q, "total": page.total, "page": req.page, "pages": page.pages, "per_page": req.per_page,
        "sort": req.order, "elapsed": round(page.elapsed, 4),
        "notice": page.notice or None, "understood_as": page.understood_as or None,
        "hits": [hit_json(h) for h in page.hits],
        "facets": [facet_json(f, req) for f in page.facets],
        "timeline": [{"month": m.month, "count": m.count} for m in page.timeline],
        "next_url": search_url(req, "api.search", page=str(req.page + 1)) if req.page < page.pages else None,
    }
