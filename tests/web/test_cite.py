"""Citable searches: the build id on the results page, in JSON and CSV, and a citation opened
before and after a rebuild (each test builds its own index, since it rebuilds it)."""
from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html as lxml_html

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.web import create_app
from tests.conftest import story, write_dump

BUILD_ID = re.compile(r"\d{8}-\d{6}-[0-9a-f]{6}")


@pytest.fixture
def archive(tmp_path):
    """Two pages about apples and one about pears, indexed; returns (pages folder, index folder)."""
    pages, index = tmp_path / "pages", tmp_path / "index"
    write_dump(pages, "2018-09-01-a.txt", "Apples in autumn", story("Apples were picked early this year."))
    write_dump(pages, "2018-09-02-b.txt", "Apple prices rise", story("Apple growers asked for more money."))
    write_dump(pages, "2018-09-03-c.txt", "Pears in the rain", story("Pears rotted on the trees."))
    rebuild_index(RebuildOptions([pages], index))
    return pages, index


@pytest.fixture
def site(archive):
    return create_app({"TESTING": True, "INDEX_DIR": archive[1]}).test_client()


def cite_link(client, query: str) -> str:
    tree = lxml_html.fromstring(client.get(f"/search?q={query}").get_data(as_text=True))
    return tree.cssselect(".cite-link a")[0].get("href")


def status(client, link: str) -> str:
    tree = lxml_html.fromstring(client.get(link).get_data(as_text=True))
    return " ".join(tree.cssselect(".archive-status")[0].text_content().split())


def test_results_json_and_csv_carry_the_same_build(site):
    build = site.get("/api/search?q=apples").get_json()["build"]
    assert BUILD_ID.fullmatch(build["id"]) and build["articles"] == 3
    assert build["built"].replace("-", "").replace("T", "-").replace(":", "")[:15] == build["id"][:15]
    pins = parse_qs(urlsplit(cite_link(site, "apples")).query)
    assert pins == {"q": ["apples"], "build": [build["id"]], "built": [build["built"]], "total": ["2"],
                    "cited": pins["cited"]}
    response = site.get("/search.csv?q=apples")
    assert response.headers["Searchapp-Build"] == build["id"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 2 and {row["build"] for row in rows} == {build["id"]}
    data = site.get("/api/search?q=apples").get_json()
    assert urlsplit(data["cite_url"]).path == "/cite" and parse_qs(urlsplit(data["cite_url"]).query)["build"] == [
        build["id"]]


def test_citation_of_an_unchanged_archive(site):
    link = cite_link(site, "apples")
    assert status(site, link).startswith("The archive has not changed since this search was cited")
    tree = lxml_html.fromstring(site.get(link).get_data(as_text=True))
    rows = {row.cssselect("th")[0].text_content(): [td.text_content() for td in row.cssselect("td")]
            for row in tree.cssselect(".cite-table tbody tr")}
    build = site.get("/api/search").get_json()["build"]
    assert rows["Articles found"] == ["2", "2"] and rows["Index build"] == [build["id"], build["id"]]
    assert len(tree.cssselect(".hits .hit")) == 2
    text = tree.cssselect(".citation-text")[0].text_content()
    assert text.startswith(f"searchapp archive, search “apples”, 2 articles, index build {build['id']} of ")
    assert text.endswith(link)
    data = site.get(link.replace("/cite?", "/api/cite?")).get_json()
    assert data["same_build"] is True and data["pinned"]["total"] == 2 and data["today"]["total"] == 2


def test_citation_opened_after_a_rebuild_says_the_archive_changed(archive, site):
    pages, index = archive
    link = cite_link(site, "apples")
    before = site.get("/api/search").get_json()["build"]["id"]
    write_dump(pages, "2018-10-01-d.txt", "Apple harvest ends", story("The last apples came in."))
    rebuild_index(RebuildOptions([pages], index))
    after = site.get("/api/search").get_json()["build"]["id"]
    assert after != before
    said = status(site, link)
    assert said.startswith("The archive has changed since this search was cited")
    assert f"build {before} then, {after} now" in said
    tree = lxml_html.fromstring(site.get(link).get_data(as_text=True))
    assert [td.text_content() for td in tree.cssselect(".cite-table tbody tr")[0].cssselect("td")] == ["2", "3"]
    assert len(tree.cssselect(".hits .hit")) == 3  # today's results
    data = site.get(link.replace("/cite?", "/api/cite?")).get_json()
    assert data["same_build"] is False
    assert data["pinned"] == {"build": before, "built": data["pinned"]["built"], "total": 2,
                              "cited": data["pinned"]["cited"]}
    assert data["today"]["total"] == 3 and data["today"]["build"]["id"] == after


def test_rebuilding_the_same_pages_is_a_new_build(archive, site):
    pages, index = archive
    before = site.get("/api/search").get_json()["build"]["id"]
    rebuild_index(RebuildOptions([pages], index))  # the same second, perhaps: the id still changes
    assert site.get("/api/search").get_json()["build"]["id"] != before


@pytest.mark.parametrize("query", ["", "q=apples", "q=apples&build=x%3Cy&total=many&built=yesterday&cited=now",
                                   "q=apples&build=20180101-000000-abcdef&total=99999999999999999999"])
def test_citation_links_that_pin_nothing_usable_are_explained(site, query):
    response = site.get(f"/cite?{query}")
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.get_data(as_text=True))
    said = " ".join(tree.cssselect(".archive-status")[0].text_content().split())
    if "build=2018" in query:
        assert said.startswith("The archive has changed since this search was cited")
    else:
        assert said.startswith("This link does not name an index build")
    assert "not given" in tree.cssselect(".cite-table")[0].text_content()
