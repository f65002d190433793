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
The per-page rows are best of --rounds, bare and ours interleaved so that a busy machine slows
both alike; the real pages of ../shared/eval/extraction get the same rows when present.

Usage: python bench/targets.py [--n 2000] [--sample 300] [--rounds 3] [--keep DIR]
"""
from __future__ import annotations

import argparse
import functools
import gzip
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
from searchapp.ingest.entities import extract_entities  # noqa: E402
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
        started = time.perf_counter()
        for page in pages:
            trafilatura.extract(page.text, favor_precision=True)
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        articles = [without_entities(page) for page in pages]
        ours.append(time.perf_counter() - started)
    return 1000 * min(bare) / len(pages), 1000 * min(ours) / len(pages), articles


def entity_ms(articles: list[Article], rounds: int) -> tuple[float, float]:
    """Best-of-rounds ms of people and places per article, and per 700 words."""
    extract_entities("London", "Ministers met in London.")  # load the model outside the timing
    best = min(timed(lambda: [extract_entities(a.title, a.body) for a in articles]) for _ in range(rounds))
    words = sum(len(a.body.split()) + len(a.title.split()) for a in articles)
    return 1000 * best / len(articles), 1000 * best / words * WORDS


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def rebuild(pages: Path, index: Path) -> tuple[float, int, int, int]:
    """(seconds, pages seen, peak MB of the rebuild's process, peak MB of a worker) of a full
    rebuild with every core, in a process of its own so that peaks are its own."""
    shutil.rmtree(index, ignore_errors=True)
    code = ("import resource, sys, time\n"
            "from pathlib import Path\n"
            "from searchapp.rebuild.options import RebuildOptions\n"
            "from searchapp.rebuild.run import rebuild_index\n"
            "started = time.perf_counter()\n"
            f"report = rebuild_index(RebuildOptions([Path({str(pages)!r})], Path({str(index)!r}), workers={workers()}, "
            "incremental=False))\n"
            "print(time.perf_counter() - started, report.seen, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    seconds, seen, own, child = float(out[0]), int(out[1]), int(out[2]), int(out[3])
    return seconds, seen, own // 1024, child // 1024


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
        seconds, seen, own, child = rebuild(folder, work / f"index-{name}")
        rows.append((seen, seconds, own, child))
        print(f"rebuild, {seen} pages, {workers()} workers: {seen / seconds:.1f} pages/s; bare trafilatura on one "
              f"core {single_core:.1f} pages/s; ratio {seen / seconds / single_core:.2f} (target >= 0.5); peak "
              f"memory: rebuild process {own} MB, largest worker {child} MB")
    seen, seconds, _, _ = rows[-1]
    print(f"100,000 such pages at this rate: {100_000 / (seen / seconds) / 60:.0f} min (target < 90); "
          f"memory at half / all the pages: {rows[0][2]} / {rows[1][2]} MB (rebuild), "
          f"{rows[0][3]} / {rows[1][3]} MB (worker); load {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
