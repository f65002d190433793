"""Run the ingest stages over an archive: load -> clean -> meta -> entities, one page at a time."""
from __future__ import annotations

import hashlib
import logging
import os
import signal
import sqlite3
import threading
import warnings
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from searchapp.errors import PageError
from searchapp.ingest.cache import ExtractionCache, page_key
from searchapp.ingest.workers import DIED, Workers, address_space, hit_memory_bound, page_memory_mb
from searchapp.ingest.clean import clean_html
from searchapp.ingest.dates import date_from_dateline, date_from_text, date_from_url
from searchapp.ingest.dumps import clean_dump
from searchapp.ingest.duplicates import NearDuplicates
from searchapp.ingest.entities import extract_entities
from searchapp.ingest.load import find_pages, load_pages
from searchapp.ingest.meta import Meta, read_meta
from searchapp.models import Article, Page, RebuildReport, Skipped

log = logging.getLogger(__name__)
PAGE_SECONDS = 30  # a page that takes longer is skipped, whatever makes it slow
TOO_BIG = "needed more than the {:,} MB of memory a page may use"
TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|ocid$|cmpid$)")


def build_article(page: Page) -> Article:
    """Turn one loaded page into an article, or raise PageError saying why not."""
    if page.kind == "html":
        with warnings.catch_warnings():  # XHTML saved as .html parses fine as HTML
            warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
            soup = BeautifulSoup(page.text, "lxml")
        meta = read_meta(soup, page.text)
        try:
            body, captions = clean_html(soup)
        except PageError as error:
            raise PageError(str(error), source=meta.source) from error
    else:
        dump = clean_dump(page.text)
        meta = Meta(title=dump.title, source=dump.source)
        body, captions = dump.body, dump.captions
    meta = dated(meta, body, page)
    url = meta.url or page.url
    title = meta.title or page.path.stem.replace("-", " ").replace("_", " ")
    entities = extract_entities(title, body)
    return Article(
        id=document_id(url, body), path=page.where, title=title, body=body,
        source=meta.source or (urlsplit(url).hostname or "").removeprefix("www."), url=url,
        date=meta.date, date_source=meta.date_source, updated=meta.updated, author=meta.author,
        language=meta.language, section=meta.section, tags=meta.tags, captions=captions,
        people=entities.people, places=entities.places, countries=entities.countries, fetched=page.fetched,
    )


def load_article(path: Path) -> Article:
    """The article of a single-page file (tests, benchmarks, the removed-text view)."""
    page = next(load_pages(path))
    if isinstance(page, PageError):
        raise page
    return build_article(page)


def dated(meta: Meta, body: str, page: Page) -> Meta:
    """Fill in the date from the page's URL, a dateline or the file name when it declares none."""
    if meta.date and meta.date_source == "htmldate" and (meta.date.month, meta.date.day) == (1, 1):
        # htmldate gives 1 January when it only found a year; a dateline in that year says more.
        found = date_from_dateline(body, meta.date.year)
        if found and found.year == meta.date.year:
            return replace(meta, date=found, date_source="dateline")
    if meta.date:
        return meta
    named = date_from_url(page.path.name)
    in_text = date_from_text(page.text) if page.kind == "text" else None
    for date, source in ((date_from_url(page.url), "url"),
                         (date_from_dateline(body, named.year if named else None), "dateline"),
                         (in_text, "page text"), (named, "file name")):
        if date:
            return replace(meta, date=date, date_source=source)
    return meta


