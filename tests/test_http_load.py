"""A bounded load from a second process against `searchapp serve`: every request answered."""
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from tests.browser.conftest import free_port
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 600
PATHS = ["/search?q=Idlib+ceasefire", "/search?q=Putin&person=Vladimir+Putin", "/search", "/api/search?q=Sochi",
         "/search?q=ceasefire&sort=newest&page=2", "/facet/place", "/person/Vladimir%20Putin", "/search.atom?q=Idlib",
         "/search?q=erdogan~1", "/search?q=talk*", '/search?q="Idlib+ceasefire"', "/suggest?q=Id", "/report",
         "/search?q=Syria&from=2018-09-01&to=2018-09-30", "/api/facet/person?q=Idlib", "/help"]


def test_serve_answers_every_request_under_load(tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([SEEDS], index))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(index), "--port",
                               str(port), "--threads", "4"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/help", timeout=5).close()
                break
            except OSError:
                time.sleep(0.1)
        out = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), base, json.dumps(PATHS),
                              "--clients", "8", "--requests", str(REQUESTS)],
                             capture_output=True, text=True, check=True, timeout=300).stdout
    finally:
        server.terminate()
        _, log = server.communicate(timeout=10)
    result = json.loads(out)
    print(f"\nload: {result['requests']} requests from 8 clients, {result['failed']} failed, {result['rps']} "
          f"requests/s, p50 {result['p50']} ms, p95 {result['p95']} ms, p99 {result['p99']} ms")
    assert result["requests"] == REQUESTS
    assert result["failed"] == 0, result["errors"]
    assert result["statuses"] == {"200": REQUESTS}
    assert b"Traceback" not in log
