"""The site and its API on both backends: nothing above the search service changes."""
from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.web import create_app
from tests.contract.conftest import BACKENDS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    url = request.getfixturevalue("cluster").url if request.param == "sphinxql" else ""
    folder = tmp_path_factory.mktemp(f"site-{request.param}")
    rebuild_index(RebuildOptions([SEEDS], folder, backend=url))
    return create_app({"TESTING": True, "INDEX_DIR": folder, "BACKEND": url}).test_client()


def test_pages_and_api_answer_alike(client):
    found = client.get("/api/search?q=idlib+ceasefire&person=Vladimir+Putin").get_json()
    assert found["total"] == 2 and all("Vladimir Putin" in h["people"] for h in found["hits"])
    page = client.get("/search?q=idlib+ceasefire&sort=newest")
    assert page.status_code == 200 and b"<mark>" in page.data and b"Vladimir Putin" in page.data
    article = found["hits"][0]["id"]
    assert client.get(f"/article/{article}?q=ceasefire").status_code == 200
    assert client.get("/article/nothing-here").status_code == 404
    for path in ("/", "/report", "/advanced", "/help", "/search.atom?q=putin", "/search.csv?q=putin",
                 f"/article/{article}/removed", "/person/Vladimir%20Putin", "/place/Idlib", "/facet/person?q=putin",
                 "/api/facet/place?q=putin", f"/api/article/{article}", "/api/report", "/opensearch.xml"):
        assert client.get(path).status_code == 200, path
    assert "Vladimir Putin" in client.get("/suggest?q=Vla").get_json()[1]


def test_a_bad_query_is_a_400_on_both(client):
    assert client.get("/search?q=*idlib").status_code == 400
    assert client.get("/api/search?q=" + "x" * 5000).status_code == 400


def test_a_cluster_that_does_not_answer_is_a_503(tmp_path):
    app = create_app({"TESTING": True, "INDEX_DIR": tmp_path, "BACKEND": "sphinxql://127.0.0.1:1,127.0.0.1:2"})
    for path in ("/search?q=idlib", "/api/search?q=idlib"):
        response = app.test_client().get(path)
        assert response.status_code == 503 and b"search cluster" in response.data
