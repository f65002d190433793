"""Ranking quality on the classic test collections in ../shared/eval/relevance.

`make_search(docs)` builds a real searchapp index from (docid, title, text) tuples and returns
`search(query, k)` running exactly the site's ranking (the query's words joined with OR, as the
harness asks). Usage, with Lucene-style BM25 (tantivy) and stock Whoosh measured in the same run:

    python ../shared/eval/relevance/evaluate.py --backends whoosh-bm25f tantivy-en_stem \\
        --plugin bench.relevance:make_search
or `python bench/relevance.py`, which runs exactly that. With SEARCHAPP_BACKEND set to a cluster
(`make cluster`), the collections are indexed there and searched with the cluster's ranking.
"""
from __future__ import annotations

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

BASELINES = ["whoosh-bm25f", "tantivy-en_stem"]


def make_search(docs):
    """Index the collection with searchapp; return its search as the harness calls it."""
    folder = tempfile.mkdtemp(prefix="searchapp-relevance-")
    backend = setting("BACKEND")
    index_articles((Article(id=docid, path="", title=title, body=text) for docid, title, text in docs), Path(folder),
                   backend=backend)
    service = SearchService(Path(folder), backend=backend)

    def search(query: str, k: int):
        words = re.findall(r"\w+", query.lower())
        if not words:
            return []
        request = SearchRequest(q=" OR ".join(words), sort="relevance")
        return service.ranked_ids(request, k)

    return search


def main() -> None:
    if not KIT.exists():
        sys.exit(f"evaluation kit not found at {KIT}")
    subprocess.run([sys.executable, str(KIT / "evaluate.py"), "--backends", *BASELINES,
                    "--plugin", "bench.relevance:make_search", *sys.argv[1:]], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
