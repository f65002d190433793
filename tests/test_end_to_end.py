"""From pages on disk to answers over HTTP, through the installed command line."""
import json
import subprocess
import sys
import urllib.request

import pytest

from tests.conftest import story, write_dump
from tests.served import served

COMMAND = [sys.executable, "-m", "searchapp.cli"]


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode("utf-8")


@pytest.fixture
def archive(tmp_path):
    pages = tmp_path / "archive" / "nested" / "deeper"
    write_dump(pages, "2018-09-18-zone.txt", "Demilitarised zone agreed for Idlib",
               story("Russia and Turkey agreed a demilitarised zone in Idlib.", "The ceasefire held overnight."))
    write_dump(pages, "2018-09-20-grain.txt", "Grain harvest beats forecasts",
               story("Farmers reported a record grain harvest.", "Prices fell at the market."))
    return tmp_path / "archive"


def test_rebuild_search_and_serve(archive, tmp_path):
    index = tmp_path / "index"
    rebuilt = subprocess.run([*COMMAND, "rebuild", str(archive), "--index", str(index)],
                             capture_output=True, text=True, timeout=120)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "indexed:      2" in rebuilt.stdout

    found = subprocess.run([*COMMAND, "search", "--json", "idlib ceasefire", "--index", str(index)],
                           capture_output=True, text=True, timeout=60)
    assert [h["title"] for h in json.loads(found.stdout)["hits"]] == ["Demilitarised zone agreed for Idlib"]

    with served(index, tmp_path / "serve.log", processes=1, threads=2) as server:
        status, headers, html = get(server.base + "/search?q=grain")
    assert status == 200
    assert headers.get("Server") == "gunicorn"
    assert "Grain harvest beats forecasts" in html