def document_id(url: str, body: str) -> str:
    """Stable id: from the canonical URL where the page names one, else from the text."""
    key = normalise_url(url) if url else "text:" + " ".join(body.split()).casefold()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def normalise_url(url: str) -> str:
    """Canonical form of a URL: lower-case host, no fragment, tracking parameters or trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMS.match(k)])
    host = (parts.hostname or "").removeprefix("www.")
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme, host,
                       parts.path.rstrip("/") or "/", query, ""))


def read_articles(
    sources: Iterable[str | os.PathLike],
    report: RebuildReport,
    on_page: Callable[[RebuildReport], None] | None = None,
    workers: int = 0,
    cache: ExtractionCache | None = None,
    on_fate: Callable[..., None] | None = None,
    part: tuple[int, int] = (1, 1),
) -> Iterator[Article]:
    """Yield each distinct article under the sources; record skips and duplicates in the report.

    Exact duplicates (same canonical URL or same text) are left out; near-duplicates (the same
    story from another site) are kept, sharing a cluster id so search can show them as one.
    """
    return read_pages(pages_in(sources, part), report, on_page, workers, cache, Admission(), on_fate)


def read_pages(items: Iterable[tuple[Path, Page | PageError]], report: RebuildReport,
               on_page: Callable[[RebuildReport], None] | None, workers: int, cache: ExtractionCache | None,
               admission: Admission, on_fate: Callable[..., None] | None = None) -> Iterator[Article]:
    """read_articles over given pages. on_fate(origin=, key=, status=, id=, reason=, source=, first=)
    hears what became of every page: "indexed", "duplicate" or "skipped" (rebuild manifests)."""
    on_fate = on_fate or (lambda **fate: None)
    for page, key, result in extract(items, workers, cache):
        report.seen += 1
        if isinstance(result, Skipped):
            log.info("skipped %s: %s", result.path, result.reason)
            report.skipped.append(result)
            on_fate(origin=result.path, key=key or error_key(Path(result.path), result.reason), status="skipped",
                    reason=result.reason, source=result.source)
        elif first := admission.first_copy(result):
            duplicate = Skipped(result.path, f"same article as {first}", result.source)
            report.duplicates.append(duplicate)
            on_fate(origin=result.path, key=key, status="duplicate", reason=duplicate.reason, source=result.source,
                    first=first)
        else:
            article = admission.admit(result)
            on_fate(origin=article.path, key=key, status="indexed", id=article.id, source=article.source)
            yield article
        if on_page:
            on_page(report)


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


def pages_in(sources: Iterable[str | os.PathLike], part: tuple[int, int] = (1, 1)
             ) -> Iterator[tuple[Path, Page | PageError]]:
    """Every page under the sources (of part K of N, see in_part), with the file it came from."""
    for path in files_in(sources, part):
        for page in pages_of(path):
            yield path, page


def files_in(sources: Iterable[str | os.PathLike], part: tuple[int, int] = (1, 1)) -> Iterator[Path]:
    """The saved-page files under the sources that are in part K of N."""
    for source in sources:
        for path in find_pages([source]):
            if in_part(path, Path(source), part):
                yield path


def in_part(path: Path, source: Path, part: tuple[int, int]) -> bool:
    """Whether a file is in share K of N: by a hash of its path within its source folder, so that
    N machines with the archive mounted anywhere split it the same way, every file in one share."""
    number, parts = part
    if parts == 1:
        return True
    name = path.name if path == source else path.relative_to(source).as_posix()
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "big") % parts == number - 1


Result = Article | tuple[str, str]  # an article, or (reason, source) of a skip


def extract(items: Iterable[tuple[Path, Page | PageError]], workers: int = 0, cache: ExtractionCache | None = None,
            batch: int = 64) -> Iterator[tuple[Page | PageError, str, Result]]:
    """Build articles for pages, in order: from the cache when the content was seen before, else
    in `workers` processes under a memory bound (workers.py), or in this one with workers=0.
    Memory stays flat: at most two batches of pages are in flight, the one the workers build
    while the caller indexes the one before."""
    # The model and gazetteer are loaded before the workers fork, so that they share them.
    pool = Workers(workers, safe_build, died=lambda page: (DIED, ""),
                   prepare=lambda: extract_entities("London", "Ministers met in London.")) if workers else None
    try:
        for chunk, keys, results, todo, made in ahead(started(chunk, pool, cache) for chunk in batched(items, batch)):
            made = pool.collect(made) if pool else [safe_build(page) for _, page in todo]
            for (i, page), result in zip(todo, made):
                results[i] = result
                if cache and keys[i] and not (isinstance(page, PageError)):
                    cache.put(keys[i], result)
            for (path, page), key, result in zip(chunk, keys, results):
                if isinstance(result, Article) and isinstance(page, Page):
                    result = replace(result, path=page.where)
                yield (page if isinstance(page, Page) else PageError(str(page))), key, with_path(result, path, page)
            if cache:
                cache.commit()
    finally:
        if pool:
            pool.close()


def started(chunk: list, pool, cache: ExtractionCache | None) -> tuple:
    """A batch looked up in the cache, its other pages handed to the pool (when there is one)."""
    keys = [page_key(page) if isinstance(page, Page) else "" for _, page in chunk]
    results: list[Result | None] = [cache.get(k) if cache and k else None for k in keys]
    todo = [(i, page) for i, ((path, page), found) in enumerate(zip(chunk, results)) if found is None]
    made = pool.submit([page for _, page in todo]) if pool else None
    return chunk, keys, results, todo, made


def ahead(batches: Iterator) -> Iterator:
    """Each batch once the next one has been started, so workers never wait for the caller."""
    waiting = next(batches, None)
    while waiting is not None:
        following = next(batches, None)
        yield waiting
        waiting = following


def with_path(result: Result, path: Path, page: Page | PageError) -> Result | Skipped:
    """Skips carry the page (or, for unreadable files, the file) they are about."""
    if isinstance(result, Article):
        return result
    reason, source = result
    return Skipped(page.where if isinstance(page, Page) else str(path), reason, source)


def error_key(path: Path, reason) -> str:
    """A content key for a page that could not be read: the same file failing the same way is
    unchanged (incremental rebuilds need not try it again)."""
    try:
        stat = path.stat()
    except OSError:
        return f"error:{reason}"
    return f"error:{reason}:{stat.st_size}:{stat.st_mtime_ns}"


def batched(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def safe_build(page: Page | PageError) -> Result:
    """build_article for a worker: never raises, returns the reason instead."""
    if isinstance(page, PageError):
        return str(page), page.source
    peak = address_space()
    try:
        with time_limit(PAGE_SECONDS):
            return build_article(page)
    except PageTimeout:
        return f"took longer than {PAGE_SECONDS} s to read", ""
    except PageError as error:
        return str(error), error.source
    except RecursionError:
        return "page too complex to parse (nested too deeply)", ""
    except MemoryError:
        return TOO_BIG.format(page_memory_mb()), ""
    except Exception as error:  # noqa: BLE001 - one page must never stop a rebuild
        if hit_memory_bound(peak):
            return TOO_BIG.format(page_memory_mb()), ""
        log.exception("unexpected error reading %s", page.where)
        return f"unexpected error: {type(error).__name__}: {error}", ""


class PageTimeout(Exception):
    """A page took longer than PAGE_SECONDS."""


@contextmanager
def time_limit(seconds: int):
    """Interrupt the block after `seconds` (SIGALRM: main thread of a process only, else no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise PageTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)




def pages_of(path: Path) -> Iterator[Page | PageError]:
    """The pages of one file; a file that breaks while being read is one more skip."""
    try:
        yield from load_pages(path)
    except Exception as error:  # noqa: BLE001 - one file must never stop a rebuild
        log.exception("unexpected error reading %s", path)
        yield PageError(f"unexpected error: {type(error).__name__}: {error}")
