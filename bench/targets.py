"""Issue 15's loader targets, as ratios measured in one run on the realistic archive.

  pages       everything but people and places (parse, metadata, cleaning, trafilatura,
              readability when it can win, dates) per page, against bare
              `trafilatura.extract(favor_precision=True)` on the same pages     target <= 1.3x
  entities    people and places per article, in ms per 700 words                target <= 40 ms
  rebuild     a full rebuild with every core against bare trafilatura's
              single-core rate on the same pages                                target >= 0.5x
              with the peak memory of the rebuild's process and of its workers at half and at
              all of the pages (memory flat in archive size), and the time 100,000 such
              pages would take at that rate                                     target < 90 min
Every figure is CPU time (this process's, or for the rebuild the CPU seconds of its process and
all its workers), which a shared machine's load barely moves, next to the wall-clock rate seen;
"pages/s on an idle machine" is the cores divided by the CPU seconds a page costs, the rate the
rebuild reaches when its processes keep every core busy. The per-page rows are best of --rounds;
the real pages of ../shared/eval/extraction get the same rows when present.

Usage: python bench/targets.py [--n 2000] [--sample 300] [--rounds 3] [--keep DIR]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "eval" / "extraction" / "html"
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows up in logs as it comes
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from bench.realistic import generate  # noqa: E402
from searchapp.ingest.entities import extract_entities, warm  # noqa: E402
from searchapp.ingest.load import find_pages, load_page  # noqa: E402
from searchapp.ingest.stages import STAGES, Draft, to_article  # noqa: E402
from searchapp.models import Article, Page  # noqa: E402

WORDS = 700  # the article length for the entity target


def without_entities(page: Page) -> Article:
    draft = Draft(page)
    for stage in STAGES:
        if stage.__name__ != "entities":
            draft = stage(draft)
    return to_article(draft)


def per_page(pages: list[Page], rounds: int) -> tuple[float, float, list[Article]]:
    """Best-of-rounds ms per page of bare trafilatura and of our stages without entities."""
    bare, ours, articles = [], [], []
    for _ in range(rounds):
        bare.append(timed(lambda: [trafilatura.extract(page.text, favor_precision=True) for page in pages]))
        started = time.process_time()
        articles = [without_entities(page) for page in pages]
        ours.append(time.process_time() - started)
    return 1000 * min(bare) / len(pages), 1000 * min(ours) / len(pages), articles


def entity_ms(articles: list[Article], rounds: int) -> tuple[float, float]:
    """Best-of-rounds ms of people and places per article, and per 700 words."""
    warm()  # the model and the gazetteer's tables load outside the timing, as in a rebuild
    best = min(timed(lambda: [extract_entities(a.title, a.body) for a in articles]) for _ in range(rounds))
    words = sum(len(a.body.split()) + len(a.title.split()) for a in articles)
    return 1000 * best / len(articles), 1000 * best / words * WORDS


def timed(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def rebuild(pages: Path, index: Path) -> dict:
    """A full rebuild with every core, in a process of its own so that its CPU and peaks are its
    own: seconds, pages seen, CPU seconds (it and its workers), peak MB of it and of a worker."""
    shutil.rmtree(index, ignore_errors=True)
    code = ("import json, resource, time\n"
            "from pathlib import Path\n"
            "from searchapp.rebuild.options import RebuildOptions\n"
            "from searchapp.rebuild.run import rebuild_index\n"
            "started = time.perf_counter()\n"
            f"report = rebuild_index(RebuildOptions([Path({str(pages)!r})], Path({str(index)!r}), workers={workers()}, "
            "incremental=False))\n"
            "own, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
            "print(json.dumps({'seconds': time.perf_counter() - started, 'seen': report.seen,\n"
            "    'cpu': own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,\n"
            "    'own_mb': own.ru_maxrss // 1024, 'worker_mb': children.ru_maxrss // 1024}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    return json.loads(out.strip().splitlines()[-1])


def workers() -> int:
    return os.cpu_count() or 1


def real_pages() -> list[Page]:
    pages = []
    for path in sorted(REAL.glob("*.html.gz")):
        text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        pages.append(Page(path=Path(path.name.removesuffix(".gz")), text=text, kind="html"))
    return pages


def half_of(pages: list[Path], folder: Path) -> Path:
    """A folder with every other page (hard links), to compare memory at half the archive."""
    for n, path in enumerate(pages[::2]):
        target = folder / f"{n:06d}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="realistic pages for the rebuild (default 2,000)")
    parser.add_argument("--sample", type=int, default=300, help="pages for the per-page rows (default 300)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the archive here (generated when missing)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="searchapp-targets-"))
    archive = args.keep or work / "archive"
    if not archive.exists():
        generate(archive, args.n)
    paths = sorted(find_pages([archive]))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    print(f"realistic archive: {len(paths)} pages; commit {commit.strip()}; {workers()} cores; load "
          f"{os.getloadavg()[0]:.1f}")

    sample = [load_page(p) for p in paths[:: max(1, len(paths) // args.sample)][: args.sample]]
    sets = [("realistic", sample)] + ([("real (eval/extraction)", real_pages())] if REAL.exists() else [])
    for name, pages in sets:
        bare, ours, articles = per_page(pages, args.rounds)
        print(f"pages, {name}, {len(pages)}: bare trafilatura {bare:.1f} ms, ours without people and places "
              f"{ours:.1f} ms a page; ratio {ours / bare:.2f} (target <= 1.3)")
        per_article, per_700 = entity_ms(articles, args.rounds)
        words = sum(len(a.body.split()) for a in articles) / len(articles)
        print(f"entities, {name}: {per_article:.1f} ms an article of {words:.0f} words, {per_700:.1f} ms per "
              f"{WORDS} words (target <= 40)")
        if name == "realistic":
            single_core = 1000 / bare

    half = half_of(paths, work / "half")
    rows = []
    for name, folder in (("half", half), ("all", archive)):
        run = rebuild(folder, work / f"index-{name}")
        rows.append(run)
        seen, idle = run["seen"], workers() * run["seen"] / run["cpu"]
        print(f"rebuild, {seen} pages, {workers()} workers: {1000 * run['cpu'] / seen:.0f} ms of CPU a page, "
              f"{idle:.1f} pages/s on an idle machine ({seen / run['seconds']:.1f} seen); bare trafilatura "
              f"{single_core:.1f} pages/s on one core; ratio {idle / single_core:.2f} (target >= 0.5); peak "
              f"memory: rebuild process {run['own_mb']} MB, largest worker {run['worker_mb']} MB")
    idle = workers() * rows[-1]["seen"] / rows[-1]["cpu"]
    print(f"100,000 such pages at {idle:.1f} pages/s: {100_000 / idle / 60:.0f} min (target < 90); memory at half "
          f"/ all the pages: {rows[0]['own_mb']} / {rows[1]['own_mb']} MB (rebuild), {rows[0]['worker_mb']} / "
          f"{rows[1]['worker_mb']} MB (worker); load {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
