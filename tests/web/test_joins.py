"""One People value per person on the site: pages (tests/fixtures/surnames) where one article
names "Ronald Reagan" and two others only "Reagan" (and three Bakers: Howard, James, and one by his
surname alone) give one value "Ronald Reagan" with all three articles, whichever way he is chosen,
on every page and feed."""
from __future__ import annotations

import csv
import io
from urllib.parse import quote

import pytest
from lxml import html as lxml_html

from searchapp.ingest.pipeline import read_articles
from searchapp.models import RebuildReport
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.web import create_app
from tests.conftest import FIXTURES

SURNAMES = FIXTURES / "surnames"

REAGAN = {"President urges trade bill", "White House names envoy to Geneva talks", "Budget talks resume in Washington"}
PEOPLE = {"Ronald Reagan": 3, "Howard Baker": 1, "James Baker": 1, "Baker": 1}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("surnames-index")
    rebuild_index(RebuildOptions([SURNAMES], folder))
    return create_app({"TESTING": True, "INDEX_DIR": folder}).test_client()


def person_facet(data: dict) -> list[dict]:
    return next(f for f in data["facets"] if f["name"] == "person")["values"]


def test_the_pages_name_him_in_full_once_and_by_his_surname_twice():
    people = {a.title: a.people for a in read_articles([SURNAMES], RebuildReport())}
    assert people == {"President urges trade bill": ("Ronald Reagan",),
                      "White House names envoy to Geneva talks": ("Reagan",),
                      "Budget talks resume in Washington": ("Reagan",), "Chief of staff begins work": ("Howard Baker",),
                      "Treasury sees dollar steady": ("James Baker",), "Talks on the dollar go on": ("Baker",)}


def test_the_people_facet_shows_him_once_with_every_article(client):
    data = client.get("/api/search").get_json()
    assert {v["value"]: v["count"] for v in person_facet(data)} == PEOPLE
    everything = client.get("/api/facet/person?order=name").get_json()
    assert [(v["value"], v["count"]) for v in everything["values"]] == [
        ("Baker", 1), ("Howard Baker", 1), ("James Baker", 1), ("Ronald Reagan", 3)]


@pytest.mark.parametrize("name", ["Ronald Reagan", "Reagan"])
def test_choosing_him_by_either_name_finds_all_three(client, name):
    data = client.get(f"/api/search?person={quote(name)}").get_json()
    assert data["total"] == 3 and {h["title"] for h in data["hits"]} == REAGAN
    chosen = [v for v in person_facet(data) if v["selected"]]
    assert [(v["value"], v["count"]) for v in chosen] == [("Ronald Reagan", 3)]
    assert "person=" not in chosen[0]["toggle_url"]  # unticking him leaves no person chosen
    tree = lxml_html.fromstring(client.get(f"/search?person={quote(name)}").get_data(as_text=True))
    assert [i.get("value") for i in tree.cssselect("input[name=person][checked]")] == ["Ronald Reagan"]
    assert [(c.text_content(), c.get("href")) for c in tree.cssselect("a.chip")] == [
        ("Remove filter: person: Ronald Reagan ×", "/search")]


def test_leaving_him_out_by_either_name_leaves_out_all_three(client):
    for name in ("Reagan", "Ronald Reagan"):
        data = client.get(f"/api/search?not_person={quote(name)}").get_json()
        assert data["total"] == 3 and not {h["title"] for h in data["hits"]} & REAGAN
        assert [(v["value"], v["excluded"]) for v in person_facet(data) if v["excluded"]] == [("Ronald Reagan", True)]


def test_his_page_under_either_name(client):
    for name in ("Ronald Reagan", "Reagan", "reagan"):
        page = client.get(f"/person/{quote(name)}")
        assert page.status_code == 200
        tree = lxml_html.fromstring(page.get_data(as_text=True))
        assert tree.cssselect("h1")[0].text_content() == "Ronald Reagan"
        data = client.get(f"/api/person/{quote(name)}").get_json()
        assert data["total"] == 3 and {h["title"] for h in data["hits"]} == REAGAN
    baker = lxml_html.fromstring(client.get("/person/Baker").get_data(as_text=True))  # ambiguous: his own page
    assert baker.cssselect("h1")[0].text_content() == "Baker"
    assert client.get("/api/person/Baker").get_json()["total"] == 1


def test_feeds_exports_and_the_query_field(client):
    atom = lxml_html.fromstring(client.get("/search.atom?person=Reagan").data)
    assert len(atom.findall(".//entry")) == 3
    rows = list(csv.DictReader(io.StringIO(client.get("/search.csv?person=Ronald+Reagan").get_data(as_text=True))))
    assert {r["title"] for r in rows} == REAGAN
    found = client.get('/api/search?q=person:"Ronald Reagan"').get_json()
    assert found["total"] == 3
    assert client.get("/api/search?q=budget&not_person=Reagan").get_json()["total"] == 1  # Howard Baker's


def test_suggestions_and_compare_know_him_by_his_full_name(client):
    offered = client.get("/api/suggest?q=reag").get_json()["suggestions"]
    assert {"text": "Ronald Reagan", "kind": "person", "param": "person", "query": ""} in offered
    assert not [s for s in offered if s["text"] == "Reagan" and s["kind"] == "person"]
    compared = client.get("/api/compare?q=talks&q=budget&person=Reagan").get_json()
    assert [s["total"] for s in compared["series"]] == [2, 1]  # the envoy and the budget talks; the budget
