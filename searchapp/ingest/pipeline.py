"""Run the stages over an archive, one page at a time: the one place a page's failure is caught."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from searchapp.errors import PageError
from searchapp.ingest import entities, language
from searchapp.ingest.cache import ExtractionCache, error_key, page_key
from searchapp.ingest.dedup import Admission
from searchapp.ingest.known_names import forget
from searchapp.ingest.shares import WHOLE, pages_in
from searchapp.ingest.stages import STAGES, Stage, build_article
from searchapp.ingest.workers import (
    DIED,
    PAGE_SECONDS,
    TOO_BIG,
    TOO_SLOW,
    Workers,
    address_space,
    hit_memory_bound,
    page_memory_mb,
)
from searchapp.models import Article, Page, RebuildReport, Skipped

log = logging.getLogger(__name__)

Result = Article | tuple[str, str]  # an article, or (reason, source) of a skip
Fate = Callable[..., None]  # on_fate(origin=, key=, status=, id=, reason=, source=, first=)


@dataclass(frozen=True, slots=True)
class Extraction:
    """How pages become articles: through which stages, in how many processes, within what time."""

    workers: int = 0  # 0: in this process, without the time and memory limits of a worker
    stages: tuple[Stage, ...] = STAGES
    page_seconds: float = PAGE_SECONDS
    batch: int = 64  # pages looked up in the cache and handed to the workers at a time


def read_articles(sources: Iterable[str | os.PathLike], report: RebuildReport, extraction: Extraction = Extraction(),
                  *, part: tuple[int, int] = WHOLE, cache: ExtractionCache | None = None, on_fate: Fate | None = None,
                  on_page: Callable[[RebuildReport], None] | None = None) -> Iterator[Article]:
    """Yield each distinct article under the sources; record skips and duplicates in the report.

    Exact duplicates (same canonical URL or same text) are left out; near-duplicates (the same
    story from another site) are kept, sharing a cluster id so search can show them as one.
    """
    return read_pages(pages_in(sources, part), report, Admission(), extraction, cache=cache, on_fate=on_fate,
                      on_page=on_page)


def read_pages(items: Iterable[tuple[Path, Page | PageError]], report: RebuildReport, admission: Admission,
               extraction: Extraction = Extraction(), *, cache: ExtractionCache | None = None,
               on_fate: Fate | None = None, on_page: Callable[[RebuildReport], None] | None = None
               ) -> Iterator[Article]:
    """read_articles over given pages. on_fate hears what became of every page: "indexed",
    "duplicate" or "skipped" (rebuild manifests)."""
    on_fate = on_fate or (lambda **fate: None)
    for _page, key, result in extract(items, extraction, cache):
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
            report.extracted_by[article.extracted_by] = report.extracted_by.get(article.extracted_by, 0) + 1
            on_fate(origin=article.path, key=key, status="indexed", id=article.id, source=article.source)
            yield article
        if on_page:
            on_page(report)


def extract(items: Iterable[tuple[Path, Page | PageError]], extraction: Extraction = Extraction(),
            cache: ExtractionCache | None = None) -> Iterator[tuple[Page | PageError, str, Article | Skipped]]:
    """Build articles for pages, in order: from the cache when the content was seen before, else
    in worker processes (workers.py), or in this one with workers=0. Memory stays flat: at most
    two batches of pages are in flight, the one the workers build while the caller indexes the
    one before."""
    read = partial(read_page, stages=extraction.stages)
    seconds = extraction.page_seconds
    forget()  # a rebuild learns names from its own pages only (known_names.py), in each worker it forks
    # The model and gazetteer are loaded before the workers fork, so that they share them.
    pool = Workers(extraction.workers, read, died=lambda page: (DIED, ""),
                   too_slow=lambda page: (TOO_SLOW.format(seconds), ""), seconds=seconds,
                   prepare=warm) \
        if extraction.workers else None
    try:
        batches = (started(chunk, pool, cache) for chunk in batched(items, extraction.batch))
        for chunk, keys, results, todo, made in ahead(batches):
            made = pool.collect(made) if pool else [read(page) for _, page in todo]
            for (i, page), result in zip(todo, made, strict=True):
                results[i] = result
                if cache and keys[i] and not isinstance(page, PageError):
                    cache.put(keys[i], result)
            for (path, page), key, result in zip(chunk, keys, results, strict=True):
                if isinstance(result, Article) and isinstance(page, Page):
                    result = replace(result, path=page.where)
                yield (page if isinstance(page, Page) else PageError(str(page))), key, with_path(result, path, page)
            if cache:
                cache.commit()
    finally:
        if pool:
            pool.close()


def warm() -> None:
    """Load the models of the stages before the workers fork, so that they share them."""
    entities.warm()
    language.warm()


def read_page(page: Page | PageError, stages: tuple[Stage, ...] = STAGES) -> Result:
    """build_article for a worker: never raises, returns the reason instead."""
    if isinstance(page, PageError):
        return str(page), page.source
    peak = address_space()
    try:
        return build_article(page, stages)
    except PageError as error:
        return str(error), error.source
    except RecursionError:
        return "page too complex to parse (nested too deeply)", ""
    except MemoryError:
        return TOO_BIG.format(page_memory_mb()), ""
    except Exception as error:
        if hit_memory_bound(peak):
            return TOO_BIG.format(page_memory_mb()), ""
        log.exception("unexpected error reading %s", page.where)
        return f"unexpected error: {type(error).__name__}: {error}", ""


def started(chunk: list, pool: Workers | None, cache: ExtractionCache | None) -> tuple:
    """A batch looked up in the cache, its other pages handed to the pool (when there is one)."""
    keys = [page_key(page) if isinstance(page, Page) else "" for _, page in chunk]
    results: list[Result | None] = [cache.get(k) if cache and k else None for k in keys]
    todo = [(i, page) for i, ((path, page), found) in enumerate(zip(chunk, results, strict=True)) if found is None]
    made = pool.submit([page for _, page in todo]) if pool else None
    return chunk, keys, results, todo, made


def ahead(batches: Iterator) -> Iterator:
    """Each batch once the next one has been started, so workers never wait for the caller."""
    waiting = next(batches, None)
    while waiting is not None:
        following = next(batches, None)
        yield waiting
        waiting = following


def with_path(result: Result, path: Path, page: Page | PageError) -> Article | Skipped:
    """Skips carry the page (or, for unreadable files, the file) they are about."""
    if isinstance(result, Article):
        return result
    reason, source = result
    return Skipped(page.where if isinstance(page, Page) else str(path), reason, source)


def batched(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
