"""Command line: rebuild, inspect, search, serve. Thin wrappers around plain functions."""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

import click

from searchapp.config import index_dir
from searchapp.errors import PageError, SearchappError
from searchapp.models import RebuildReport, SearchRequest

INDEX_HELP = "Index directory (default: $SEARCHAPP_INDEX, else index/)."


class Commands(click.Group):
    """Report our own errors as one red line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SearchappError as error:
            raise click.ClickException(click.style(str(error), fg="red")) from error


@click.group(cls=Commands)
@click.option("-v", "--verbose", is_flag=True, help="Log more detail to stderr.")
def cli(verbose: bool) -> None:
    """Search an archive of saved news pages."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


@cli.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--index", "index", type=click.Path(path_type=Path), help=INDEX_HELP)
@click.option("--full", is_flag=True, help="Process every page again instead of only new and changed ones.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes that extract pages (default: one per core).")
@click.option("--part", "part", default="1/1", metavar="K/N", callback=lambda c, p, v: parse_part(v),
              help="Load only share K of N of the pages into the search cluster (SEARCHAPP_BACKEND), so that "
                   "N machines or processes load one archive together; the last to finish switches searches "
                   "to the new index.")
def rebuild(sources: tuple[Path, ...], index: Path | None, full: bool, workers: int | None,
            part: tuple[int, int]) -> None:
    """Rebuild the index from SOURCES (files or folders; default seeds/).

    Only pages that are new or changed since the last rebuild are processed unless --full;
    pages no longer under SOURCES leave the index.
    """
    from searchapp.ingest.shares import files_in
    from searchapp.rebuild.options import RebuildOptions
    from searchapp.rebuild.run import rebuild_index

    sources = sources or (Path("seeds"),)
    progress = Progress(sum(1 for _ in files_in(sources, part))) if sys.stderr.isatty() else None
    options = RebuildOptions(sources, index_dir(index), on_page=progress, workers=workers or os.cpu_count() or 1,
                             incremental=not full, part=part)
    report = rebuild_index(options)
    if progress:
        progress.done()
    print_report(report)


def parse_part(value: str) -> tuple[int, int]:
    number, _, parts = value.partition("/")
    if not (number.isdigit() and parts.isdigit() and 1 <= int(number) <= int(parts)):
        raise click.BadParameter(f"{value!r} is not K/N with 1 <= K <= N (e.g. 2/3)")
    return int(number), int(parts)


class Progress:
    """A one-line progress bar on stderr: pages, pages per second and the time left.

    The rate is measured from the first page read (not from the start: loading the model takes a
    while) over the last WINDOW seconds, so that a pace that changes (pages already in the
    extraction cache, then new ones) is followed. Once every page is read, it says that the index
    is being written, which takes a while on a large archive. bench/eta.py measures how well the
    time left holds."""

    WINDOW = 60.0  # seconds of recent progress the rate is measured over

    def __init__(self, total: int, clock=time.perf_counter) -> None:
        self.total, self.clock = total, clock
        self.started = clock()
        self.samples: list[tuple[float, int]] = []
        self.shown = -1.0

    def __call__(self, report: RebuildReport) -> None:
        now = self.clock()
        self.samples.append((now, report.seen))
        while len(self.samples) > 2 and now - self.samples[1][0] >= self.WINDOW:
            self.samples.pop(0)
        if now - self.shown < 0.1 and report.seen < self.total:
            return
        self.shown = now
        click.echo(f"\r{self.line(report.seen, now)}\x1b[K", err=True, nl=False)

    def rate(self, now: float) -> float:
        """Pages a second over the recent window, from the first page read on."""
        if len(self.samples) < 2:
            return 0.0
        (then, before), (_, seen) = self.samples[0], self.samples[-1]
        return (seen - before) / (now - then) if now - then >= 1.0 else 0.0

    def line(self, seen: int, now: float) -> str:
        filled = int(30 * seen / max(self.total, 1))
        bar = f"[{'#' * filled}{'.' * (30 - filled)}] {seen}/{self.total} pages"
        if seen >= self.total:
            return f"{bar}, {seen / max(now - self.started, 1e-9):.1f} pages/s; writing the index…"
        rate = self.rate(now)
        left = f", {duration((self.total - seen) / rate)} left" if rate > 0 else ""
        return f"{bar}, {rate:.1f} pages/s{left}" if rate > 0 else bar

    def done(self) -> None:
        click.echo(err=True)


