"""Rebuild the index into a fresh build, then switch to it; the previous one serves until then."""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from dataclasses import replace
from pathlib import Path

from searchapp.backends.folders import build_version, current_index
from searchapp.config import setting
from searchapp.errors import SearchappError
from searchapp.ingest.cache import ExtractionCache
from searchapp.ingest.dedup import Admission
from searchapp.ingest.pipeline import read_articles, read_pages
from searchapp.ingest.shares import files_in
from searchapp.models import Article, RebuildReport
from searchapp.rebuild.builds import (
    CACHE,
    new_build,
    rebuild_lock,
    remove_old_builds,
    save_report,
    switch_to,
    unwritable_explained,
    write_version,
)
from searchapp.rebuild.manifest import Entry, Manifest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.plan import carry, plan_changes, reload
from searchapp.rebuild.writers import backend_holds, open_writer
from searchapp.search.schema import SCHEMA_VERSION

MOST = 0.9  # of a build's pages read: when the writer may start writing (Writer.most_added)
Articles = Callable[[Manifest], Iterator[Article]]  # the articles of a build, each page's fate noted in its manifest


def rebuild_index(options: RebuildOptions) -> RebuildReport:
    """Rebuild the index from saved pages; the previous index serves until the new one is done.

    Incremental: only pages that are new or changed since the last build are processed, removed
    pages leave the index, and when nothing changed no new build is made. Either way, what
    extraction made of a page's content is cached, so unchanged content is never extracted twice.

    The articles go to the backend: the embedded index in index_dir, or a SphinxQL cluster, for
    which index_dir keeps only what this loader saw (the manifest, the extraction cache, its report).
    """
    backend = setting("BACKEND") if options.backend is None else options.backend
    options = replace(options, backend=backend)
    index_dir = options.index_dir
    with rebuild_lock(index_dir), unwritable_explained(index_dir):
        cache = ExtractionCache(index_dir / CACHE)
        try:
            previous = current_index(index_dir)
            if options.incremental and previous and Manifest.exists(previous) \
                    and build_version(previous) == SCHEMA_VERSION and backend_holds(previous, backend, options.part):
                return update(options, previous, cache)
            report = RebuildReport()

            def articles(manifest: Manifest) -> Iterator[Article]:
                return read_articles(options.sources, report, options.extraction, part=options.part, cache=cache,
                                     on_fate=lambda **fate: manifest.add(Entry(**fate)), on_page=options.on_page)

            return write_build(options, articles, report, pages=sum(1 for _ in files_in(options.sources, options.part)))
        finally:
            cache.close()


def index_articles(articles: Iterable[Article], index_dir: Path, backend: str = "") -> RebuildReport:
    """Index articles that need no extraction (benchmarks bring their own)."""
    options = RebuildOptions((), index_dir, backend=backend)
    options.index_dir.mkdir(parents=True, exist_ok=True)
    report = RebuildReport()

    def counted(manifest: Manifest) -> Iterator[Article]:
        for article in articles:
            report.seen += 1
            yield article

    with rebuild_lock(options.index_dir):
        return write_build(options, counted, report, pages=len(articles) if isinstance(articles, Sized) else 0)


def update(options: RebuildOptions, previous: Path, cache: ExtractionCache) -> RebuildReport:
    """An incremental rebuild: a copy of the current build with only the changes applied."""
    started = time.perf_counter()
    report = RebuildReport()
    old = Manifest(previous)
    try:
        plan = plan_changes(options.sources, old, options.part)
    finally:
        old.close()
    if plan.nothing_to_do:
        for entry in plan.unchanged:
            carry(entry, report)
        report.unchanged = True
        report.elapsed = time.perf_counter() - started
        report.index_dir = str(previous)
        return report
    admission = Admission()
    for entry in plan.unchanged:
        carry(entry, report, admission, cache)

    def articles(manifest: Manifest) -> Iterator[Article]:
        for entry in plan.unchanged:
            manifest.add(entry)
        yield from read_pages(reload(plan.changed), report, admission, options.extraction, cache=cache,
                              on_fate=lambda **fate: manifest.add(Entry(**fate)), on_page=options.on_page)

    report.removed = len(plan.removed)
    report.updated = len(plan.changed)
    return write_build(options, articles, report, previous=previous, stale_ids=plan.stale, started=started,
                       pages=len(plan.changed))


def write_build(options: RebuildOptions, articles: Articles, report: RebuildReport, previous: Path | None = None,
                stale_ids: Iterable[str] = (), started: float | None = None, pages: int = 0) -> RebuildReport:
    """Write a new build (a fresh index, or a copy of previous with changes), then switch to it.
    pages: how many pages the articles come from (0: unknown), so that the writer hears when
    most are in (Writer.most_added)."""
    started = started or time.perf_counter()
    index_dir, backend, part = options.index_dir, options.backend or "", options.part
    build = new_build(index_dir)
    try:
        writer = open_writer(build, previous, backend, part)
        manifest = Manifest(build)
        try:
            for article_id in stale_ids:
                writer.delete(article_id)
            most = report.seen + MOST * pages if pages else None
            for article in articles(manifest):
                writer.add(article)
                report.indexed += 1
                if most is not None and report.seen >= most:
                    writer.most_added()
                    most = None
        except BaseException:
            writer.cancel()
            raise
        if report.indexed == 0:
            writer.cancel()
            raise SearchappError("no article could be indexed; the previous index is kept")
        writer.finish()
        manifest.close()
        write_version(build, SCHEMA_VERSION)
        report.elapsed = time.perf_counter() - started
        writer.publish(save_report(report, build, backend=backend, part=part))
        previous_build = current_index(index_dir)
        switch_to(index_dir, build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    remove_old_builds(index_dir, keep={build.name, previous_build.name if previous_build else ""})
    report.elapsed = time.perf_counter() - started
    report.index_dir = str(build)
    return report
