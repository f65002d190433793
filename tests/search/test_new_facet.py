"""Adding a facet is one registry entry plus the extraction that fills its Article attribute:
with a "section" facet added to the registry and nothing else changed, every embedded engine
stores, filters and counts it, the service lists it and the site's URL and API take it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

PROGRAM = r'''
import json, sys
from pathlib import Path
import searchapp.search.facets as facets
section = facets.FacetSpec("section", "Section", "sections", lambda a: (a.section,) if a.section else (), multi=False)
facets.REGISTRY = (*facets.REGISTRY, section)
facets.FACETS = {spec.param: spec for spec in facets.REGISTRY}

from searchapp.ingest.pipeline import read_articles
from searchapp.models import RebuildReport, SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from searchapp.web import create_app

seeds, folder, engine = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
rebuild_index(RebuildOptions([seeds], folder, backend=engine))
service = SearchService(folder, backend=engine)
expected = {}
for article in read_articles([seeds], RebuildReport()):
    if article.section:
        expected.setdefault(article.section, set()).add(article.cluster or article.id)
sidebar = {f.name: {v.value: v.count for v in f.values} for f in service.search(SearchRequest()).facets}
chosen = sorted(expected)[0]
narrowed = service.search(SearchRequest(filters=(("section", chosen),), per_page=50))
client = create_app({"TESTING": True, "INDEX_DIR": folder, "BACKEND": engine}).test_client()
api = client.get("/api/search", query_string={"section": chosen}).get_json()
print(json.dumps({
    "expected": {k: len(v) for k, v in expected.items()}, "sidebar": sidebar.get("section"),
    "chosen": chosen, "narrowed": narrowed.total, "api_total": api["total"],
    "api_facets": [f["name"] for f in api["facets"]],
}))
'''


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_one_registry_entry_makes_a_facet_on_every_engine(engine, tmp_path):
    if engine == "tantivy":
        pytest.importorskip("tantivy")
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(SEEDS), str(tmp_path / "index"), engine],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    assert len(found["expected"]) >= 2, "the sample archive has articles in several sections"
    assert found["sidebar"] == found["expected"]
    assert found["narrowed"] == found["api_total"] == found["expected"][found["chosen"]]
    assert "section" in found["api_facets"]
