"""Twins of a results page for other programs: Atom feed, CSV export, OpenSearch and suggestions."""
from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from searchapp.web.params import request_from_args, search_url

bp = Blueprint("feeds", __name__)
FEED_ENTRIES = 20
CSV_LIMIT = 1000
# `build` names the index build every row came from (also sent as the Searchapp-Build header).
CSV_COLUMNS = ["id", "title", "source", "date", "url", "people", "places", "permalink", "build"]
BUILD_HEADER = "Searchapp-Build"


@bp.get("/search.atom")
def atom():
    """The newest matches of a search as an Atom feed: a feed reader becomes a saved-search alert."""
    search_request = replace(request_from_args(request.args), sort="newest")
    total, hits = current_app.extensions["search"].listing(search_request, 0, FEED_ENTRIES)
    updated = max((h.date for h in hits if h.date), default=None) or datetime(1970, 1, 1)
    body = render_template("feeds/atom.xml", hits=hits, req=search_request, total=total,
                           updated=updated.replace(tzinfo=UTC).isoformat(),
                           page_url=search_url(search_request, _external=True),
                           feed_url=search_url(search_request, "feeds.atom", _external=True))
    return Response(body, mimetype="application/atom+xml")


@bp.get("/search.csv")
def csv_export():
    """The results as CSV, best first, at most CSV_LIMIT rows, streamed as they are written."""
    search_request = request_from_args(request.args)
    _, hits = current_app.extensions["search"].listing(search_request, 0, CSV_LIMIT)
    build = current_app.extensions["search"].build().id
    root = request.host_url.rstrip("/")

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_COLUMNS)
        for hit in hits:
            writer.writerow([inert(cell) for cell in (
                hit.id, hit.title, hit.source, hit.date.date().isoformat() if hit.date else "", hit.url,
                "; ".join(hit.people), "; ".join(hit.places), f"{root}/article/{hit.id}", build)])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    # The rows need nothing from the request (hits and root are read above), so the stream holds
    # no request context: one left open by a client that stops reading could not outlive it.
    return Response(rows(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="searchapp-results.csv"',
                             BUILD_HEADER: build or "unknown"})


def inert(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (text from pages may start with = or +)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


@bp.get("/opensearch.xml")
def opensearch():
    """Lets a browser add the archive as a search engine."""
    body = render_template("feeds/opensearch.xml", root=request.host_url.rstrip("/"))
    return Response(body, mimetype="application/opensearchdescription+xml")


@bp.get("/suggest")
def suggest():
    """Search-box completions in the OpenSearch suggestions format: [query, [completions]]."""
    q = request.args.get("q", "")[:100]
    response = jsonify([q, current_app.extensions["search"].suggest(q)])
    response.mimetype = "application/x-suggestions+json"
    return response
