"""A page for each person, place and organisation: their articles, mentions over time, and who and
what comes with them."""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, current_app, render_template, request

from searchapp.web.pages import link_helpers
from searchapp.web.params import request_from_args

bp = Blueprint("entities", __name__)
KINDS = ("person", "place", "organisation")  # facets whose values have a page of their own


@bp.get("/person/<path:name>")
def person(name: str):
    """Articles mentioning a person, newest first, with the people and places most often beside them."""
    return render_entity("person", name)


@bp.get("/place/<path:name>")
def place(name: str):
    """Articles mentioning a place, newest first, with the people and places most often beside them."""
    return render_entity("place", name)


@bp.get("/organisation/<path:name>")
def organisation(name: str):
    """Articles mentioning an organisation, newest first, with the people, places and organisations
    most often beside it."""
    return render_entity("organisation", name)


def entity_page(kind: str, name: str, args):
    """The search behind an entity page; None when no article mentions the name."""
    base = request_from_args(args)
    search_request = replace(base, filters=((kind, name), *(f for f in base.filters if f != (kind, name))),
                             sort=base.sort or "newest")
    page = current_app.extensions["search"].search(search_request)
    return page if page.total else None


def related(page, kind: str, name: str) -> dict:
    """The people, places and organisations most often mentioned with the entity (itself left out)."""
    found = {}
    for facet in page.facets:
        if facet.name in KINDS:
            found[facet.name] = [v for v in facet.values if not (facet.name == kind and v.selected)]
    return found


def render_entity(kind: str, name: str):
    page = entity_page(kind, name, request.args)
    if page is None:
        abort(404, description=f"No article in the archive mentions the {kind} “{name}”.")
    display = next(v.value for f in page.facets if f.name == kind for v in f.values if v.selected)
    return render_template("entities/entity.html", kind=kind, name=display, page=page,
                           related=related(page, kind, display), **link_helpers())
