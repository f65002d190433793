"""Ranking quality on the classic test collections in ../shared/eval/relevance.

`make_search(docs)` builds a real searchapp index from (docid, title, text) tuples and returns
`search(query, k)` running exactly the site's ranking (the query's words joined with OR, as the
harness asks). `python bench/relevance.py` runs

    python ../shared/eval/relevance/evaluate.py --backends tantivy-en_stem sqlite-fts5-porter \\
        whoosh-bm25f --plugin bench.relevance:make_search

on every collection of the kit, then prints nDCG@10 side by side with the Lucene-style baseline
(tantivy) and SQLite FTS5, the difference to the baseline and the issue's target (+0.01). With
SEARCHAPP_BACKEND set to a cluster (`make cluster`), the collections are indexed and searched
there instead. `--leave-one-out` estimates what tuning the ranking's knobs would give on unseen
collections (relevance_knobs.py).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT.parent / "shared" / "eval" / "relevance"
sys.path.insert(0, str(ROOT))

from searchapp.config import setting  # noqa: E402
from searchapp.models import Article, SearchRequest  # noqa: E402
from searchapp.rebuild.run import index_articles  # noqa: E402
from searchapp.service import SearchService  # noqa: E402

OURS = "bench.relevance:make_search"
BASELINE = "tantivy-en_stem"  # Lucene-style BM25 (k1 1.2, b 0.75), English stemmer
FTS5 = "sqlite-fts5-porter"
COMPARED = [BASELINE, FTS5, "whoosh-bm25f"]
TARGET = 0.01  # issue 16: at least the baseline + 0.01 on every collection


def build_service(docs) -> SearchService:
    """A searchapp index of (docid, title, text) tuples, searched as the site searches."""
    folder = tempfile.mkdtemp(prefix="searchapp-relevance-")
    backend = setting("BACKEND")
    index_articles((Article(id=docid, path="", title=title, body=text) for docid, title, text in docs), Path(folder),
                   backend=backend)
    return SearchService(Path(folder), backend=backend)


def query_of(text: str) -> str:
    """The harness's query as the site gets it: its words joined with OR."""
    return " OR ".join(re.findall(r"\w+", text.lower()))


def make_search(docs):
    """Index the collection with searchapp; return its search as the harness calls it."""
    service = build_service(docs)

    def search(query: str, k: int):
        text = query_of(query)
        return service.ranked_ids(SearchRequest(q=text, sort="relevance"), k) if text else []

    return search


def summary(results: dict) -> list[str]:
    """nDCG@10 per collection: ours, the baseline, FTS5, ours minus the baseline, and the mean."""
    lines = ["| collection | searchapp | Lucene-style BM25 | SQLite FTS5 | searchapp - Lucene-style | target +0.01 |",
             "|---|---|---|---|---|---|"]
    columns: dict[str, list[float]] = {OURS: [], BASELINE: [], FTS5: []}
    for name, collection in results.items():
        rows = collection["results"]
        scores = {backend: rows[backend]["nDCG@10"] if backend in rows else float("nan") for backend in columns}
        for backend, score in scores.items():
            columns[backend].append(score)
        gap = scores[OURS] - scores[BASELINE]
        lines.append(f"| {name} | {scores[OURS]:.4f} | {scores[BASELINE]:.4f} | {scores[FTS5]:.4f} | {gap:+.4f} "
                     f"| {'met' if gap >= TARGET else 'MISSED'} |")
    means = {backend: sum(values) / max(1, len(values)) for backend, values in columns.items()}
    lines.append(f"| mean | {means[OURS]:.4f} | {means[BASELINE]:.4f} | {means[FTS5]:.4f} "
                 f"| {means[OURS] - means[BASELINE]:+.4f} | |")
    return lines


def main() -> None:
    if not KIT.exists():
        sys.exit(f"evaluation kit not found at {KIT}")
    if "--leave-one-out" in sys.argv[1:]:
        from bench.relevance_knobs import main as leave_one_out
        leave_one_out()
        return
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([sys.executable, str(KIT / "evaluate.py"), "--backends", *COMPARED, "--plugin", OURS,
                        "--reference", BASELINE, "--json", out.name, *sys.argv[1:]], cwd=ROOT, check=True)
        results = json.loads(Path(out.name).read_text())
    print("\nnDCG@10, every collection of the kit:")
    print("\n".join(summary(results)))


if __name__ == "__main__":
    main()
