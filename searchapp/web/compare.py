"""Compare over time: /compare?q=Idlib&q=Aleppo, a chart and table of matching articles per month
for each query, with CSV (/compare.csv) and JSON (/api/compare) twins.

Filters in the URL (`source=`, `person=`, `from=`...) apply to every query, and are also the
"all articles" each month's share is taken of; a filter for one query alone is written in its
query (`Idlib source:"Gulf Wire"`, `Aleppo place:Aleppo`).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace

from flask import Blueprint, Response, current_app, jsonify, render_template, request

from searchapp.errors import QueryError
from searchapp.models import MAX_QUERY, SearchRequest
from searchapp.service import MAX_QUERIES, MIN_QUERIES, Comparison
from searchapp.web.feeds import BUILD_HEADER, inert
from searchapp.web.params import hidden_fields, month_range, request_from_args, search_url, to_args

bp = Blueprint("compare", __name__)
# The chart's drawing box, in SVG user units (it scales to the page's width).
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 12, 44  # room under the plot for month and year at a phone's 16px
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Line:
    """One query drawn: its polyline's points and a dot per month (x, y, what the dot says)."""

    number: int  # 1..5: the class that colours and dashes it
    label: str
    points: str
    dots: tuple[tuple[float, float, str], ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A line chart as plain data for the template: axes, ticks and one line per query."""

    title: str
    lines: tuple[Line, ...]
    y_ticks: tuple[tuple[float, str], ...]  # (y, label)
    x_ticks: tuple[tuple[float, str, str], ...]  # (x, month name, year where one starts)


def read_comparison(args) -> tuple[list[SearchRequest], SearchRequest]:
    """The queries to compare (blank boxes left out) and the request holding the shared filters."""
    shared = request_from_args(args)
    queries = [text[: MAX_QUERY + 1] for text in args.getlist("q") if text.strip()]
    return [replace(shared, q=text) for text in queries], replace(shared, q="", page=1, sort="")


def run(args) -> tuple[Comparison, SearchRequest]:
    requests, shared = read_comparison(args)
    return current_app.extensions["search"].compare(requests, shared), shared


@bp.get("/compare")
def compare():
    """The form, or the chart and table of the queries in the URL."""
    requests, shared = read_comparison(request.args)
    page = {"comparison": None, "queries": [r.q for r in requests], "shared": shared, "error": "", **helpers(shared)}
    if not requests and "q" not in request.args:
        return render_template("pages/compare.html", **page)
    try:
        comparison = current_app.extensions["search"].compare(requests, shared)
    except QueryError as error:
        return render_template("pages/compare.html", **{**page, "error": str(error)}), 400
    charts = (chart(comparison, "counts"), chart(comparison, "shares"))
    return render_template("pages/compare.html", **{**page, "comparison": comparison, "charts": charts})


@bp.get("/compare.csv")
def compare_csv():
    """One row per query and month: month, query, articles, all_articles, share."""
    comparison, _ = run(request.args)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["month", "query", "articles", "all_articles", "share"])
    for series in comparison.series:
        for month, count, share, whole in zip(comparison.months, series.counts, series.shares, comparison.archive,
                                              strict=True):
            writer.writerow([month, inert(series.request.q), count, whole, f"{share:.6f}"])
    return Response(buffer.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="searchapp-compare.csv"', **build_header()})


@bp.get("/api/compare")
def compare_json():
    """The comparison as JSON: the months, all articles per month, and each query's timeline."""
    comparison, shared = run(request.args)
    response = jsonify({
        "filters": {k: v for k, v in to_args(shared).items() if k not in ("per_page",)},
        "archive": [{"month": m, "count": n} for m, n in zip(comparison.months, comparison.archive, strict=True)],
        "series": [{
            "q": s.request.q, "total": s.total, "undated": s.undated, "notice": s.notice or None,
            "understood_as": s.understood_as or None, "search_url": search_url(s.request, "api.search"),
            "timeline": [{"month": m, "count": n, "share": round(share, 6)}
                         for m, n, share in zip(comparison.months, s.counts, s.shares, strict=True)],
        } for s in comparison.series],
        "build": current_app.extensions["search"].build().as_json(),
    })
    response.headers.update(build_header())
    return response


def build_header() -> dict[str, str]:
    """The HTTP header naming the index build an answer was made from."""
    return {BUILD_HEADER: current_app.extensions["search"].build().id or "unknown"}


def helpers(shared: SearchRequest) -> dict:
    """What the template needs to build links and carry the shared filters through its form."""
    return {"search_url": search_url, "month_range": month_range, "carry": hidden_fields(shared, without="q"),
            "MAX_QUERIES": MAX_QUERIES, "MIN_QUERIES": MIN_QUERIES}


def chart(comparison: Comparison, values: str) -> Chart:
    """The chart of counts ("counts") or shares of each month's articles ("shares")."""
    months = comparison.months
    columns = [getattr(s, values) for s in comparison.series]
    peak = max((v for column in columns for v in column), default=0) or 1
    top = nice_ceiling(peak, values == "shares")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return round(LEFT + (plot_w / 2 if len(months) == 1 else i * plot_w / (len(months) - 1)), 1)

    def y(v: float) -> float:
        return round(TOP + plot_h - v / top * plot_h, 1)

    def said(v: float) -> str:
        return f"{v:.1%}" if values == "shares" else f"{v:,}"

    lines = tuple(Line(number=n + 1, label=s.request.q, points=" ".join(f"{x(i)},{y(v)}" for i, v in enumerate(column)),
                       dots=tuple((x(i), y(v), f"{s.request.q}, {months[i]}: {said(v)}") for i, v in enumerate(column)))
                  for n, (s, column) in enumerate(zip(comparison.series, columns, strict=True)))
    step = max(1, -(-len(months) // 12))  # at most a dozen month labels
    x_ticks = tuple((x(i), MONTH_NAMES[int(m[5:7]) - 1] if i % step == 0 else "",
                     m[:4] if i == 0 or m.endswith("-01") else "") for i, m in enumerate(months))
    title = "Share of all articles each month" if values == "shares" else "Matching articles per month"
    return Chart(title=title, lines=lines, x_ticks=x_ticks,
                 y_ticks=tuple((y(top * k / 4), tick(top * k / 4, values == "shares")) for k in range(5)))


def tick(value: float, share: bool) -> str:
    """A y axis label, short enough for a phone: "12", "2.5%"."""
    return f"{value * 100:g}%" if share else f"{value:,g}"


def nice_ceiling(peak: float, share: bool) -> float:
    """A round top for the y axis at or above peak (4 gridlines divide it evenly)."""
    if share:
        return next(t for t in (0.04, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0) if t >= peak)
    magnitude = 1
    while True:
        for factor in (4, 8, 12, 20, 40):
            if factor * magnitude >= peak:
                return factor * magnitude
        magnitude *= 10
