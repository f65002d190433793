"""Where a rebuild's articles go: the writer of the engine the options name (see searchapp.backends)."""
from __future__ import annotations

from pathlib import Path

from searchapp.backends import open_engine
from searchapp.backends.base import Writer
from searchapp.backends.folders import load_report


def open_writer(build: Path, previous: Path | None, backend: str, part: tuple[int, int]) -> Writer:
    """The engine's writer for this build (for an incremental rebuild, starting from previous)."""
    return open_engine(build.parent, backend).writer(build, previous, part)


def backend_holds(previous: Path, backend: str, part: tuple[int, int]) -> bool:
    """Whether the engine still holds what the previous build wrote, so that an incremental
    rebuild can apply only the changes (else the rebuild is full)."""
    saved = load_report(previous)
    if saved.get("backend", "") != backend or tuple(saved.get("part", (1, 1))) != part:
        return False
    return open_engine(previous.parent, backend).holds(previous, part)
