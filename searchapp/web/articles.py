"""The article page."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

bp = Blueprint("articles", __name__)


@bp.get("/article/<article_id>")
def article(article_id: str):
    """One article, its clean text, and links to searches on its people and places."""
    q = request.args.get("q", "")[:1000]
    view = current_app.extensions["search"].article(article_id, q)
    return render_template("articles/article.html", view=view, q=q)
