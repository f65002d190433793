"""Script planted in every field of a page comes out inert in every output: HTML pages, Atom,
CSV (no formulas) and JSON."""
import csv
import io
import json
from datetime import datetime
from urllib.parse import quote

import pytest

from searchapp.models import Article
from searchapp.rebuild.run import index_articles
from searchapp.web import create_app

SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(2)">'
NAME = f"Evil {SCRIPT} Person"
PLACE = f"Bad {IMAGE} Town"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    index = tmp_path_factory.mktemp("escaping")
    article = Article(
        id="0123456789abcdef", path="planted.html", title=f"Harbour {SCRIPT} news",
        body=f"Harbour workers {IMAGE} met on Monday.\n\nThe harbour {SCRIPT} reopened for ships.",
        source=f"Site {SCRIPT}", url="javascript:alert(3)", date=datetime(2018, 9, 17),
        author=f"Writer {IMAGE}", captions=(f"Caption {SCRIPT}",), people=(NAME,), places=(PLACE,),
        countries=(f"Land {SCRIPT}",), tags=(f"tag {IMAGE}", "=HYPERLINK(\"http://x\")"), section=SCRIPT,
    )
    other = Article(id="fedcba9876543210", path="other.html", title="=1+1 harbour formula",
                    body="The harbour formula article has enough words to be indexed as one.", source="+Plus Site",
                    url="https://example.org/a", date=datetime(2018, 9, 18), people=("@Handle Person",))
    index_articles([article, other], index)
    return create_app({"INDEX_DIR": index, "TESTING": True}).test_client()


HTML_PAGES = ["/search?q=harbour", "/search?q=" + quote(SCRIPT), "/article/0123456789abcdef?q=harbour",
              "/article/0123456789abcdef/removed", "/person/" + quote(NAME), "/place/" + quote(PLACE),
              "/facet/person?q=harbour", "/facet/tag", "/report", "/search?person=" + quote(NAME)]


@pytest.mark.parametrize("path", HTML_PAGES)
def test_html_pages_render_planted_markup_as_text(client, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, path
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html
    assert 'href="javascript:' not in html
    assert "script-src" not in response.headers["Content-Security-Policy"] or \
        "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_the_article_page_never_links_a_javascript_url(client):
    html = client.get("/article/0123456789abcdef").get_data(as_text=True)
    assert "javascript:alert(3)" not in html  # not as a link, not even as text in the citation


def test_atom_escapes_titles_and_snippets(client):
    response = client.get("/search.atom?q=harbour")
    xml = response.get_data(as_text=True)
    assert response.mimetype == "application/atom+xml"
    assert "<script>" not in xml and "<img src" not in xml
    assert "&lt;script&gt;" in xml


def test_csv_cells_are_never_formulas(client):
    rows = list(csv.reader(io.StringIO(client.get("/search.csv?q=harbour").get_data(as_text=True))))
    cells = [cell for row in rows[1:] for cell in row]
    assert cells and not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
    assert any("1+1 harbour formula" in cell for cell in cells)  # kept, but inert


@pytest.mark.parametrize("path", ["/api/search?q=harbour", "/api/article/0123456789abcdef",
                                  "/api/person/" + quote(NAME), "/api/facet/person?q=harbour", "/suggest?q=Evi"])
def test_json_answers_carry_markup_as_data(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype.endswith("json")  # suggestions: OpenSearch JSON
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    json.loads(response.get_data(as_text=True))  # well formed, whatever the values
