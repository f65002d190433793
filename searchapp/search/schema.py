"""The index schema and how an article becomes a document."""
from __future__ import annotations

from datetime import datetime

from whoosh.analysis import CharsetFilter, StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from searchapp.models import Article

# Accent-folded so "Cavusoglu" finds "Çavuşoğlu"; stemmed so "talks" finds "talk".
TEXT_ANALYZER = StemmingAnalyzer() | CharsetFilter(accent_map)
NAME_ANALYZER = StandardAnalyzer(stoplist=None) | CharsetFilter(accent_map)
UNKNOWN_YEAR = "unknown"

# Facet fields keep each value whole (people, places, source, year); the *_text twins make
# the same values searchable word by word with person:, place: and source:.
SCHEMA = Schema(
    id=ID(stored=True, unique=True),
    url=STORED,
    path=STORED,
    title=TEXT(analyzer=TEXT_ANALYZER, stored=True, field_boost=3.0),
    body=TEXT(analyzer=TEXT_ANALYZER, stored=True),
    captions=TEXT(analyzer=TEXT_ANALYZER, stored=True),
    author=TEXT(analyzer=NAME_ANALYZER, stored=True),
    language=ID(stored=True),
    source=ID(stored=True),
    source_text=TEXT(analyzer=NAME_ANALYZER),
    date=DATETIME(stored=True, sortable=True),
    dated=NUMERIC(sortable=True),  # 1 when the date is known: sorts undated articles last
    year=ID(stored=True),
    people=KEYWORD(stored=True, commas=True, scorable=False),
    people_text=TEXT(analyzer=NAME_ANALYZER),
    places=KEYWORD(stored=True, commas=True, scorable=False),
    places_text=TEXT(analyzer=NAME_ANALYZER),
    countries=KEYWORD(stored=True, commas=True, scorable=False),
    month=ID(stored=True),  # "2018-09": timelines count per month
)

LIST_SEPARATOR = ","


def to_document(article: Article) -> dict:
    """Fields for Whoosh's add_document; list values joined as KEYWORD fields expect."""
    document = {
        "id": article.id, "url": article.url, "path": article.path, "title": article.title,
        "body": article.body, "captions": "\n".join(article.captions), "author": article.author,
        "language": article.language, "source": article.source or "unknown",
        "source_text": article.source, "dated": 1 if article.date else 0,
        "year": str(article.date.year) if article.date else UNKNOWN_YEAR,
        "people": LIST_SEPARATOR.join(safe(p) for p in article.people),
        "people_text": "\n".join(article.people),
        "places": LIST_SEPARATOR.join(safe(p) for p in article.places),
        "places_text": "\n".join(article.places),
        "countries": LIST_SEPARATOR.join(safe(c) for c in article.countries),
        "month": article.date.strftime("%Y-%m") if article.date else UNKNOWN_YEAR,
    }
    if article.date:
        document["date"] = article.date
    return document


def from_fields(fields: dict) -> Article:
    """Rebuild an Article from a document's stored fields."""
    date = fields.get("date")
    return Article(
        id=fields["id"], path=fields.get("path", ""), title=fields.get("title", ""),
        body=fields.get("body", ""), source=fields.get("source", ""), url=fields.get("url", ""),
        date=date if isinstance(date, datetime) else None, author=fields.get("author", ""),
        language=fields.get("language", ""),
        captions=tuple(c for c in fields.get("captions", "").split("\n") if c),
        people=split_list(fields.get("people", "")), places=split_list(fields.get("places", "")),
        countries=split_list(fields.get("countries", "")),
    )


def split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(LIST_SEPARATOR) if v.strip())


def safe(value: str) -> str:
    """A list value may not contain the separator."""
    return value.replace(LIST_SEPARATOR, " ").strip()
