"""From pages on disk to answers over HTTP, through the installed command line."""
import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import story, write_dump

COMMAND = [sys.executable, "-m", "searchapp.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    rebuilt = subprocess.run(COMMAND + ["rebuild", str(archive), "--index", str(index)],
                             capture_output=True, text=True, timeout=120)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "indexed:      2" in rebuilt.stdout

    found = subprocess.run(COMMAND + ["search", "--json", "idlib ceasefire", "--index", str(index)],
                           capture_output=True, text=True, timeout=60)
    assert [h["title"] for h in json.loads(found.stdout)["hits"]] == ["Demilitarised zone agreed for Idlib"]

    port = free_port()
    server = subprocess.Popen(COMMAND + ["serve", "--index", str(index), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                status, headers, html = get(f"http://127.0.0.1:{port}/search?q=grain")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("server did not start")
        assert status == 200
        assert headers.get("Server") == "waitress"
        assert "Grain harvest beats forecasts" in html
    finally:
        server.terminate()
        server.wait(timeout=10)
