"""The article page, and what cleaning removed from it."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from searchapp.errors import PageError
from searchapp.web.params import request_from_args, search_url

bp = Blueprint("articles", __name__)
DATE_SOURCES = {"json-ld": "the page's JSON-LD", "meta": "the page's meta tags", "time": "a <time> element",
                "htmldate": "htmldate's reading of the page", "url": "the URL", "dateline": "the dateline",
                "page text": "a date line in the saved text", "file name": "the file name"}


@bp.get("/article/<article_id>")
def article(article_id: str):
    """One article, its clean text, links to its people and places, and where it sits in a search."""
    service = current_app.extensions["search"]
    q = request.args.get("q", "")[:1000]
    view = service.article(article_id, q)
    search_request = request_from_args(request.args)
    return render_template("articles/article.html", view=view, q=q, DATE_SOURCES=DATE_SOURCES,
                           related=service.more_like_this(article_id), neighbours=neighbours(article_id),
                           back=search_url(search_request) if "pos" in request.args else "",
                           permalink=f"{request.host_url.rstrip('/')}/article/{article_id}")


def neighbours(article_id: str) -> dict:
    """The previous and next results, when the article was opened from a search (pos=N)."""
    try:
        position = int(request.args.get("pos", ""))
    except ValueError:
        return {}
    if position < 1:
        return {}
    search_request = request_from_args(request.args)
    total, around = current_app.extensions["search"].listing(search_request, max(0, position - 2), 3)
    ids = [hit.id for hit in around]
    if article_id not in ids:
        return {}
    here = ids.index(article_id)
    found = {"position": position, "total": total}
    if here > 0:
        found["previous"] = (around[here - 1], search_url(search_request, "articles.article",
                                                          article_id=around[here - 1].id, pos=str(position - 1)))
    if here + 1 < len(around):
        found["next"] = (around[here + 1], search_url(search_request, "articles.article",
                                                      article_id=around[here + 1].id, pos=str(position + 1)))
    return found


@bp.get("/article/<article_id>/removed")
def removed(article_id: str):
    """The saved page block by block, kept text beside what cleaning removed."""
    service = current_app.extensions["search"]
    try:
        article, blocks = service.removed(article_id)
    except PageError as error:
        article, blocks, problem = service.article(article_id).article, [], str(error)
    else:
        problem = ""
    counts = {fate: sum(b.fate == fate for b in blocks) for fate in ("kept", "title", "header", "caption", "removed")}
    return render_template("articles/removed.html", article=article, blocks=blocks, counts=counts, problem=problem)
