"""The article page."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from searchapp.errors import PageError

bp = Blueprint("articles", __name__)
DATE_SOURCES = {"json-ld": "the page's JSON-LD", "meta": "the page's meta tags", "time": "a <time> element",
                "htmldate": "htmldate's reading of the page", "url": "the URL", "dateline": "the dateline", "page text": "a date line in the saved text",
                "file name": "the file name"}


@bp.get("/article/<article_id>")
def article(article_id: str):
    """One article, its clean text, and links to searches on its people and places."""
    q = request.args.get("q", "")[:1000]
    view = current_app.extensions["search"].article(article_id, q)
    return render_template("articles/article.html", view=view, q=q, DATE_SOURCES=DATE_SOURCES)


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
    counts = {fate: sum(b.fate == fate for b in blocks) for fate in ("kept", "title", "caption", "removed")}
    return render_template("articles/removed.html", article=article, blocks=blocks, counts=counts, problem=problem)
