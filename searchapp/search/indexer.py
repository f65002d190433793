"""Rebuild the index into a fresh directory, then switch to it atomically."""
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
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict, replace
from pathlib import Path

from whoosh.index import create_in, open_dir

from searchapp.errors import IndexBusy, SearchappError
from searchapp.ingest.cache import ExtractionCache, page_key
from searchapp.ingest.pipeline import Admission, error_key, pages_in, read_articles, read_pages
from searchapp.models import Article, Page, RebuildReport, Skipped
from searchapp.search.manifest import FILE, Entry, Manifest
from searchapp.config import setting
from searchapp.search.schema import SCHEMA_VERSION, to_document

from searchapp.backends import open_engine  # noqa: E402

log = logging.getLogger(__name__)
CURRENT = "current"
REPORT = "rebuild-report.json"
BUILD_PREFIX = "build-"
CACHE = "extraction-cache.sqlite"
VERSION = "schema-version"
WRITER_MB = 256
LOCK_GRACE = 0.5  # seconds


def rebuild_index(
    sources: Iterable[str | os.PathLike],
    index_dir: Path,
    on_page: Callable[[RebuildReport], None] | None = None,
    workers: int = 0,
    incremental: bool = False,
    backend: str | None = None,
    part: tuple[int, int] = (1, 1),
) -> RebuildReport:
    """Rebuild the index from saved pages; the previous index serves until the new one is done.

    Incremental: only pages that are new or changed since the last build are processed, removed
    pages leave the index, and when nothing changed no new build is made. Either way, what
    extraction made of a page's content is cached, so unchanged content is never extracted twice.

    The articles go to the backend (SEARCHAPP_BACKEND by default): the embedded index in
    index_dir, or a SphinxQL cluster, for which index_dir keeps only what this loader saw (the
    manifest, the extraction cache, its report). With part=(K, N), only share K of N of the pages
    is loaded, so that N loaders fill a cluster together.
    """
    index_dir = Path(index_dir)
    backend = setting("BACKEND") if backend is None else backend
    with rebuild_lock(index_dir), unwritable_explained(index_dir):
        cache = ExtractionCache(index_dir / CACHE)
        try:
            previous = current_index(index_dir)
            if incremental and Manifest.exists(previous) and build_version(previous) == SCHEMA_VERSION \
                    and backend_holds(previous, backend, part):
                return update(sources, index_dir, previous, cache, on_page, workers, backend, part)
            report = RebuildReport()

            def articles(manifest: Manifest):
                return read_articles(sources, report, on_page, workers, cache,
                                     on_fate=lambda **fate: manifest.add(Entry(**fate)), part=part)

            return write_build(index_dir, None, articles, report, backend=backend, part=part)
        finally:
            cache.close()


def index_articles(articles: Iterable[Article], index_dir: Path, backend: str = "") -> RebuildReport:
    """Index articles that need no extraction (benchmarks bring their own)."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    report = RebuildReport()

    def counted(manifest: Manifest):
        for article in articles:
            report.seen += 1
            yield article

    with rebuild_lock(index_dir):
        return write_build(index_dir, None, counted, report, backend=backend)


def update(sources, index_dir: Path, previous: Path, cache: ExtractionCache, on_page, workers: int,
           backend: str = "", part: tuple[int, int] = (1, 1)) -> RebuildReport:
    """An incremental rebuild: a copy of the current build with only the changes applied."""
    started = time.perf_counter()
    report = RebuildReport()
    old = Manifest(previous)
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
    removed = [e for e in old.entries() if e.origin not in seen]
    gone = {e.origin for e in removed} | {o for _, o in changed}
    # A duplicate whose indexed copy changed or went away must be looked at again.
    for entry in [e for e in unchanged if e.status == "duplicate" and e.first in gone]:
        unchanged.remove(entry)
        changed.append((Path(entry.origin.partition("#")[0]), entry.origin))
    if not changed and not removed:
        old.close()
        for entry in unchanged:
            carry(entry, report)
        report.unchanged = True
        report.elapsed = time.perf_counter() - started
        report.index_dir = str(previous)
        return report
    admission = Admission()
    for entry in unchanged:
        carry(entry, report, admission, cache)
    stale = [e.id for e in removed if e.status == "indexed"]
    stale += [before.id for _, o in changed if (before := old.get(o)) and before.status == "indexed"]

    def articles(manifest: Manifest):
        for entry in unchanged:
            manifest.add(entry)
        yield from read_pages(reload(changed), report, on_page, workers, cache, admission,
                              on_fate=lambda **fate: manifest.add(Entry(**fate)))

    old.close()
    report.removed = len(removed)
    report.updated = len(changed)
    return write_build(index_dir, previous, articles, report, stale_ids=stale, started=started, backend=backend,
                       part=part)




def reload(changed: list[tuple[Path, str]]):
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
        if isinstance(article, Article):
            admission.known(replace(article, path=entry.origin))
        report.indexed += 1
    elif entry.status == "duplicate":
        report.duplicates.append(Skipped(entry.origin, entry.reason, entry.source))
    else:
        report.skipped.append(Skipped(entry.origin, entry.reason, entry.source))




def write_build(index_dir: Path, previous: Path | None, articles, report: RebuildReport,
                stale_ids: list[str] = (), started: float | None = None, backend: str = "",
                part: tuple[int, int] = (1, 1)) -> RebuildReport:
    """Write a new build (a fresh index, or a copy of previous with changes), then switch to it."""
    started = started or time.perf_counter()
    build = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-", dir=index_dir))
    try:
        writer = open_writer(build, previous, backend, part)
        manifest = Manifest(build)
        try:
            for article_id in stale_ids:
                writer.delete(article_id)
            for article in articles(manifest):
                writer.add(article)
                report.indexed += 1
        except BaseException:
            writer.cancel()
            raise
        if report.indexed == 0:
            writer.cancel()
            raise SearchappError("no article could be indexed; the previous index is kept")
        writer.finish()
        manifest.close()
        (build / VERSION).write_text(SCHEMA_VERSION)
        report.elapsed = time.perf_counter() - started
        saved = save_report(report, build, backend=backend, part=part)
        writer.publish(saved)
        previous_build = current_index(index_dir)
        switch_to(index_dir, build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    remove_old_builds(index_dir, keep={build.name, previous_build.name if previous_build else ""})
    report.elapsed = time.perf_counter() - started
    report.index_dir = str(build)
    return report


def build_version(build: Path) -> str:
    """The schema version a build was made with ("" for builds older than versions)."""
    try:
        return (build / VERSION).read_text().strip()
    except OSError:
        return ""


def copy_index(source: Path, target: Path) -> None:
    """Copy a build's files into target as hard links (Whoosh never rewrites a written file)."""
    for item in source.iterdir():
        if item.name in (FILE, REPORT, VERSION):
            continue
        try:
            os.link(item, target / item.name)
        except OSError:
            shutil.copy2(item, target / item.name)


