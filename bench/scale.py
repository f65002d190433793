"""Rebuild and search speed at archive scale, as ratios against baselines measured in the same run.

Generates the realistic archive (bench/realistic.py: pages as heavy and tag-laden as real news
pages; default 100,000 pages, --n 10000 for a shorter run), then measures:
  rebuild     searchapp's full rebuild (all cores) vs bare trafilatura + Whoosh, pages/s, on a
              sample of --sample pages; and the full rebuild of all N pages
  incremental a re-run with nothing changed, as a share of the full rebuild
  search      p50 / p95 ms through the search service (query, facets, timeline, page of hits)
              vs a bare Whoosh search of the same query without facets
  http        requests/s and p50 / p95 / p99 ms of `searchapp serve` under a bounded load from a
              second process on loopback: one client (the latency a visitor sees), then 8 at once
Usage: python bench/scale.py [--n 100000] [--sample 2000] [--queries 200] [--keep DIR]
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows up in logs as it comes
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402
from whoosh.index import create_in  # noqa: E402

from bench.realistic import generate  # noqa: E402
from bench.realistic_queries import draw_queries  # noqa: E402
from searchapp.backends.folders import current_index  # noqa: E402
from searchapp.backends.whoosh.compile import to_whoosh  # noqa: E402
from searchapp.ingest.load import find_pages, load_page  # noqa: E402
from searchapp.models import SearchRequest  # noqa: E402
from searchapp.rebuild.options import RebuildOptions  # noqa: E402
from searchapp.rebuild.run import rebuild_index  # noqa: E402
from searchapp.search.parse import parse_query  # noqa: E402
from searchapp.service import SearchService  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return 1000 * statistics.median(ordered), 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def bare_rebuild(pages: list[Path], folder: Path) -> float:
    """Pages/s of the baseline: decode, trafilatura, one Whoosh writer, nothing else."""
    started = time.perf_counter()
    writer = create_in(str(folder), Schema(id=ID(stored=True), title=TEXT(stored=True), body=TEXT)).writer()
    for n, path in enumerate(pages):
        page = load_page(path)
        text = trafilatura.extract(page.text, favor_precision=True) if page.kind == "html" else page.text
        writer.add_document(id=str(n), title=path.stem, body=text or "")
    writer.commit()
    return len(pages) / (time.perf_counter() - started)


def timed_rebuild(sources: list[Path], index: Path, workers: int, incremental: bool = False):
    if not incremental:  # a full rebuild from nothing: no build and no extraction cache kept from a run before
        shutil.rmtree(index, ignore_errors=True)
    started = time.perf_counter()
    read = [0.0]  # when the last page was read: the rest is writing the index

    def on_page(_report) -> None:
        read[0] = time.perf_counter() - started
    report = rebuild_index(RebuildOptions(sources, index, workers=workers, incremental=incremental, on_page=on_page))
    return report, time.perf_counter() - started, read[0]


def queries(count: int, pages: int) -> list[SearchRequest]:
    """Searches drawn from the archive's headlines (phrases and facet choices among them), and browsing."""
    drawn = draw_queries(count - count // 10, pages)
    return drawn + [SearchRequest()] * (count - len(drawn))


def search_speed(service: SearchService, requests: list[SearchRequest]) -> dict:
    ours, bare = [], []
    with service.engine.searcher() as searcher:
        for request in requests:  # warm caches (facet columns) before timing
            service.search(request)
            break
        for request in requests:
            started = time.perf_counter()
            service.search(request)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            searcher.search(to_whoosh(parse_query(request.q).query), limit=10)
            bare.append(time.perf_counter() - started)
    return {"ours": percentiles(ours), "bare": percentiles(bare)}


def http_speed(index: Path, requests: list[SearchRequest], seconds: float, clients: tuple[int, ...]) -> dict:
    """{clients: requests/s and p50/p95/p99 ms} for each number of concurrent clients."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(index), "--port",
                               str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        import urllib.parse
        import urllib.request
        for _ in range(600):  # the server opens one searcher per thread before it listens
            try:
                urllib.request.urlopen(base + "/search?q=x", timeout=60).close()
                break
            except OSError:
                time.sleep(0.2)
        paths = ["/search?" + urllib.parse.urlencode({"q": r.q, **dict(r.filters)}) for r in requests]
        measured = {}
        for count in clients:
            out = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), base, json.dumps(paths),
                                  "--clients", str(count), "--seconds", str(seconds)],
                                 capture_output=True, text=True, check=True).stdout
            data = json.loads(out)
            if data["failed"]:
                raise SystemExit(f"{data['failed']} requests failed, e.g. {data['errors'][0]}")
            measured[count] = {"requests": data["requests"], "rps": data["rps"],
                               "ms": (data["p50"], data["p95"], data["p99"])}
        return measured
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--http-seconds", type=float, default=20)
    parser.add_argument("--keep", type=Path, help="keep the archive and index here")
    parser.add_argument("--search-only", action="store_true", help="measure search on the index kept in --keep")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="searchapp-scale-"))
    archive, index = work / "archive", work / "index"
    workers = os.cpu_count() or 1
    if not archive.exists():
        started = time.perf_counter()
        counts = generate(archive, args.n)
        print(f"archive: {counts['pages']} pages generated in {time.perf_counter() - started:.0f} s")
    if args.search_only:
        return measure_search(index, args)
    pages = sorted(find_pages([archive]))
    sample = pages[:: max(1, len(pages) // args.sample)][: args.sample]
    sample_dir = work / "sample"
    if not sample_dir.exists():
        for n, path in enumerate(sample):
            target = sample_dir / f"{n:05d}-{path.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    baseline = bare_rebuild(sorted(find_pages([sample_dir])), Path(tempfile.mkdtemp()))
    report, seconds, _ = timed_rebuild([sample_dir], work / "sample-index", workers)
    print(f"rebuild, {len(sample)} sampled pages: searchapp {report.seen / seconds:.1f} pages/s with {workers} "
          f"workers; bare trafilatura + Whoosh {baseline:.1f} pages/s on one core; "
          f"ratio {report.seen / seconds / baseline:.2f}")
    report, full, read = timed_rebuild([archive], index, workers)
    print(f"full rebuild of {report.seen} pages: {full / 60:.1f} min ({report.seen / full:.1f} pages/s), "
          f"{report.indexed} indexed, {len(report.duplicates)} duplicates, {len(report.skipped)} skipped; every page "
          f"read after {read / 60:.1f} min, the rest is writing the index")
    _, incremental, _ = timed_rebuild([archive], index, workers, incremental=True)
    print(f"incremental re-run, nothing changed: {incremental:.1f} s = {100 * incremental / full:.1f}% "
          "of the full rebuild")
    measure_search(index, args)


def measure_search(index: Path, args) -> None:
    service = SearchService(index)
    requests = queries(args.queries, args.n)
    speed = search_speed(service, requests)
    (ours50, ours95), (bare50, bare95) = speed["ours"], speed["bare"]
    print(f"search, {len(requests)} requests: service p50 {ours50:.1f} ms, p95 {ours95:.1f} ms; bare Whoosh top-10 "
          f"without facets p50 {bare50:.1f} ms, p95 {bare95:.1f} ms; p95 ratio {ours95 / bare95:.2f}")
    for clients, http in http_speed(index, requests, args.http_seconds, (1, 8)).items():
        print(f"http, {clients} client(s) for {args.http_seconds:.0f} s: {http['requests']} requests, 0 errors, "
              f"{http['rps']:.1f} requests/s, p50 {http['ms'][0]:.1f} ms, p95 {http['ms'][1]:.1f} ms, "
              f"p99 {http['ms'][2]:.1f} ms")
    print(f"index: {current_index(index)}", flush=True)


if __name__ == "__main__":
    main()
