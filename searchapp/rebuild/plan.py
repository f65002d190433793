"""What changed since the last build: the pages under the sources compared with its manifest."""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from searchapp.errors import PageError
from searchapp.ingest.cache import ExtractionCache, error_key, page_key
from searchapp.ingest.dedup import Admission
from searchapp.ingest.shares import pages_in
from searchapp.models import Article, Page, RebuildReport, Skipped
from searchapp.rebuild.manifest import Entry, Manifest


@dataclass(frozen=True, slots=True)
class Plan:
    """The pages of an incremental rebuild, sorted by what must be done with them."""

    unchanged: tuple[Entry, ...]  # carried over from the previous build as they are
    changed: tuple[tuple[Path, str], ...]  # (file, origin) of pages new or changed: read again
    removed: tuple[Entry, ...]  # pages no longer under the sources: they leave the index
    stale: tuple[str, ...]  # ids of indexed articles that the changed or removed pages replace

    @property
    def nothing_to_do(self) -> bool:
        return not self.changed and not self.removed


def plan_changes(sources: Iterable[str | os.PathLike], old: Manifest, part: tuple[int, int]) -> Plan:
    """Compare every page under the sources with the previous build's manifest."""
    unchanged, changed, seen = [], [], set()
    for path, page in pages_in(sources, part):
        origin = page.where if isinstance(page, Page) else str(path)
        seen.add(origin)
        before = old.get(origin)
        key = page_key(page) if isinstance(page, Page) else error_key(path, page)
        if before and key and before.key == key:
            unchanged.append(before)
        else:
            changed.append((path, origin))
    removed = [entry for entry in old.entries() if entry.origin not in seen]
    gone = {entry.origin for entry in removed} | {origin for _, origin in changed}
    # A duplicate whose indexed copy changed or went away must be looked at again.
    for entry in [e for e in unchanged if e.status == "duplicate" and e.first in gone]:
        unchanged.remove(entry)
        changed.append((Path(entry.origin.partition("#")[0]), entry.origin))
    stale = [entry.id for entry in removed if entry.status == "indexed"]
    stale += [before.id for _, origin in changed if (before := old.get(origin)) and before.status == "indexed"]
    return Plan(tuple(unchanged), tuple(changed), tuple(removed), tuple(stale))


def reload(changed: Iterable[tuple[Path, str]]) -> Iterator[tuple[Path, Page | PageError]]:
    """The changed pages, read again: whole files, or single records of a WARC archive."""
    files: dict[Path, set[str]] = {}
    for path, origin in changed:
        files.setdefault(path, set()).add(origin)
    for path, wanted in files.items():
        for found_path, page in pages_in([path]):
            if (page.where if isinstance(page, Page) else str(found_path)) in wanted:
                yield found_path, page


def carry(entry: Entry, report: RebuildReport, admission: Admission | None = None,
          cache: ExtractionCache | None = None) -> None:
    """Count an unchanged page in the report; with an admission, let its article take part in
    deduplication of the pages that did change."""
    report.seen += 1
    if entry.status == "indexed":
        article = cache.get(entry.key) if admission and cache else None
        if admission and isinstance(article, Article):
            admission.known(replace(article, path=entry.origin))
        report.indexed += 1
    elif entry.status == "duplicate":
        report.duplicates.append(Skipped(entry.origin, entry.reason, entry.source))
    else:
        report.skipped.append(Skipped(entry.origin, entry.reason, entry.source))
