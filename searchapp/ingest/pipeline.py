"""Run the ingest stages over an archive: load -> clean -> meta -> entities, one page at a time."""
from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from searchapp.errors import PageError
from searchapp.ingest.clean import clean_html
from searchapp.ingest.dates import date_from_dateline, date_from_text, date_from_url
from searchapp.ingest.dumps import clean_dump
from searchapp.ingest.duplicates import NearDuplicates
from searchapp.ingest.entities import extract_entities
from searchapp.ingest.load import find_pages, load_pages
from searchapp.ingest.meta import Meta, read_meta
from searchapp.models import Article, Page, RebuildReport, Skipped

log = logging.getLogger(__name__)
TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|ocid$|cmpid$)")


def build_article(page: Page) -> Article:
    """Turn one loaded page into an article, or raise PageError saying why not."""
    if page.kind == "html":
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
) -> Iterator[Article]:
    """Yield each distinct article under the sources; record skips and duplicates in the report.

    Exact duplicates (same canonical URL or same text) are left out; near-duplicates (the same
    story from another site) are kept, sharing a cluster id so search can show them as one.
    """
    seen_ids: dict[str, str] = {}  # id -> path of the first copy
    seen_bodies: dict[bytes, str] = {}
    near = NearDuplicates()
    for path in find_pages(sources):
        for page in pages_of(path):
            report.seen += 1
            article = attempt(page, path, report)
            if article is not None:
                body_key = hashlib.sha1(" ".join(article.body.split()).casefold().encode()).digest()
                first = seen_ids.get(article.id) or seen_bodies.get(body_key)
                if first:
                    report.duplicates.append(Skipped(article.path, f"same article as {first}", article.source))
                else:
                    seen_ids[article.id] = seen_bodies[body_key] = article.path
                    yield replace(article, cluster=near.cluster(article.id, article.body))
            if on_page:
                on_page(report)


def pages_of(path: Path) -> Iterator[Page | PageError]:
    """The pages of one file; a file that breaks while being read is one more skip."""
    try:
        yield from load_pages(path)
    except Exception as error:  # noqa: BLE001 - one file must never stop a rebuild
        log.exception("unexpected error reading %s", path)
        yield PageError(f"unexpected error: {type(error).__name__}: {error}")


def attempt(page: Page | PageError, path: Path, report: RebuildReport) -> Article | None:
    """Build one article; on failure record the page and the reason, and return None."""
    if isinstance(page, PageError):
        report.skipped.append(Skipped(str(path), str(page)))
        return None
    source = ""
    try:
        return build_article(page)
    except PageError as error:
        reason, source = str(error), error.source
    except (RecursionError, MemoryError) as error:
        reason = f"page too complex to parse ({type(error).__name__})"
    except Exception as error:  # noqa: BLE001 - one page must never stop a rebuild
        log.exception("unexpected error reading %s", page.where)
        reason = f"unexpected error: {type(error).__name__}: {error}"
    report.skipped.append(Skipped(page.where, reason, source))
    return None
