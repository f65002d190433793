"""What extraction made of each page content, kept between rebuilds.

Keyed by a hash of the page's text and the loader's version, so an unchanged page is never
extracted twice, and a schema or ranking change re-indexes from here without re-extracting.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path

from searchapp.config import setting
from searchapp.models import Article, Page

# Bump when extraction changes what it makes of a page, so cached results are made again.
LOADER_VERSION = "2026-12-07.full-names-and-header"
TUPLES = {f.name for f in fields(Article) if str(f.type).startswith("tuple")}
DATES = {"date", "updated", "fetched"}


def page_key(page: Page) -> str:
    """The content key of a page: its text, its kind and where the archive says it came from."""
    digest = hashlib.sha1(f"{loader_version()}\n{page.kind}\n{page.url}\n".encode())
    digest.update(page.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def loader_version() -> str:
    """LOADER_VERSION, marked when the model knows names across articles (SEARCHAPP_ENTITY_MEMORY=1),
    whose results differ: turning it on or off extracts pages again."""
    return f"{LOADER_VERSION}+known-names" if int(setting("ENTITY_MEMORY")) else LOADER_VERSION


def error_key(path: Path, reason) -> str:
    """A content key for a page that could not be read: the same file failing the same way is
    unchanged (incremental rebuilds need not try it again)."""
    try:
        stat = path.stat()
    except OSError:
        return f"error:{reason}"
    return f"error:{reason}:{stat.st_size}:{stat.st_mtime_ns}"


class ExtractionCache:
    """A SQLite table: content key -> article (or the reason it was skipped), and its signature."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS extracted (key TEXT PRIMARY KEY, article TEXT, reason TEXT,"
                        " source TEXT)")

    def get(self, key: str) -> Article | tuple[str, str] | None:
        """The cached article, or (reason, source) of a cached skip, or None."""
        row = self.db.execute("SELECT article, reason, source FROM extracted WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        return from_json(row[0]) if row[0] else (row[1], row[2] or "")

    def put(self, key: str, result: Article | tuple[str, str]) -> None:
        values: tuple[str, str | None, str | None, str | None]
        if isinstance(result, Article):
            values = (key, to_json(result), None, None)
        else:
            values = (key, None, result[0], result[1])
        self.db.execute("INSERT OR REPLACE INTO extracted VALUES (?, ?, ?, ?)", values)

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def to_json(article: Article) -> str:
    data = asdict(article)
    for name in DATES:
        data[name] = data[name].isoformat() if data[name] else None
    return json.dumps(data, ensure_ascii=False)


def from_json(text: str) -> Article:
    data = json.loads(text)
    for name in DATES:
        data[name] = datetime.fromisoformat(data[name]) if data[name] else None
    for name in TUPLES:
        data[name] = tuple(data[name])
    return Article(**data)
