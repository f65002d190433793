"""What each build was made from: every page's origin, content key and fate, for incremental rebuilds."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from searchapp.backends.folders import MANIFEST


@dataclass(frozen=True, slots=True)
class Entry:
    origin: str  # path, or "crawl.warc.gz#1234"
    key: str  # content key ("" for pages that could not be read)
    status: str  # indexed, duplicate or skipped
    id: str = ""  # the article id, when indexed
    reason: str = ""  # why skipped, or "same article as ..." for duplicates
    source: str = ""
    first: str = ""  # for a duplicate: the origin of the copy that was indexed


class Manifest:
    """A build's page table, in SQLite beside the index."""

    def __init__(self, build: Path) -> None:
        self.db = sqlite3.connect(build / MANIFEST)
        self.db.execute("CREATE TABLE IF NOT EXISTS pages (origin TEXT PRIMARY KEY, key TEXT, status TEXT, id TEXT,"
                        " reason TEXT, source TEXT, first TEXT)")

    @staticmethod
    def exists(build: Path | None) -> bool:
        return build is not None and (build / MANIFEST).exists()

    def add(self, entry: Entry) -> None:
        self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (entry.origin, entry.key, entry.status, entry.id, entry.reason, entry.source, entry.first))

    def get(self, origin: str) -> Entry | None:
        row = self.db.execute("SELECT * FROM pages WHERE origin = ?", (origin,)).fetchone()
        return Entry(*row) if row else None

    def entries(self) -> Iterator[Entry]:
        for row in self.db.execute("SELECT * FROM pages ORDER BY origin"):
            yield Entry(*row)

    def close(self) -> None:
        self.db.commit()
        self.db.close()
