"""Run the ingest stages over an archive: load -> clean -> meta -> entities, one page at a time."""
from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup

from searchapp.errors import PageError
from searchapp.ingest.clean import clean_html
from searchapp.ingest.dumps import clean_dump
from searchapp.ingest.entities import extract_entities
from searchapp.ingest.load import find_pages, load_page
from searchapp.ingest.meta import Meta, date_from_dateline, date_from_url, read_meta
from searchapp.models import Article, RebuildReport, Skipped

log = logging.getLogger(__name__)
TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|ocid$|cmpid$)")


def build_article(path: Path) -> Article:
    """Turn one saved page into an article, or raise PageError saying why not."""
    page = load_page(path)
    if page.kind == "html":
        soup = BeautifulSoup(page.text, "lxml")
        meta = read_meta(soup)
        body, captions = clean_html(soup)
    else:
        dump = clean_dump(page.text)
        meta = Meta(title=dump.title, source=dump.source)
        body, captions = dump.body, dump.captions
    path_date = date_from_url(path.name)
    date = meta.date or date_from_dateline(body, path_date.year if path_date else None) or path_date
    title = meta.title or path.stem.replace("-", " ").replace("_", " ")
    entities = extract_entities(title, body)
    return Article(
        id=document_id(meta.url, body), path=str(path), title=title, body=body, source=meta.source,
        url=meta.url, date=date, author=meta.author, language=meta.language, captions=captions,
        people=entities.people, places=entities.places, countries=entities.countries,
    )


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
    """Yield each distinct article under the sources; record skips and duplicates in the report."""
    seen_ids: set[str] = set()
    seen_bodies: set[bytes] = set()
    for path in find_pages(sources):
        report.seen += 1
        try:
            article = build_article(path)
        except PageError as error:
            report.skipped.append(Skipped(str(path), str(error)))
        except (RecursionError, MemoryError) as error:
            report.skipped.append(Skipped(str(path), f"page too complex to parse ({type(error).__name__})"))
        except Exception as error:  # noqa: BLE001 - one page must never stop a rebuild
            log.exception("unexpected error reading %s", path)
            report.skipped.append(Skipped(str(path), f"unexpected error: {type(error).__name__}: {error}"))
        else:
            body_key = hashlib.sha1(" ".join(article.body.split()).casefold().encode()).digest()
            if article.id in seen_ids or body_key in seen_bodies:
                report.duplicates.append(str(path))
            else:
                seen_ids.add(article.id)
                seen_bodies.add(body_key)
                yield article
        if on_page:
            on_page(report)
