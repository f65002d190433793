"""Publication dates: what the page declares first, then htmldate, then the URL or a dateline.

Every date says where it came from; a date that cannot be found stays unknown, never "now".
"""
from __future__ import annotations

import logging
import re
import warnings
from datetime import UTC, datetime

from dateutil import parser as dateparser
from lxml.html import HtmlElement

URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?!\d)")
# "ANKARA, Sept 14, 2018 (Harbour Times) -": a dateline at the start of the story.
DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ .'-]{2,40},\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
    r"(?:,?\s+(?:19|20)\d{2})?)"
)
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_IN_LINE = re.compile(
    rf"\b(?:{MONTH} \d{{1,2}},? (?:19|20)\d{{2}}|\d{{1,2}} {MONTH},? (?:19|20)\d{{2}}"
    r"|(?:19|20)\d{2}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?Z?)?|\d{1,2}/\d{1,2}/(?:19|20)\d{2})",
    re.I,
)
# Zone abbreviations news sites print after times, in hours from UTC.
ZONES = {name: hours * 3600 for name, hours in {
    "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}.items()}
PUBLISHED_TAGS = ("article:published_time", "date", "pubdate", "publishdate", "publish-date", "dc.date",
                  "dcterms.created", "dc.date.issued", "sailthru.date", "parsely-pub-date", "og:published_time")
UPDATED_TAGS = ("article:modified_time", "og:updated_time", "dcterms.modified", "last-modified")


def published_date(root: HtmlElement, tags: dict, ld: dict, url: str) -> tuple[datetime | None, str]:
    """The publication date and where it came from: json-ld, meta, time, htmldate, url, or ""."""
    time = next((t.get("datetime") for t in root.iter("time") if t.get("datetime") is not None), None)
    for source, value in [("json-ld", ld.get("datePublished")), *(("meta", tags.get(t)) for t in PUBLISHED_TAGS),
                          ("time", time)]:
        date = parse_date(value if isinstance(value, str) else None)
        if date:
            return date, source
    date = htmldate_guess(root, url)
    if date:
        return date, "htmldate"
    date = date_from_url(url)
    return (date, "url") if date else (None, "")


def updated_date(tags: dict, ld: dict) -> datetime | None:
    """When the page says it was last changed, kept apart from publication."""
    values = [ld.get("dateModified"), *(tags.get(t) for t in UPDATED_TAGS)]
    return next((d for d in (parse_date(v if isinstance(v, str) else None) for v in values) if d), None)


def htmldate_guess(root: HtmlElement, url: str) -> datetime | None:
    """htmldate's reading of the page (its headers, markup and text), or None; it works on a
    copy of the tree."""
    from htmldate import find_date

    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = find_date(root, original_date=True, extensive_search=True, url=url or None,
                          outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a guess that fails is no date, not a broken page
        return None
    return parse_date(found)


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
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed if 1800 < parsed.year < 2200 else None




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


def date_from_text(text: str, lines: int = 60) -> datetime | None:
    """The first full date written near the top of a text dump, in a short line such as a byline
    ("Chris Davies - Nov 19, 2019, 10:31 pm CST", "11/20/2019 01:14 PM")."""
    for line in text.splitlines()[:lines]:
        if len(line) > 120:
            continue
        match = DATE_IN_LINE.search(line)
        date = parse_date(match.group().replace("@", " ")) if match else None
        if date:
            return date
    return None
