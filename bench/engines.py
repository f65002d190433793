"""Whoosh and tantivy side by side on the same archive: rebuild speed (articles/s written into a
build, extraction left out: articles come from an extraction cache) and search p50/p95 for
realistic requests with the sidebar's facets.

Run: python bench/engines.py --pages /tmp/synth --cache /tmp/synth-cache.sqlite
(python bench/synthetic.py --n 5000 --out /tmp/synth writes the pages; the first run fills the cache).
Until the Whoosh engine is on the Engine protocol, Whoosh is timed as its bare top-10 search.
"""
from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

from searchapp.ingest.cache import ExtractionCache
from searchapp.ingest.pipeline import read_articles
from searchapp.models import RebuildReport, SearchRequest
from searchapp.search.facets import FACETS
from searchapp.search.parse import parse_query
from searchapp.search.schema import SCHEMA_VERSION, to_document

SIDEBAR = {param: 10 for param in FACETS}


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


def serve(folder: Path, build: Path) -> None:
    (build / "schema-version").write_text(SCHEMA_VERSION)
    link = folder / ".current-new"
    os.symlink(build.name, link)
    os.replace(link, folder / "current")


def tantivy_engine(folder: Path, articles) -> tuple[float, object]:
    from searchapp.backends.tantivy.engine import TantivyEngine
    engine = TantivyEngine(folder)
    build = folder / "build-1"
    build.mkdir()
    started = time.perf_counter()
    writer = engine.writer(build, None, (1, 1))
    for article in articles:
        writer.add(article)
    writer.finish()
    elapsed = time.perf_counter() - started
    serve(folder, build)
    engine.warm()
    return elapsed, lambda request: engine.find(request, parse_query(request.q).query, 0, 10, facets=SIDEBAR)


def whoosh_bare(folder: Path, articles) -> tuple[float, object]:
    from whoosh.index import create_in, open_dir
    from searchapp.backends.whoosh.compile import to_whoosh
    from searchapp.backends.whoosh.schema import SCHEMA
    started = time.perf_counter()
    writer = create_in(str(folder), SCHEMA).writer(limitmb=256)
    for article in articles:
        writer.add_document(**to_document(article))
    writer.commit()
    elapsed = time.perf_counter() - started
    searcher = open_dir(str(folder)).searcher()
    return elapsed, lambda request: searcher.search(to_whoosh(parse_query(request.q).query), limit=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--searches", type=int, default=400)
    args = parser.parse_args()
    cache = ExtractionCache(args.cache)
    articles = list(read_articles([args.pages], RebuildReport(), workers=2, cache=cache))
    cache.close()
    requests = requests_for(articles, args.searches)
    engines = {"whoosh (bare top-10, no facets)": whoosh_bare}
    if find_spec("tantivy"):
        engines["tantivy (engine.find, top-10 + sidebar facets)"] = tantivy_engine
    print(f"{len(articles):,} articles, {len(requests)} searches")
    for name, make in engines.items():
        with tempfile.TemporaryDirectory() as folder:
            elapsed, search = make(Path(folder), articles)
            search(requests[0])
            times = []
            for request in requests:
                started = time.perf_counter()
                search(request)
                times.append(time.perf_counter() - started)
            p50, p95 = percentiles(times)
            print(f"{name}: rebuild {len(articles) / elapsed:,.0f} articles/s ({elapsed:.1f} s); "
                  f"search p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
