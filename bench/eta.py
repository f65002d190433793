"""Does the rebuild's progress bar tell the truth? Rebuild an archive with the command line's
progress bar listening, and compare the time left it showed at 10, 25, 50 and 75% of the pages
with the time the rest of the pages really took.

Run: python bench/eta.py --pages DIR [--workers 2]   (pages from bench/realistic.py)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from searchapp.cli import Progress  # noqa: E402
from searchapp.ingest.shares import files_in  # noqa: E402
from searchapp.models import RebuildReport  # noqa: E402
from searchapp.rebuild.options import RebuildOptions  # noqa: E402
from searchapp.rebuild.run import rebuild_index  # noqa: E402


class Recording(Progress):
    """The command line's bar, keeping (time, pages read, seconds it said were left)."""

    def __init__(self, total: int) -> None:
        super().__init__(total)
        self.said: list[tuple[float, int, float]] = []
        self.all_read = 0.0

    def __call__(self, report: RebuildReport) -> None:
        super().__call__(report)
        now, rate = self.clock(), self.rate(self.clock())
        if rate > 0 and report.seen < self.total:
            self.said.append((now, report.seen, (self.total - report.seen) / rate))
        if report.seen >= self.total and not self.all_read:
            self.all_read = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    total = sum(1 for _ in files_in([args.pages]))
    progress = Recording(total)
    with tempfile.TemporaryDirectory() as index:
        started = time.perf_counter()
        report = rebuild_index(RebuildOptions([args.pages], Path(index), workers=args.workers, on_page=progress))
    read = progress.all_read or time.perf_counter()
    print(f"\n{report.seen} pages, {report.indexed} indexed; all read after {read - started:.0f} s, "
          f"finished after {time.perf_counter() - started:.0f} s")
    print("| at | said left | really left | error |\n|---|---|---|---|")
    for share in (0.10, 0.25, 0.50, 0.75):
        moment, seen, said = next(s for s in progress.said if s[1] >= share * total)
        really = read - moment
        print(f"| {share:.0%} ({seen} pages) | {said:.0f} s | {really:.0f} s | {said / really - 1:+.0%} |")


if __name__ == "__main__":
    main()