def duration(seconds: float) -> str:
    """A time left as people say it: 45 s, 12 min, 3 h 05 min."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{int(seconds // 3600)} h {int(seconds % 3600 // 60):02d} min"


def print_report(report: RebuildReport) -> None:
    out = click.echo
    if report.unchanged:
        out(f"index is up to date: {report.seen} pages unchanged, {report.indexed} articles "
            f"({report.elapsed:.1f} s)")
        return
    if report.updated or report.removed:
        out(f"changed:      {report.updated} new or changed pages, {report.removed} removed")
    out(f"pages seen:   {report.seen}")
    out(f"indexed:      {report.indexed}")
    out(f"duplicates:   {len(report.duplicates)}")
    for duplicate in report.duplicates:
        out(f"  {duplicate.path}: {duplicate.reason}")
    out(f"skipped:      {len(report.skipped)}")
    for skipped in report.skipped:
        out(f"  {skipped.path}: {skipped.reason}")
    if report.extracted_by:
        routes = sorted(report.extracted_by.items(), key=lambda item: -item[1])
        out(f"extracted by: {', '.join(f'{route} {count}' for route, count in routes)}")
    rate = report.seen / report.elapsed if report.elapsed else 0
    out(f"elapsed:      {report.elapsed:.1f} s ({rate:.1f} pages/s)")
    out(f"index:        {report.index_dir}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per page per line.")
def inspect(paths: tuple[Path, ...], as_json: bool) -> None:
    """Show what the loader makes of each page under PATHS."""
    from searchapp.ingest.load import find_pages
    from searchapp.ingest.shares import pages_of
    from searchapp.ingest.stages import build_article

    failed = 0
    for path in find_pages(paths):
        for page in pages_of(path):
            try:
                if isinstance(page, PageError):
                    raise page
                article = build_article(page)
            except PageError as error:
                failed += 1
                where = str(path) if isinstance(page, PageError) else page.where
                if as_json:
                    click.echo(json.dumps({"path": where, "error": str(error)}, ensure_ascii=False))
                else:
                    click.secho(f"{where}: skipped: {error}", fg="red", err=True)
                continue
            show_article(article, as_json)
    if failed:
        sys.exit(1)


def show_article(article, as_json: bool) -> None:
    """Print what the loader made of one page: one JSON line, or labelled lines for people."""
    record = {
        "path": article.path, "id": article.id, "title": article.title, "source": article.source,
        "url": article.url, "date": article.date.isoformat() if article.date else None,
        "author": article.author, "people": list(article.people), "places": list(article.places),
        "header": list(article.header), "captions": list(article.captions), "body": article.body,
        "extracted_by": article.extracted_by,
    }
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    for key in ("path", "id", "title", "source", "url", "date", "author"):
        click.echo(f"{key + ':':9} {record[key] or '-'}")
    extra = {"extracted": article.extracted_by, "dated by": article.date_source,
             "updated": article.updated.isoformat() if article.updated else "",
             "section": article.section, "tags": ", ".join(article.tags), "fetched":
             article.fetched.isoformat() if article.fetched else "", "language": article.language}
    for key, value in extra.items():
        if value:
            click.echo(f"{key + ':':9} {value}")
    click.echo(f"{'people:':9} {', '.join(article.people) or '-'}")
    click.echo(f"{'places:':9} {', '.join(article.places) or '-'}")
    click.echo(f"{'countries:':9} {', '.join(article.countries) or '-'}")
    for line in article.header:
        click.echo(f"{'header:':9} {line}")
    for caption in article.captions:
        click.echo(f"{'caption:':9} {caption}")
    click.echo("body:\n" + "\n\n".join("  " + p for p in article.paragraphs) + "\n")


@cli.command()
@click.argument("query", nargs=-1)
@click.option("--index", "index", type=click.Path(path_type=Path), help=INDEX_HELP)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print {total, hits} as JSON.")
def search(query: tuple[str, ...], index: Path | None, limit: int, sort: str | None, as_json: bool) -> None:
    """Search the index and print the results."""
    from searchapp.service import SearchService

    request = SearchRequest(q=" ".join(query), sort=sort or "", per_page=limit)
    page = SearchService(index_dir(index)).search(request)
    if as_json:
        click.echo(json.dumps({"total": page.total, "hits": [
            {"id": h.id, "title": h.title, "url": h.url, "source": h.source,
             "date": h.date.isoformat() if h.date else None, "people": list(h.people), "places": list(h.places)}
            for h in page.hits]}, ensure_ascii=False))
        return
    if page.notice:
        click.secho(page.notice, fg="yellow", err=True)
    click.echo(f"{page.total} results ({page.elapsed:.3f} s)")
    for number, hit in enumerate(page.hits, 1):
        date = hit.date.strftime("%Y-%m-%d") if hit.date else "date unknown"
        click.echo(f"{number:>3}. {hit.title}\n     {hit.source} · {date} · id {hit.id}")


@cli.command()
@click.option("--index", "index", type=click.Path(path_type=Path), help=INDEX_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def report(index: Path | None, as_json: bool) -> None:
    """Per source: pages indexed, skipped (with reasons), without date or entities, duplicates."""
    from searchapp.service import SearchService

    rows, rebuild = SearchService(index_dir(index)).report()
    if as_json:
        click.echo(json.dumps({"rebuild": {k: rebuild.get(k) for k in ("seen", "indexed", "elapsed", "finished")},
                               "sources": [r.as_json() for r in rows]}, ensure_ascii=False, indent=1))
        return
    if rebuild:
        click.echo(f"Last rebuild {rebuild.get('finished', '?')}: {rebuild.get('seen', 0)} pages seen, "
                   f"{rebuild.get('indexed', 0)} indexed in {rebuild.get('elapsed', 0):.1f} s")
    header = f"{'source':32} {'indexed':>7} {'no date':>7} {'no names':>8} {'copies':>6} {'dupes':>5} {'skipped':>7}"
    click.echo(header)
    for r in rows:
        click.echo(f"{r.source[:32]:32} {r.indexed:7} {r.without_date:7} {r.without_entities:8} "
                   f"{r.republished:6} {r.duplicates:5} {sum(r.skipped.values()):7}")
    total = sum(r.indexed for r in rows)
    dated = total - sum(r.without_date for r in rows)
    click.echo(f"date known for {dated} of {total} articles ({dated / total:.0%})" if total else "index is empty")
    for r in rows:
        for reason, count in r.skipped.most_common():
            click.echo(f"skipped from {r.source}: {count} × {reason}")


@cli.command()
@click.option("--index", "index", type=click.Path(path_type=Path), help=INDEX_HELP)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Server processes sharing the port (default: one per core).")
def serve(index: Path | None, host: str, port: int, threads: int, processes: int | None) -> None:
    """Serve the search site with gunicorn (a production WSGI server), one process per core."""
    from searchapp.config import setting
    from searchapp.server import serve as run
    from searchapp.web import create_app

    folder = index_dir(index)
    processes = processes or os.cpu_count() or 1
    click.echo(f"Serving {setting('BACKEND') or folder} on http://{host}:{port}/ with {processes} process(es) "
               f"of {threads} threads (Ctrl-C to stop)", err=True)
    run(lambda: create_app({"INDEX_DIR": folder}), host, port, threads, processes)


def main() -> None:
    """Entry point of the `searchapp` console script."""
    cli()


if __name__ == "__main__":
    main()
