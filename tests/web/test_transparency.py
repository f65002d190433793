"""The removed-text view, the archive report, and the article's metadata."""
import json
import re

from click.testing import CliRunner

from searchapp.cli import cli


def article_id(client, q):
    return client.get(f"/api/search?q={q}").get_json()["hits"][0]["id"]


def test_removed_view_shows_kept_text_beside_what_was_removed(client):
    html = client.get(f"/article/{article_id(client, 'ceasefire')}/removed").get_data(as_text=True)
    kept = re.findall(r'<tr class="kept">\s*<td>([^<]+)', html)
    removed = re.findall(r'<tr class="removed">\s*<td></td><td>([^<]+)', html)
    assert any(k.startswith("Russian President Vladimir Putin") for k in kept)
    assert "We use cookies to improve your experience. Accept all cookies" in removed
    assert "Sign up for our morning briefing" in removed
    assert any("Previous article" in r for r in removed)
    assert '<tr class="caption">' in html
    assert ("5 kept in the article, 1 as its title, 2 as its header (standfirst, byline, date line), "
            "2 kept as captions or credits, 14 removed") in html
    assert '<tr class="header">' in html
    assert "<td></td><td>Home</td>" in html


def test_removed_view_when_the_saved_page_is_gone(tmp_path):
    from searchapp.rebuild.options import RebuildOptions
    from searchapp.rebuild.run import rebuild_index
    from searchapp.web import create_app
    from tests.conftest import story, write_dump

    pages = tmp_path / "pages"
    path = write_dump(pages, "a.txt", "Apples in autumn", story("Apples were picked early this year."))
    rebuild_index(RebuildOptions([pages], tmp_path / "index"))
    client = create_app({"TESTING": True, "INDEX_DIR": tmp_path / "index"}).test_client()
    the_id = article_id(client, "apples")
    path.unlink()
    response = client.get(f"/article/{the_id}/removed")
    assert response.status_code == 200 and "cannot be shown" in response.get_data(as_text=True)


def test_article_shows_date_source_updated_section_and_tags(client):
    html = client.get(f"/article/{article_id(client, 'ceasefire')}").get_data(as_text=True)
    assert "from the page&#39;s JSON-LD" in html
    assert "<dt>Updated</dt>" in html and "<dt>Section</dt><dd>World</dd>" in html
    assert 'href="/search?tag=Diplomacy"' in html


def test_undated_article_says_so(client):
    html = client.get(f"/article/{article_id(client, 'bolsonaro')}").get_data(as_text=True)
    assert "October 2018" in html  # dated from the page's own text by htmldate
    data = client.get(f"/api/article/{article_id(client, 'bolsonaro')}").get_json()
    assert data["date_source"] == "htmldate"


def test_tags_facet_and_query(client):
    data = client.get("/api/search?tag=Diplomacy").get_json()
    assert data["total"] == 1
    assert client.get("/api/search?q=tag:diplomacy").get_json()["total"] == 1


def test_report_page_and_json(client):
    html = client.get("/report").get_data(as_text=True)
    assert "What is in the archive" in html and "The Test Courier" in html
    assert "binary data, not a saved page" in html
    data = client.get("/api/report").get_json()
    courier = next(s for s in data["sources"] if s["source"] == "The Test Courier")
    assert courier == {"source": "The Test Courier", "indexed": 1, "without_date": 0,
                       "without_people_or_places": 0, "republished_copies": 0, "duplicates": 1, "skipped": {}}


def test_report_command(index_dir):
    result = CliRunner().invoke(cli, ["report", "--index", str(index_dir)])
    assert result.exit_code == 0
    assert "The Test Courier" in result.output and "date known for 3 of 3 articles (100%)" in result.output
    data = json.loads(CliRunner().invoke(cli, ["report", "--index", str(index_dir), "--json"]).output)
    assert data["rebuild"]["seen"] == 6
