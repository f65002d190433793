"""The embedded index vs a local 3-node SphinxQL cluster on the same realistic archive, in one run.

Generates the archive (bench/realistic.py, default 10,000 pages; --n 100000 for the large one),
starts a cluster in a temporary folder (the same script as `make cluster`), then measures:
  rebuild  a full rebuild from the pages into the embedded index (extraction included), then
           full rebuilds of both backends from the extraction cache it left (the same articles;
           what differs is only the backend's writing), pages/s and the ratio
  search   p50 / p95 ms of the same searches (drawn from the archive's headlines, see
           bench/realistic_queries.py) through the search service on both (query, facets,
           timeline, page of hits with snippets), and the ratio
  memory   resident memory of the three searchd processes once loaded
Both backends share this machine's 2 cores, so the cluster's figures are those of three nodes
competing for them, not of three machines.
Usage: python bench/cluster.py [--n 10000] [--queries 200] [--keep DIR]  (a kept DIR keeps the
archive and the extraction cache for the next run)
"""
from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows up in logs as it comes
sys.path.insert(0, str(ROOT))

from bench.realistic import generate  # noqa: E402
from bench.scale import percentiles, queries  # noqa: E402
from searchapp.backends.sphinxql.cluster import pid_of, start, stop  # noqa: E402
from searchapp.rebuild.builds import CACHE  # noqa: E402
from searchapp.rebuild.options import RebuildOptions  # noqa: E402
from searchapp.rebuild.run import rebuild_index  # noqa: E402
from searchapp.service import SearchService  # noqa: E402


def rebuild(archive: Path, index: Path, backend: str, cache: Path | None) -> tuple[float, int]:
    """Seconds and pages of a full rebuild into a fresh folder (seeded with an extraction cache)."""
    shutil.rmtree(index, ignore_errors=True)
    index.mkdir(parents=True)
    if cache:
        shutil.copy(cache, index / CACHE)
    started = time.perf_counter()
    report = rebuild_index(RebuildOptions([archive], index, workers=os.cpu_count() or 1, backend=backend))
    return time.perf_counter() - started, report.seen


def timings(service: SearchService, requests) -> tuple[float, float]:
    service.search(requests[0])
    spent = []
    for request in requests:
        started = time.perf_counter()
        service.search(request)
        spent.append(time.perf_counter() - started)
    return percentiles(spent)


def resident_mb(folder: Path) -> float:
    total = 0
    for data in sorted(folder.glob("node*")):
        pid = pid_of(data)
        for child in [pid] + [int(p) for p in os.listdir("/proc") if p.isdigit() and parent_of(int(p)) == pid]:
            try:
                fields = dict(line.split(":", 1) for line in Path(f"/proc/{child}/status").read_text().splitlines())
                total += int(fields["VmRSS"].split()[0])
            except (OSError, KeyError, ValueError):
                pass
    return total / 1024


def parent_of(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--port", type=int, default=29306, help="SphinxQL port of the cluster's first node")
    parser.add_argument("--keep", type=Path, help="keep the archive and indexes here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="searchapp-cluster-"))
    archive = work / "archive"
    if not archive.exists():
        generate(archive, args.n)
    url = start(work / "cluster", args.port)
    try:
        cache = work / "cold" / CACHE
        if not cache.exists():  # a kept folder has it from its first run
            cold, pages = rebuild(archive, work / "cold", "", None)
            print(f"full rebuild of {pages} pages into the embedded index, extraction included: {cold:.0f} s "
                  f"({pages / cold:.1f} pages/s)")
        whoosh, pages = rebuild(archive, work / "whoosh", "", cache)
        sphinx, _ = rebuild(archive, work / "sphinx", url, cache)
        print(f"full rebuild from the extraction cache: embedded {pages / whoosh:.1f} pages/s ({whoosh:.0f} s), "
              f"cluster {pages / sphinx:.1f} pages/s ({sphinx:.0f} s); cluster / embedded {whoosh / sphinx:.2f}")
        embedded = SearchService(work / "whoosh", backend="")
        cluster = SearchService(work / "sphinx", backend=url)
        requests = queries(args.queries, args.n)
        assert [embedded.search(r).total for r in requests[:20]] == [cluster.search(r).total for r in requests[:20]]
        (w50, w95), (s50, s95) = timings(embedded, requests), timings(cluster, requests)
        print(f"search with facets, {len(requests)} requests: embedded p50 {w50:.1f} ms, p95 {w95:.1f} ms; "
              f"cluster p50 {s50:.1f} ms, p95 {s95:.1f} ms; p95 cluster / embedded {s95 / w95:.2f}")
        print(f"searchd resident memory, 3 nodes: {resident_mb(work / 'cluster'):.0f} MB")
    finally:
        stop(work / "cluster")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
