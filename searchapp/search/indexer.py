"""Rebuild the index into a fresh directory, then switch to it atomically."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from whoosh.index import create_in

from searchapp.errors import IndexBusy, SearchappError
from searchapp.ingest.pipeline import read_articles
from searchapp.models import Article, RebuildReport
from searchapp.search.schema import SCHEMA, to_document

CURRENT = "current"
REPORT = "rebuild-report.json"
BUILD_PREFIX = "build-"


def rebuild_index(
    sources: Iterable[str | os.PathLike],
    index_dir: Path,
    on_page: Callable[[RebuildReport], None] | None = None,
) -> RebuildReport:
    """Rebuild the index from saved pages; the previous index serves until the new one is done."""
    report = RebuildReport()
    return index_articles(read_articles(sources, report, on_page), index_dir, report)


def index_articles(articles: Iterable[Article], index_dir: Path, report: RebuildReport | None = None) -> RebuildReport:
    """Write articles into a fresh build and switch to it (rebuilds, and benchmarks that bring
    their own articles)."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    report = report if report is not None else RebuildReport()
    with rebuild_lock(index_dir):
        build = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-", dir=index_dir))
        try:
            writer = create_in(str(build), SCHEMA).writer(limitmb=128)
            try:
                for article in articles:
                    writer.add_document(**to_document(article))
                    report.indexed += 1
            except BaseException:
                writer.cancel()
                raise
            if report.indexed == 0:
                writer.cancel()
                raise SearchappError("no article could be indexed; the previous index is kept")
            writer.commit()
            report.elapsed = time.perf_counter() - started
            save_report(report, build)
            previous = current_index(index_dir)
            switch_to(index_dir, build)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        remove_old_builds(index_dir, keep={build.name, previous.name if previous else ""})
    report.elapsed = time.perf_counter() - started
    report.index_dir = str(build)
    return report


def save_report(report: RebuildReport, build: Path) -> None:
    """Keep what the rebuild saw beside the index it made, for `searchapp report`."""
    data = asdict(report)
    data["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    (build / REPORT).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def load_report(build: Path) -> dict:
    """The saved rebuild report of a build, or {} for builds made before reports were kept."""
    try:
        return json.loads((build / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def switch_to(index_dir: Path, build: Path) -> None:
    """Point `current` at the new build in one rename, which readers see all at once."""
    link = index_dir / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(build.name, link)
    os.replace(link, index_dir / CURRENT)


def current_index(index_dir: Path) -> Path | None:
    """Return the build being served, or None when no index was built yet."""
    link = Path(index_dir) / CURRENT
    target = link.resolve() if link.is_symlink() else None
    return target if target and target.is_dir() else None


def remove_old_builds(index_dir: Path, keep: set[str]) -> None:
    """Delete builds but the new and the previous one (requests in flight may still read it)."""
    for path in index_dir.glob(f"{BUILD_PREFIX}*"):
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def rebuild_lock(index_dir: Path):
    """One rebuild at a time per index directory."""
    with open(index_dir / ".rebuild.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise IndexBusy(f"another rebuild is running on {index_dir}") from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
