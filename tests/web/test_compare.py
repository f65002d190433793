"""Compare over time: /compare, /compare.csv and /api/compare on the sample archive."""
from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import pytest
from lxml import html as lxml_html

QUERIES = ["Idlib", "Aleppo", "Ghouta"]


def compare_path(path: str, queries: list[str], **filters: str) -> str:
    return f"{path}?{urlencode([('q', q) for q in queries] + list(filters.items()))}"


def timeline(client, **args) -> dict[str, int]:
    data = client.get(f"/api/search?{urlencode(args)}").get_json()
    return {m["month"]: m["count"] for m in data["timeline"]}


@pytest.mark.parametrize("filters", [{}, {"source": "Harbour Times"}])
def test_json_counts_are_each_searchs_timeline_and_shares_of_all_articles(seeds_client, filters):
    data = seeds_client.get(compare_path("/api/compare", QUERIES, **filters)).get_json()
    months = [m["month"] for m in data["archive"]]
    everything = timeline(seeds_client, **filters)
    assert data["archive"] == [{"month": m, "count": everything.get(m, 0)} for m in months]
    assert [s["q"] for s in data["series"]] == QUERIES
    for series in data["series"]:
        own = timeline(seeds_client, q=series["q"], **filters)
        assert series["timeline"] == [
            {"month": m, "count": own.get(m, 0), "share": round(own.get(m, 0) / everything[m], 6) if everything.get(m)
             else 0.0} for m in months]
        assert series["total"] == seeds_client.get(
            f"/api/search?{urlencode({'q': series['q'], **filters})}").get_json()["total"]
    assert months[0] == min(m for s in data["series"] for m in timeline(seeds_client, q=s["q"], **filters))
    assert data["filters"] == {name: [value] for name, value in filters.items()}
    assert data["build"] == seeds_client.get("/api/search").get_json()["build"]


def test_page_draws_a_chart_and_tables_the_same_figures(seeds_client):
    response = seeds_client.get(compare_path("/compare", QUERIES))
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.get_data(as_text=True))
    data = seeds_client.get(compare_path("/api/compare", QUERIES)).get_json()
    charts = tree.cssselect("figure.compare-chart svg[role=img]")
    assert len(charts) == 2  # counts, and shares of each month's articles
    for svg in charts:
        assert len(svg.cssselect("polyline")) == len(QUERIES)
        assert len(svg.cssselect("circle")) == len(QUERIES) * len(data["archive"])
        assert svg.get("aria-labelledby") and svg.cssselect("title")
    assert not tree.xpath("//*[@style]")  # the CSP allows no inline style
    table = tree.cssselect("table.compare-table")[0]
    assert table.cssselect("caption")[0].text_content().startswith("Matching articles")
    assert [th.text_content() for th in table.cssselect("thead th[scope=colgroup]")] == QUERIES
    rows = [[cell.text_content().strip() for cell in row] for row in table.cssselect("tbody tr")]
    assert rows == [
        [a["month"], str(a["count"])] + [cell for s in data["series"] for cell in (
            str(s["timeline"][i]["count"]), f"{s['timeline'][i]['share'] * 100:.1f}%")]
        for i, a in enumerate(data["archive"])]
    legend = [li.cssselect("a")[0].get("href") for li in tree.cssselect(".compare-legend li")]
    assert legend == [f"/search?q={q}" for q in QUERIES]
    assert [i.get("value") for i in tree.cssselect(".compare-form input[name=q]")] == [*QUERIES, "", ""]


def test_csv_has_a_row_per_query_and_month(seeds_client):
    response = seeds_client.get(compare_path("/compare.csv", QUERIES))
    assert response.mimetype == "text/csv"
    data = seeds_client.get(compare_path("/api/compare", QUERIES)).get_json()
    assert response.headers["Searchapp-Build"] == data["build"]["id"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [{"month": t["month"], "query": s["q"], "articles": str(t["count"]),
                     "all_articles": str(a["count"]), "share": f"{t['share']:.6f}"}
                    for s in data["series"] for t, a in zip(s["timeline"], data["archive"], strict=True)]


def test_the_form_alone_without_queries(seeds_client):
    response = seeds_client.get("/compare")
    tree = lxml_html.fromstring(response.get_data(as_text=True))
    assert response.status_code == 200 and not tree.cssselect("svg[role=img]")
    assert [i.get("value") for i in tree.cssselect(".compare-form input[name=q]")] == [""] * 5
    assert [label.text_content() for label in tree.cssselect(".compare-form label")] == [
        f"Search {n}" for n in range(1, 6)]


@pytest.mark.parametrize("queries, message", [
    (["Idlib"], "Compare 2 to 5 queries: 1 was given."),
    (["Idlib", "  "], "Compare 2 to 5 queries: 1 was given."),
    ([""], "Compare 2 to 5 queries: 0 were given."),
    (["Idlib", "Aleppo", "Ghouta", "Sochi", "Putin", "Erdogan"], "Compare 2 to 5 queries: 6 were given."),
    (["Idlib", "*ing"], "wildcard"),
    (["Idlib", '"'], "has no words that can be searched"),
])
def test_bad_input_is_explained_never_a_500(seeds_client, queries, message):
    page = seeds_client.get(compare_path("/compare", queries))
    assert page.status_code == 400
    tree = lxml_html.fromstring(page.get_data(as_text=True))
    assert message in tree.cssselect("[role=alert]")[0].text_content()
    assert tree.cssselect(".compare-form input[name=q]")  # the form is there to fix it
    answer = seeds_client.get(compare_path("/api/compare", queries))
    assert answer.status_code == 400 and message in answer.get_json()["message"]
    assert seeds_client.get(compare_path("/compare.csv", queries)).status_code == 400


def test_a_query_read_differently_says_so(seeds_client):
    data = seeds_client.get(compare_path("/api/compare", ['"Idlib', "Aleppo"])).get_json()
    assert data["series"][0]["notice"].startswith("A quotation mark")
    assert data["series"][0]["understood_as"] == "Idlib"
    html = seeds_client.get(compare_path("/compare", ['"Idlib', "Aleppo"])).get_data(as_text=True)
    assert "Compared as <strong>Idlib</strong>" in html


def test_results_page_starts_a_comparison_with_its_query_and_filters(seeds_client):
    tree = lxml_html.fromstring(seeds_client.get("/search?q=Idlib&source=Harbour+Times").get_data(as_text=True))
    form = tree.cssselect("form.compare-with")[0]
    assert form.get("action") == "/compare"
    fields = [(i.get("name"), i.get("value") or "") for i in form.cssselect("input")]
    assert fields == [("q", "Idlib"), ("source", "Harbour Times"), ("q", "")]
    assert form.cssselect("label")[0].get("for") == form.cssselect("input[type=search]")[0].get("id")
    filled = [(name, value or "Aleppo") for name, value in fields]
    data = seeds_client.get(f"/api/compare?{urlencode(filled)}").get_json()
    assert [s["q"] for s in data["series"]] == ["Idlib", "Aleppo"] and data["filters"] == {"source": ["Harbour Times"]}
