def test_search_json(client):
    data = client.get("/api/search?q=ceasefire").get_json()
    assert data["total"] == 1 and data["q"] == "ceasefire" and data["notice"] is None
    hit = data["hits"][0]
    assert set(hit) == {"id", "title", "url", "source", "date", "people", "places", "snippet"}
    assert hit["date"] == "2018-09-17T15:30:00"
    assert [f["name"] for f in data["facets"]] == ["person", "place", "source", "year"]
    year = data["facets"][3]
    assert year == {"name": "year", "label": "Year", "truncated": False, "values": [
        {"value": "2018", "count": 1, "selected": False, "toggle_url": "/api/search?q=ceasefire&year=2018"}]}


def test_search_json_toggle_urls_follow(client):
    data = client.get("/api/search?place=Idlib").get_json()
    idlib = next(v for f in data["facets"] if f["name"] == "place" for v in f["values"] if v["value"] == "Idlib")
    assert idlib["selected"] and data["total"] == 1
    assert client.get(idlib["toggle_url"]).get_json()["total"] == 3


def test_bad_query_json_has_notice(client):
    data = client.get('/api/search?q="idlib').get_json()
    assert data["notice"].startswith("A quotation mark") and data["understood_as"] == "idlib"


def test_article_json_and_404(client):
    article_id = client.get("/api/search?q=bolsonaro").get_json()["hits"][0]["id"]
    data = client.get(f"/api/article/{article_id}").get_json()
    assert data["title"] == "Café owners in São Paulo fear the election"
    assert data["places"][:1] == ["São Paulo"]
    response = client.get("/api/article/nope")
    assert response.status_code == 404 and response.get_json()["error"] == "Article not found"
