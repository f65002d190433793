"""Which build is served, read the rebuild's way.

TEMPORARY: main's searchapp/search/indexer.py cannot be imported while the search side is being
moved (highlight.py imports TEXT_ANALYZER from the new schema); these three readers are copied
from it and are replaced by an import of the rebuild's own helpers when they land.
"""
from __future__ import annotations

import json
from pathlib import Path

CURRENT, REPORT, VERSION = "current", "rebuild-report.json", "schema-version"


def current_index(index_dir: Path) -> Path | None:
    link = Path(index_dir) / CURRENT
    target = link.resolve() if link.is_symlink() else None
    return target if target and target.is_dir() else None


def build_version(build: Path) -> str:
    try:
        return (build / VERSION).read_text().strip()
    except OSError:
        return ""


def load_report(build: Path) -> dict:
    try:
        return json.loads((build / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
