"""Read an article's metadata from what the page declares: meta tags, JSON-LD, <time>, URL."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from searchapp.ingest.dates import published_date, updated_date
from searchapp.ingest.html import first as first_element
from searchapp.ingest.html import strings
from searchapp.ingest.html import text_of as element_text
from searchapp.text import squash

TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+")
# What ends a headline in a declared title ("Headline | Section | Site", "Headline · Site").
AFTER_HEADLINE = re.compile(r"\s+[|–—·»-]\s+")


@dataclass(frozen=True, slots=True)
class Meta:
    title: str = ""
    source: str = ""
    url: str = ""
    date: datetime | None = None
    date_source: str = ""  # json-ld, meta, time, htmldate, url, dateline, file name; "" if unknown
    updated: datetime | None = None
    author: str = ""
    language: str = ""
    section: str = ""
    tags: tuple[str, ...] = field(default=())


def read_meta(root: HtmlElement) -> Meta:
    """Collect what a parsed page declares about itself."""
    tags = meta_tags(root)
    ld = json_ld(root)
    url = first(*(web_url(u) for u in (link_href(root, "canonical"), tags.get("og:url"), text_of(ld.get("url")))))
    source = first(tags.get("og:site_name"), name_of(ld.get("publisher")), tags.get("application-name"))
    title_element, h1 = first_element(root, "title"), first_element(root, "h1")
    page_title = element_text(title_element) if title_element is not None else ""
    declared = [tags.get("og:title") or "", text_of(ld.get("headline")), page_title]
    title = first(shown_headline(root, declared), *declared[:2], element_text(h1) if h1 is not None else "",
                  page_title)
    if not source and page_title:
        parts = TITLE_SEPARATORS.split(page_title)
        source = parts[-1] if len(parts) > 1 else ""
    if not source and url:
        source = urlsplit(url).hostname or ""
        source = source.removeprefix("www.")
    title = strip_site(title, source)
    date, date_source = published_date(root, tags, ld, url)
    author = first(tags.get("author"), name_of(ld.get("author")), tags.get("article:author"))
    language = first(root.get("lang"), tags.get("content-language"), tags.get("og:locale"))
    return Meta(title=title, source=source, url=url, date=date, date_source=date_source,
                updated=updated_date(tags, ld), author=author,
                language=language.replace("_", "-").split("-")[0].lower(),
                section=first(tags.get("article:section"), text_of(ld.get("articleSection"))),
                tags=page_tags(root, tags, ld))


def shown_headline(root: HtmlElement, declared: list[str]) -> str:
    """The headline as the page shows it: the first heading that is the longest part of a title
    the page declares ("Headline | Section | Site", "Site » Headline"). The first <h1> of older
    pages is often the site's logo or a blog's name, and declared titles carry section and site names."""
    wanted = {squash(max(AFTER_HEADLINE.split(title), key=lambda part: len(part.split())))
              for title in declared if title} - {""}
    if not wanted:
        return ""
    for heading in root.iter("h1", "h2", "h3"):
        text = " ".join("".join(strings(heading)).split())
        if text and squash(text) in wanted:
            return text
    return ""


def page_tags(root: HtmlElement, tags: dict[str, str], ld: dict) -> tuple[str, ...]:
    """The page's own keywords: news_keywords, every article:tag, JSON-LD keywords."""
    found = [t.get("content") or "" for t in root.iter("meta") if t.get("property") == "article:tag"]
    found += (tags.get("news_keywords") or "").split(",")
    keywords = ld.get("keywords")
    found += keywords if isinstance(keywords, list) else str(keywords or "").split(",")
    if not any(t.strip() for t in found):
        found = (tags.get("keywords") or "").split(",")
    cleaned = (" ".join(str(t).split()).strip(" ;") for t in found)
    return tuple(dict.fromkeys(t for t in cleaned if 1 < len(t) <= 60))[:20]


def meta_tags(root: HtmlElement) -> dict[str, str]:
    """Map each meta name/property (lower-cased) to its first content."""
    found: dict[str, str] = {}
    for tag in root.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("http-equiv") or tag.get("itemprop") or ""
        content = tag.get("content") or ""
        if key and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def json_ld(root: HtmlElement) -> dict:
    """Return the first JSON-LD object that describes an article (or {})."""
    for script in root.iter("script"):
        if script.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in flatten(data):
            kind = item.get("@type", "")
            kinds = kind if isinstance(kind, list) else [kind]
            if any("Article" in str(k) or k == "WebPage" for k in kinds):
                return item
    return {}


def flatten(data) -> list[dict]:
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items:
        if isinstance(item, dict):
            found.append(item)
            found.extend(flatten(item.get("@graph", [])))
    return found


def link_href(root: HtmlElement, rel: str) -> str:
    link = next((e for e in root.iter("link") if rel in (e.get("rel") or "").split()), None)
    return (link.get("href") or "").strip() if link is not None else ""


def web_url(value: str | None) -> str:
    """The value if it is an absolute http(s) URL; "javascript:" and relative links are dropped."""
    value = (value or "").strip()
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.hostname else ""


def name_of(value) -> str:
    """Read a name from a JSON-LD person/organisation, a list of them, or a string."""
    if isinstance(value, list):
        return ", ".join(filter(None, (name_of(v) for v in value)))
    if isinstance(value, dict):
        return text_of(value.get("name"))
    return text_of(value)


def text_of(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def first(*values) -> str:
    return next((v.strip() for v in values if isinstance(v, str) and v.strip()), "")


def strip_site(title: str, source: str) -> str:
    """Remove a " | Site" or " - Site" suffix from a title."""
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and source and parts[-1].strip().lower() == source.lower():
        return title[: title.rfind(parts[-1])].rstrip(" |–—-")
    return title