def save_report(report: RebuildReport, build: Path, backend: str = "", part: tuple[int, int] = (1, 1)) -> dict:
    """Keep what the rebuild saw beside the index it made, for `searchapp report`."""
    data = asdict(report)
    data["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    if backend:
        data.update(backend=backend, part=list(part), build=build.name)
    (build / REPORT).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return data


def backend_holds(previous: Path, backend: str, part: tuple[int, int]) -> bool:
    """Whether the backend still holds what the previous build wrote, so that an incremental
    rebuild can apply only the changes (else the rebuild is full)."""
    saved = load_report(previous)
    if saved.get("backend", "") != backend or tuple(saved.get("part", (1, 1))) != part:
        return False
    return open_engine(previous.parent, backend).holds(previous, part)


def open_writer(build: Path, previous: Path | None, backend: str, part: tuple[int, int]):
    """Where a rebuild's articles go: the engine's writer."""
    return open_engine(build.parent, backend).writer(build, previous, part)


class WhooshWriter:
    """Writes a build's Whoosh index: a fresh one, or a copy of the previous build's."""

    def __init__(self, build: Path, previous: Path | None) -> None:
        if previous:
            copy_index(previous, build)
            self.writer = open_dir(str(build)).writer(limitmb=WRITER_MB)
        else:
            from searchapp.backends.whoosh.schema import SCHEMA
            self.writer = create_in(str(build), SCHEMA).writer(limitmb=WRITER_MB)
        lengths = self.writer.per_document_reader
        self.writer.per_document_reader = lambda: LengthsInMemory(lengths())

    def delete(self, article_id: str) -> None:
        self.writer.delete_by_term("id", article_id)

    def add(self, article: Article) -> None:
        self.writer.add_document(**to_document(article))

    def finish(self) -> None:
        self.writer.commit()

    def publish(self, report: dict) -> None:
        """Nothing: switching the `current` link publishes the build."""

    def cancel(self) -> None:
        self.writer.cancel()


class LengthsInMemory:
    """A segment's per-document reader whose field lengths are read once per field: writing the
    postings, Whoosh reads a length from the file for every posting (a fifth of the commit)."""

    def __init__(self, reader) -> None:
        self.reader, self.lengths = reader, {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.lengths.get((fieldname, default))
        if lengths is None:
            lengths = self.lengths[fieldname, default] = [self.reader.doc_field_length(n, fieldname, default)
                                                          for n in range(self.reader.doc_count_all())]
        return lengths[docnum]

    def __getattr__(self, name: str):
        return getattr(self.reader, name)


def load_report(build: Path) -> dict:
    """The saved rebuild report of a build, or {} for builds made before reports were kept."""
    try:
        return json.loads((build / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def switch_to(index_dir: Path, build: Path) -> None:
    """Point `current` at the new build in one rename, which readers see all at once."""
    link = index_dir / f".{CURRENT}-{os.getpid()}"
    link.unlink(missing_ok=True)
    os.symlink(build.name, link)
    os.replace(link, index_dir / CURRENT)


def current_index(index_dir: Path) -> Path | None:
    """Return the build being served, or None when no index was built yet."""
    link = Path(index_dir) / CURRENT
    target = link.resolve() if link.is_symlink() else None
    return target if target and target.is_dir() else None


def remove_old_builds(index_dir: Path, keep: set[str]) -> None:
    """Delete builds but the new and the previous one (requests in flight may still read it)."""
    for path in index_dir.glob(f"{BUILD_PREFIX}*"):
        if path.is_dir() and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def unwritable_explained(index_dir: Path):
    """A full disk or a folder we may not write to ends the rebuild with what happened and the
    promise kept (the build in progress is removed by write_build; the served one is untouched)."""
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
                errno.EPERM: "permission denied", errno.EROFS: "the file system is read-only"}.get(error.errno)
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
        handle = open(index_dir / ".rebuild.lock", "a")
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
                    raise IndexBusy(f"another rebuild is running on {index_dir}: try again when it has finished") from error
                time.sleep(0.05)
                waited += 0.05
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
