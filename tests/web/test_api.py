def test_search_json(client):
    data = client.get("/api/search?q=ceasefire").get_json()
    assert data["total"] == 1 and data["q"] == "ceasefire" and data["notice"] is None
    hit = data["hits"][0]
    assert set(hit) == {"id", "title", "url", "source", "date", "people", "places", "snippet", "language",
                        "also_published_by"}
    assert hit["date"] == "2018-09-17T15:30:00"
    assert [f["name"] for f in data["facets"]] == [
        "person", "place", "organisation", "country", "source", "language", "tag", "year"]
    assert hit["language"] == "en"
    facets = {f["name"]: f for f in data["facets"]}
    assert facets["language"] == {"name": "language", "label": "Language", "truncated": False, "values": [
        {"value": "English", "count": 1, "selected": False, "excluded": False,
         "toggle_url": "/api/search?q=ceasefire&language=English",
         "exclude_url": "/api/search?q=ceasefire&not_language=English"}]}
    year = facets["year"]
    assert year == {"name": "year", "label": "Year", "truncated": False, "values": [
        {"value": "2018", "count": 1, "selected": False, "excluded": False,
         "toggle_url": "/api/search?q=ceasefire&year=2018",
         "exclude_url": "/api/search?q=ceasefire&not_year=2018"}]}
    assert data["timeline"] == [{"month": "2018-09", "count": 1}]


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


def test_exclude_urls_follow(client):
    data = client.get("/api/search").get_json()
    putin = next(v for f in data["facets"] if f["name"] == "person"
                 for v in f["values"] if v["value"] == "Vladimir Putin")
    excluded = client.get(putin["exclude_url"]).get_json()
    assert excluded["total"] == 2
    value = next(v for f in excluded["facets"] if f["name"] == "person"
                 for v in f["values"] if v["value"] == "Vladimir Putin")
    assert value["excluded"] and not value["selected"]
    assert client.get(value["exclude_url"]).get_json()["total"] == 3


def test_facet_json(client):
    data = client.get("/api/facet/place?order=name&contains=o").get_json()
    assert [v["value"] for v in data["values"]] == ["London", "Moscow", "Rio de Janeiro", "São Paulo", "Sochi"]
    assert client.get("/api/facet/nope").status_code == 404


def test_person_json(client):
    data = client.get("/api/person/Vladimir Putin").get_json()
    assert data["total"] == 1 and data["hits"][0]["title"] == "Ankara and Moscow agree Idlib ceasefire plan"
    assert {"value": "Recep Tayyip Erdogan", "count": 1} in data["related"]["person"]
    assert all(p["value"] != "Vladimir Putin" for p in data["related"]["person"])
    assert client.get("/api/person/Nobody Atall").status_code == 404


def test_the_byline_the_page_shows_above_the_story_is_searched_with_it(client):
    # "By Nadia Okafor" is the article's header, not its body: searched, and shown apart.
    data = client.get("/api/search?q=okafor").get_json()
    assert [hit["title"] for hit in data["hits"]] == ["Ankara and Moscow agree Idlib ceasefire plan"]
    article = client.get(f"/api/article/{data['hits'][0]['id']}").get_json()
    assert article["header"] == ["By Nadia Okafor", "17 September 2018"]
    assert "Okafor" not in article["body"]
