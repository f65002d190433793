"""The organisation facet and page: sidebar, filters and exclusion in the URL, the page and its JSON twin."""
from __future__ import annotations

from tests.web.test_filters import chips, clear_all

EU = "European Union"


def test_the_organisation_page_lists_its_articles_and_who_comes_with_it(client):
    html = client.get(f"/organisation/{EU}").get_data(as_text=True)
    assert '<p class="kind">Organisation</p>' in html and f"<h1>{EU}</h1>" in html
    assert "Mentioned in 1 article." in html and "May and Barnier resume Brexit talks in Brussels" in html
    assert f"People mentioned with {EU}" in html and 'href="/person/Theresa%20May"' in html


def test_the_organisation_page_accepts_any_spelling_and_unknown_ones_are_404(client):
    assert f"<h1>{EU}</h1>" in client.get("/organisation/european union").get_data(as_text=True)
    response = client.get("/organisation/Nobody Incorporated")
    assert response.status_code == 404 and "No article in the archive mentions" in response.get_data(as_text=True)


def test_the_page_has_a_json_twin(client):
    data = client.get(f"/api/organisation/{EU}").get_json()
    assert [h["title"] for h in data["hits"]] == ["May and Barnier resume Brexit talks in Brussels"]
    assert {"value": "Theresa May", "count": 1} in data["related"]["person"]
    assert EU not in [v["value"] for v in data["related"].get("organisation", [])]


def test_the_facet_counts_selects_and_excludes_through_the_api(client):
    everything = client.get("/api/search").get_json()
    facet = next(f for f in everything["facets"] if f["name"] == "organisation")
    assert facet["label"] == "Organisations"
    assert {(v["value"], v["count"]) for v in facet["values"]} == {(EU, 1), ("Parliament", 1)}
    chosen = client.get("/api/search", query_string={"organisation": [EU, "Parliament"]}).get_json()
    assert chosen["total"] == 1 and chosen["hits"][0]["title"] == "May and Barnier resume Brexit talks in Brussels"
    left_out = client.get("/api/search", query_string={"not_organisation": EU}).get_json()
    assert left_out["total"] == everything["total"] - 1
    assert "May and Barnier resume Brexit talks in Brussels" not in {h["title"] for h in left_out["hits"]}


def test_sidebar_links_to_the_page_and_clear_all_drops_the_filter(client):
    html = client.get("/search", query_string={"organisation": EU, "q": "Brexit"}).get_data(as_text=True)
    assert 'href="/organisation/European%20Union"' in html and f"organisation: {EU}" in chips(html)
    assert clear_all(html) == "/search?q=Brexit"


def test_the_article_page_lists_its_organisations(client):
    article_id = client.get("/api/search", query_string={"organisation": EU}).get_json()["hits"][0]["id"]
    html = client.get(f"/article/{article_id}").get_data(as_text=True)
    assert "<h2>Organisations</h2>" in html and 'href="/organisation/European%20Union"' in html
    assert client.get(f"/api/article/{article_id}").get_json()["organisations"] == [EU, "Parliament"]
