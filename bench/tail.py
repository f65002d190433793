"""The tail of a rebuild: how long it runs after its last page is read, with the Whoosh commit
started at nine tenths of the pages in a forked process (the default) and with one commit at the
end, the two rebuilds run alternately on the same pages.

Run: python bench/tail.py --pages DIR [--workers 2] [--rounds 1]   (pages from bench/realistic.py)
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh.index import open_dir  # noqa: E402

from searchapp.backends.folders import current_index  # noqa: E402
from searchapp.backends.whoosh import writer  # noqa: E402
from searchapp.ingest.shares import files_in  # noqa: E402
from searchapp.models import RebuildReport  # noqa: E402
from searchapp.rebuild.options import RebuildOptions  # noqa: E402
from searchapp.rebuild.run import rebuild_index  # noqa: E402


def rebuild(pages: Path, workers: int, split: bool) -> dict:
    """One full rebuild: seconds in all, after the last page, and of this process's CPU after it."""
    total = sum(1 for _ in files_in([pages]))
    read: list[float] = []

    def heard(report: RebuildReport) -> None:
        if report.seen >= total and not read:
            read.extend((time.perf_counter(), time.process_time()))

    writer.SPLIT_FROM = 5000 if split else 10**12
    with tempfile.TemporaryDirectory() as index:
        started = time.perf_counter()
        rebuild_index(RebuildOptions([pages], Path(index), workers=workers, on_page=heard))
        ended, cpu = time.perf_counter(), time.process_time()
        segments = [s.doc_count_all() for s in open_dir(str(current_index(Path(index))))._segments()]
    return {"split": split, "seconds": ended - started, "tail": ended - read[0], "tail_cpu": cpu - read[1],
            "segments": segments, "pages_per_s": total / (ended - started)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print("| commit | rebuild s | pages/s | tail after the last page s | its CPU in this process s | segments |")
    print("|---|---|---|---|---|---|")
    for _ in range(args.rounds):
        for split in (True, False):
            r = rebuild(args.pages, args.workers, split)
            print(f"| {'forked at 90%' if split else 'at the end'} | {r['seconds']:.0f} | {r['pages_per_s']:.1f} | "
                  f"{r['tail']:.1f} | {r['tail_cpu']:.1f} | {r['segments']} |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}; peak memory of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
