"""What joining a surname alone to its full name costs (search/joins.py), on the realistic archive's
articles with a quarter of them naming their first person by the surname alone, as wire copy does.

The articles are made as bench/search_scale.py makes them (no pages, no extraction) and indexed
once into Whoosh (the default engine) under --work. Each mode opens the index in a new service,
so that its facet columns are built (with or without joins) and then runs the same searches
(bench/realistic_queries.py's, their person filters written with the surname alone), `--rounds`
times each, best kept. "without" is the same code with the rule switched off.

    python bench/joins.py --articles 20000 --work /tmp/joins-20k
"""
from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows in logs as it comes

from bench.realistic_queries import draw_queries  # noqa: E402
from bench.search_scale import make_articles  # noqa: E402
from searchapp.backends.whoosh import columns  # noqa: E402
from searchapp.models import Article, SearchRequest  # noqa: E402
from searchapp.rebuild.run import index_articles  # noqa: E402
from searchapp.service import SearchService  # noqa: E402

SURNAME_SHARE = 4  # every fourth article names its first person by the surname alone


def by_surname(article: Article, index: int) -> Article:
    """The article naming its first person by the surname alone (every SURNAME_SHARE-th one)."""
    if index % SURNAME_SHARE or not article.people:
        return article
    return replace(article, people=(article.people[0].split()[-1], *article.people[1:]))


def surname_filters(request: SearchRequest) -> SearchRequest:
    return replace(request, filters=tuple((p, v.split()[-1] if p == "person" else v) for p, v in request.filters))


def run(folder: Path, requests: list[SearchRequest], rounds: int, joined: bool) -> dict:
    patch = mock.patch.object(columns, "joined_groups", columns.joined_groups if joined else lambda *a: {})
    with patch:
        service = SearchService(folder)
        started = time.perf_counter()
        service.warm()
        opened = time.perf_counter() - started
        best = [min(timed(service, request) for _ in range(rounds)) for request in requests]
        with service.engine.searcher() as searcher:
            people = service.engine.columns(searcher).fields["people"]
        return {"opened": opened, "best": best, "groups joined": len(people.joined),
                "people values": len(people.labels), "positions": len(people.groups)}


def timed(service: SearchService, request: SearchRequest) -> float:
    started = time.perf_counter()
    service.search(request)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = args.work / "whoosh"
    if not (folder / "current").exists():
        print(f"making and indexing {args.articles:,} articles into {folder}")
        articles = [by_surname(a, n) for n, a in enumerate(make_articles(args.articles))]
        index_articles(articles, folder)
    requests = [surname_filters(r) for r in draw_queries(args.searches, pages=args.articles)]
    chosen = [n for n, r in enumerate(requests) if r.selected("person")]
    for joined in (False, True, False, True):  # twice each, interleaved: the machine is shared
        found = run(folder, requests, args.rounds, joined)
        best = found.pop("best")
        person = [best[n] for n in chosen]
        print(f"{'with' if joined else 'without'} joins: index opened in {found['opened']:.2f} s; {found}; "
              f"search p50 / p95 {statistics.median(best):.2f} / {sorted(best)[len(best) * 95 // 100]:.2f} ms; "
              f"the {len(person)} with a person filter p50 {statistics.median(person):.2f} ms")


if __name__ == "__main__":
    main()
