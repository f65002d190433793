"""An index folder on this machine: builds side by side, `current` naming the one served, each
with its schema version and the report of the rebuild that made it. Embedded engines read their
index from the served build; the rebuild (searchapp/rebuild/builds.py) makes and switches them."""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

CURRENT = "current"
REPORT = "rebuild-report.json"
VERSION = "schema-version"
MANIFEST = "manifest.sqlite"
BOOKKEEPING = (REPORT, VERSION, MANIFEST)  # the rebuild's files in a build, not the engine's


def current_index(index_dir: Path) -> Path | None:
    """Return the build being served, or None when no index was built yet. Asked several times
    by every search: one readlink and one stat, the link's target resolved once per name."""
    link = os.path.join(index_dir, CURRENT)
    try:
        name = os.readlink(link)
    except OSError:  # no link yet, or not a link
        return None
    target = resolved(link, name)
    return target if target.is_dir() else None


@lru_cache(maxsize=256)
def resolved(link: str, name: str) -> Path:
    """Where a link naming `name` leads (builds have names of their own, never reused)."""
    return Path(link).resolve()


def build_version(build: Path) -> str:
    """The schema version a build was made with ("" for builds older than versions)."""
    try:
        return (build / VERSION).read_text().strip()
    except OSError:
        return ""


def load_report(build: Path) -> dict:
    """The saved rebuild report of a build, or {} for builds made before reports were kept: read
    again only when the file changes (every search's answer names its build)."""
    try:
        stat = os.stat(build / REPORT)
    except OSError:
        return {}
    return read_report(build / REPORT, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def read_report(path: Path, mtime: int, size: int) -> dict:
    """The report at path as it was at (mtime, size); callers must not change it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def link_files(source: Path, target: Path, skip: Collection[str] = ()) -> None:
    """Copy the files of source into target as hard links (files copied where links cannot be
    made): engines whose index files are never rewritten start an incremental build this way."""
    target.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.name in skip or not item.is_file():
            continue
        try:
            os.link(item, target / item.name)
        except OSError:
            shutil.copy2(item, target / item.name)
