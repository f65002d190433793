"""Headers that allow only the site's own script file and forbid framing on every answer, and no way
from a URL to a file."""
import pytest

from searchapp.web import create_app

PATHS = ["/", "/search?q=ceasefire", "/search?q=*fire", "/search.atom?q=ceasefire", "/search.csv?q=ceasefire",
         "/api/search?q=ceasefire", "/api/article/nope", "/article/nope", "/no/such/page", "/static/style.css",
         "/opensearch.xml", "/suggest?q=ce", "/report", "/help"]
TRICKS = ["/article/..%2F..%2Fsetup.cfg", "/article/..%2f..%2f..%2fetc%2fpasswd", "/article/%2e%2e/removed",
          "/api/article/..%2F..%2Fsetup.cfg", "/person/..%2F..%2F..%2Fetc%2Fpasswd", "/place/../../setup.cfg",
          "/api/person/%2e%2e%2f%2e%2e%2fsetup.cfg", "/static/..%2F..%2Fsetup.cfg", "/static/../../setup.cfg",
          "/facet/..%2F..%2Fsetup.cfg", "/article/%00"]


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_forbids_inline_script_framing_and_sniffing(client, path):
    with client.get(path) as response:
        headers = response.headers
    policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == "'self'"  # our own file only: no inline script, no eval, nothing from elsewhere
    assert policy["connect-src"] == "'self'"  # its fetches: results and suggestions from this site
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_a_missing_index_answers_503_with_the_same_headers(tmp_path):
    client = create_app({"INDEX_DIR": tmp_path / "none", "TESTING": True}).test_client()
    response = client.get("/search?q=x")
    assert response.status_code == 503 and "searchapp rebuild" in response.get_data(as_text=True)
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path", TRICKS)
def test_path_tricks_reach_no_file(client, path):
    with client.get(path, follow_redirects=True) as response:
        body = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "[metadata]" not in body and "root:x:" not in body  # setup.cfg, /etc/passwd


def test_no_debug_mode_and_no_traceback(client):
    assert not client.application.debug
    response = client.get("/search?q=" + "(" * 5000)
    assert response.status_code in (200, 400) and "Traceback" not in response.get_data(as_text=True)
