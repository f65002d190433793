"""Which articles enter the index: exact copies are refused, near copies clustered."""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace

from searchapp.ingest.duplicates import NearDuplicates
from searchapp.models import Article


class Admission:
    """Decide which articles enter the index: exact copies are refused, near copies clustered.

    What it remembers of the articles admitted so far is kept in a private temporary SQLite
    file, so a rebuild's memory does not grow with the archive."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")  # "": a temporary database on disk, deleted when closed
        self.db.execute("CREATE TABLE copies (key BLOB PRIMARY KEY, path TEXT)")
        self.near = NearDuplicates(self.db)

    def first_copy(self, article: Article) -> str | None:
        """The path of an earlier copy of the same article (same id or same text), if any."""
        for key in copy_keys(article):
            row = self.db.execute("SELECT path FROM copies WHERE key = ?", (key,)).fetchone()
            if row:
                return row[0]
        return None

    def admit(self, article: Article) -> Article:
        """Take an article in, with the cluster of the story it tells."""
        self._remember(article)
        return replace(article, cluster=self.near.cluster(article.id, article.body))

    def known(self, article: Article) -> None:
        """Count an article already in the index (incremental rebuilds) without re-adding it."""
        self._remember(article)
        self.near.cluster(article.cluster or article.id, article.body)

    def _remember(self, article: Article) -> None:
        self.db.executemany("INSERT OR REPLACE INTO copies VALUES (?, ?)",
                            [(key, article.path) for key in copy_keys(article)])


def copy_keys(article: Article) -> tuple[bytes, bytes]:
    """What makes two articles copies: the same id, or the same text."""
    return b"id:" + article.id.encode(), b"text:" + body_hash(article.body)


def body_hash(body: str) -> bytes:
    return hashlib.sha1(" ".join(body.split()).casefold().encode()).digest()
