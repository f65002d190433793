"""A bounded load from a second process against `searchapp serve`: every request answered."""
import json
import subprocess
import sys
from pathlib import Path

from tests.served import served

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 600
PATHS = ["/search?q=Idlib+ceasefire", "/search?q=Putin&person=Vladimir+Putin", "/search", "/api/search?q=Sochi",
         "/search?q=ceasefire&sort=newest&page=2", "/facet/place", "/person/Vladimir%20Putin", "/search.atom?q=Idlib",
         "/search?q=erdogan~1", "/search?q=talk*", '/search?q="Idlib+ceasefire"', "/suggest?q=Id", "/report",
         "/search?q=Syria&from=2018-09-01&to=2018-09-30", "/api/facet/person?q=Idlib", "/help"]


def test_serve_answers_every_request_under_load(seeds_index, tmp_path):
    with served(seeds_index, tmp_path / "serve.log", processes=2, threads=4) as server:
        out = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), server.base, json.dumps(PATHS),
                              "--clients", "8", "--requests", str(REQUESTS)],
                             capture_output=True, text=True, check=True, timeout=600).stdout
    result = json.loads(out)
    print(f"\nload: {result['requests']} requests from 8 clients, {result['failed']} failed, {result['rps']} "
          f"requests/s, p50 {result['p50']} ms, p95 {result['p95']} ms, p99 {result['p99']} ms")
    assert result["requests"] == REQUESTS
    assert result["failed"] == 0, result["errors"]
    assert result["statuses"] == {"200": REQUESTS}
    assert "Traceback" not in server.log()
