"""Build folders in an index directory: one rebuild at a time, each build written beside the one
being served and published by switching the `current` link to it in one rename.

    index/
      current -> build-20260101-120000-abcd   (what searches read)
      build-20260101-120000-abcd/             (the index, manifest.sqlite, schema-version, report)
      build-20251231-090000-wxyz/             (the previous build, for requests still reading it)
      extraction-cache.sqlite  .rebuild.lock
"""
from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from searchapp.backends.folders import CURRENT, REPORT, VERSION
from searchapp.errors import IndexBusy, SearchappError
from searchapp.models import RebuildReport

log = logging.getLogger(__name__)
BUILD_PREFIX = "build-"
CACHE = "extraction-cache.sqlite"
LOCK = ".rebuild.lock"
LOCK_GRACE = 0.5  # seconds


def new_build(index_dir: Path) -> Path:
    """A fresh, empty build folder, named by when it was started."""
    return Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-", dir=index_dir))


def switch_to(index_dir: Path, build: Path) -> None:
    """Point `current` at the new build in one rename, which readers see all at once."""
    link = index_dir / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(build.name, link)
    os.replace(link, index_dir / CURRENT)


def remove_old_builds(index_dir: Path, keep: set[str]) -> None:
    """Delete builds but the new and the previous one (requests in flight may still read it)."""
    for path in index_dir.glob(f"{BUILD_PREFIX}*"):
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def write_version(build: Path, version: str) -> None:
    (build / VERSION).write_text(version)


def save_report(report: RebuildReport, build: Path, backend: str = "", part: tuple[int, int] = (1, 1)) -> dict:
    """Keep what the rebuild saw beside the index it made, for `searchapp report`."""
    data = asdict(report)
    data["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    if backend:
        data.update(backend=backend, part=list(part), build=build.name)
    (build / REPORT).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return data


@contextmanager
def unwritable_explained(index_dir: Path):
    """A full disk or a folder we may not write to ends the rebuild with what happened and the
    promise kept (the build in progress is removed by the rebuild; the served one is untouched)."""
    try:
        yield
    except sqlite3.OperationalError as error:  # the extraction cache and manifest are SQLite files
        if not any(word in str(error) for word in ("disk", "full", "readonly", "unable to open")):
            raise
        log.error("rebuild of %s failed: %s", index_dir, error)
        raise SearchappError(f"cannot write the index in {index_dir}: SQLite says {error}; "
                             "the previous index is kept") from error
    except OSError as error:
        what = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
                errno.EFBIG: "a file grew past the size allowed", errno.EACCES: "permission denied",
                errno.EPERM: "permission denied", errno.EROFS: "the file system is read-only"}.get(error.errno or 0)
        if what is None:
            raise
        log.error("rebuild of %s failed: %s (%s)", index_dir, what, error)
        raise SearchappError(f"cannot write the index in {index_dir}: {what} ({error.filename or error}); "
                             "the previous index is kept") from error


@contextmanager
def rebuild_lock(index_dir: Path):
    """One rebuild at a time per index directory: a second one is refused, never a second writer."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK, "a")  # noqa: SIM115 - its OSError gets its own message; `with handle` below closes it
    except OSError as error:
        raise SearchappError(f"cannot write the index in {index_dir}: {error.strerror}") from error
    with handle:
        waited = 0.0
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as error:
                # A moment's grace: the workers of a rebuild killed just now hold the lock until
                # the kernel has delivered their own death signal.
                if waited >= LOCK_GRACE:
                    raise IndexBusy(f"another rebuild is running on {index_dir}: "
                                    "try again when it has finished") from error
                time.sleep(0.05)
                waited += 0.05
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
