"""An index folder on this machine: builds side by side, `current` naming the one served, each
with its schema version and the report of the rebuild that made it. Embedded engines read their
index from the served build; the rebuild (searchapp/rebuild/builds.py) makes and switches them."""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection
from pathlib import Path

CURRENT = "current"
REPORT = "rebuild-report.json"
VERSION = "schema-version"
MANIFEST = "manifest.sqlite"
BOOKKEEPING = (REPORT, VERSION, MANIFEST)  # the rebuild's files in a build, not the engine's


def current_index(index_dir: Path) -> Path | None:
    """Return the build being served, or None when no index was built yet."""
    link = Path(index_dir) / CURRENT
    target = link.resolve() if link.is_symlink() else None
    return target if target and target.is_dir() else None


def build_version(build: Path) -> str:
    """The schema version a build was made with ("" for builds older than versions)."""
    try:
        return (build / VERSION).read_text().strip()
    except OSError:
        return ""


def load_report(build: Path) -> dict:
    """The saved rebuild report of a build, or {} for builds made before reports were kept."""
    try:
        return json.loads((build / REPORT).read_text(encoding="utf-8"))
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
