"""Where a rebuild's articles go: the one place the rebuild chooses a backend's writer.

A writer has add(article), delete(article_id), finish(), publish(saved_report) and cancel().
"""
from __future__ import annotations

from pathlib import Path

from searchapp.rebuild.builds import load_report


def open_writer(build: Path, previous: Path | None, backend: str, part: tuple[int, int]):
    """The build's own Whoosh index (a copy of previous, when given), or the cluster."""
    if backend:
        from searchapp.sphinxql.client import Cluster
        from searchapp.sphinxql.writer import ClusterWriter
        return ClusterWriter(Cluster(backend), incremental=previous is not None, part=part)
    from searchapp.backends.whoosh.writer import WhooshWriter
    return WhooshWriter(build, previous)


def backend_holds(previous: Path, backend: str, part: tuple[int, int]) -> bool:
    """Whether the backend still holds what the previous build wrote, so that an incremental
    rebuild can apply only the changes (else the rebuild is full)."""
    saved = load_report(previous)
    if saved.get("backend", "") != backend or tuple(saved.get("part", (1, 1))) != part:
        return False
    if not backend:
        return True
    from searchapp.sphinxql.client import Cluster
    from searchapp.sphinxql.writer import holds
    return holds(Cluster(backend), previous.name, part)
