"""Read an article's metadata from what the page declares: meta tags, JSON-LD, <time>, URL."""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from dateutil import parser as dateparser

URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?!\d)")
# "ANKARA, Sept 14, 2018 (Harbour Times) -": a dateline at the start of the story.
DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ .'-]{2,40},\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,?\s+(?:19|20)\d{2})?)"
)
DATE_CLASS = re.compile(r"^(?:date|pubdate|published|publish-date|timestamp|article-date|post-date)$", re.I)
# Zone abbreviations news sites print after times, in hours from UTC.
ZONES = {name: hours * 3600 for name, hours in {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}.items()}
TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+")


@dataclass(frozen=True, slots=True)
class Meta:
    title: str = ""
    source: str = ""
    url: str = ""
    date: datetime | None = None
    author: str = ""
    language: str = ""


def read_meta(soup: BeautifulSoup) -> Meta:
    """Collect title, source, canonical URL, date, author and language from a parsed page."""
    tags = meta_tags(soup)
    ld = json_ld(soup)
    url = first(*(web_url(u) for u in (link_href(soup, "canonical"), tags.get("og:url"), text_of(ld.get("url")))))
    source = first(tags.get("og:site_name"), name_of(ld.get("publisher")), tags.get("application-name"))
    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    h1 = soup.find("h1")
    title = first(tags.get("og:title"), text_of(ld.get("headline")), h1.get_text(" ", strip=True) if h1 else "",
                  page_title)
    if not source and page_title:
        parts = TITLE_SEPARATORS.split(page_title)
        source = parts[-1] if len(parts) > 1 else ""
    if not source and url:
        source = urlsplit(url).hostname or ""
        source = source.removeprefix("www.")
    title = strip_site(title, source)
    time = soup.find("time", attrs={"datetime": True})
    date = first_date(
        tags.get("article:published_time"), ld.get("datePublished"), tags.get("date"), tags.get("pubdate"),
        tags.get("publishdate"), tags.get("dc.date"), tags.get("dcterms.created"),
        time.get("datetime") if time else None,
    ) or date_from_url(url) or date_from_element(soup)
    author = first(tags.get("author"), name_of(ld.get("author")), tags.get("article:author"))
    html = soup.find("html")
    language = first(html.get("lang") if html else None, tags.get("content-language"), tags.get("og:locale"))
    return Meta(title=title, source=source, url=url, date=date, author=author,
                language=language.replace("_", "-").split("-")[0].lower())


def meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """Map each meta name/property (lower-cased) to its first content."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("http-equiv") or tag.get("itemprop")
        content = tag.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def json_ld(soup: BeautifulSoup) -> dict:
    """Return the first JSON-LD object that describes an article (or {})."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
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


def link_href(soup: BeautifulSoup, rel: str) -> str:
    link = soup.find("link", rel=lambda value: value and rel in (value if isinstance(value, list) else [value]))
    return (link.get("href") or "").strip() if link else ""


def web_url(value: str) -> str:
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


def parse_date(value: str | None) -> datetime | None:
    """Parse a declared date; None when it cannot be read (never "now")."""
    if not value or not re.search(r"\d{4}", value):
        return None
    try:
        with warnings.catch_warnings():  # an unknown zone name leaves the time naive, as we want
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            parsed = dateparser.parse(value.strip(), default=datetime(1900, 1, 1), tzinfos=ZONES)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.tzinfo is not None:  # the index stores naive UTC times
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed if 1800 < parsed.year < 2200 else None


def first_date(*values: str | None) -> datetime | None:
    return next((d for d in map(parse_date, values) if d), None)


def date_from_element(soup: BeautifulSoup) -> datetime | None:
    """Read the text of an element marked as the date (class "date", "published", ...)."""
    for element in soup.find_all(class_=DATE_CLASS, limit=5):
        date = parse_date(element.get_text(" ", strip=True)[:80])
        if date:
            return date
    return None


def date_from_url(url: str) -> datetime | None:
    """Read /2018/09/17/ or 2018-09-17 from a URL or file name."""
    match = URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = map(int, match.groups())
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def date_from_dateline(body: str, fallback_year: int | None = None) -> datetime | None:
    """Read "MOSCOW, Oct. 2, 2018 (Agency) -"; a dateline without a year needs fallback_year."""
    match = DATELINE.match(body.strip())
    if not match:
        return None
    text = match.group(1).replace("Sept", "Sep")
    if not re.search(r"\d{4}", text):
        if fallback_year is None:
            return None
        text = f"{text} {fallback_year}"
    return parse_date(text)
