"""The engines side by side on the same archive, through the same service: writing speed
(articles/s into a build, extraction left out: articles come from an extraction cache) and the
site's search p50/p95 (a page of results with snippets, every sidebar facet and the timeline).

Run: python bench/engines.py --pages /tmp/synth --cache /tmp/synth-cache.sqlite [--cluster sphinxql://...]
(python bench/synthetic.py --n 5000 --out /tmp/synth writes the pages; the first run fills the cache).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

from searchapp.ingest.cache import ExtractionCache
from searchapp.ingest.pipeline import Extraction, read_articles
from searchapp.models import RebuildReport, SearchRequest
from searchapp.rebuild.run import index_articles
from searchapp.service import SearchService


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2] * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def requests_for(articles, count: int, seed: int = 7) -> list[SearchRequest]:
    """Frequent and rare title words, two-word searches, a person filter, browsing."""
    rng = random.Random(seed)
    words = sorted({w for a in articles for w in a.title.lower().split() if w.isalpha() and len(w) > 3})
    people = sorted({p for a in articles for p in a.people})
    made = []
    for n in range(count):
        kind = n % 4
        q = rng.choice(words) if kind in (0, 2) else f"{rng.choice(words)} {rng.choice(words)}"
        filters = (("person", rng.choice(people)),) if kind == 2 and people else ()
        made.append(SearchRequest(q="" if kind == 3 else q, filters=filters))
    return made


def measure(address: str, articles, requests) -> tuple[float, list[float]]:
    """Index the articles with one engine (as a rebuild writes them), then time the site's searches."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        index_articles(articles, Path(folder), backend=address)
        elapsed = time.perf_counter() - started
        service = SearchService(Path(folder), backend=address)
        service.warm()
        service.search(requests[0])
        times = []
        for request in requests:
            started = time.perf_counter()
            service.search(request)
            times.append(time.perf_counter() - started)
        return elapsed, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--cluster", default="", help="a SphinxQL cluster's address (make cluster) to add as a row")
    args = parser.parse_args()
    cache = ExtractionCache(args.cache)
    articles = list(read_articles([args.pages], RebuildReport(), Extraction(workers=2), cache=cache))
    cache.close()
    requests = requests_for(articles, args.searches)
    engines = ["whoosh"] + (["tantivy"] if find_spec("tantivy") else []) + ([args.cluster] if args.cluster else [])
    print(f"{len(articles):,} articles, {len(requests)} searches (SearchService.search: a page of 10 with "
          "snippets, every sidebar facet and the timeline)")
    print("| engine | writing articles/s | search p50 ms | search p95 ms |\n|---|---|---|---|")
    for address in engines:
        elapsed, times = measure(address, articles, requests)
        p50, p95 = percentiles(times)
        print(f"| {address.split(':')[0]} | {len(articles) / elapsed:,.0f} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
