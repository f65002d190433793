"""The index schema and how an article becomes a document."""
from __future__ import annotations

from datetime import datetime

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StandardAnalyzer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from searchapp.models import Article
from searchapp.search.analysis import Analysis

from whoosh.lang.snowball.english import EnglishStemmer

# Stemmed with Snowball's English stemmer (Porter2) so "talks" finds "talk" (it ranked better
# than Whoosh's Porter stemmer on the relevance collections); accent-folded so "Cavusoglu" finds
# "Çavuşoğlu".
TEXT_ANALYZER = Analysis(RegexTokenizer() | LowercaseFilter() | StopFilter()
                         | StemFilter(stemfn=EnglishStemmer().stem) | CharsetFilter(accent_map))
NAME_ANALYZER = Analysis(StandardAnalyzer(stoplist=None) | CharsetFilter(accent_map))
UNKNOWN_YEAR = "unknown"

# Facet fields keep each value whole (people, places, source, year); the *_text twins make
# the same values searchable word by word with person:, place: and source:.
SCHEMA = Schema(
    id=ID(stored=True, unique=True, sortable=True),
    url=STORED,
    path=STORED,
    title=TEXT(analyzer=TEXT_ANALYZER, stored=True, field_boost=3.0),
    body=TEXT(analyzer=TEXT_ANALYZER, stored=True),
    # Headline, text and captions as one field: BM25 saturates a word's count across the whole
    # article instead of scoring each field apart (measured: +0.07 nDCG@10 on CISI).
    content=TEXT(analyzer=TEXT_ANALYZER),
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
    date_source=ID(stored=True),
    updated=STORED,
    fetched=STORED,
    section=STORED,
    tags=KEYWORD(stored=True, commas=True, scorable=False),
    tags_text=TEXT(analyzer=NAME_ANALYZER),
    cluster=ID(stored=True, sortable=True),  # near-duplicates share it; search shows one of each
    flags=KEYWORD(commas=True, scorable=False),  # no-date, no-entities, republished: for the report
    # Title and body unstemmed: the vocabulary and counts for "did you mean" (no positions needed).
    words=TEXT(analyzer=NAME_ANALYZER, phrase=False),
)

LIST_SEPARATOR = ","
# Bump when SCHEMA or what goes into it changes: builds of another version are not reused.
SCHEMA_VERSION = "2026-11-30.1"


def to_document(article: Article) -> dict:
    """Fields for Whoosh's add_document; list values joined as KEYWORD fields expect."""
    document = {
        "id": article.id, "url": article.url, "path": article.path, "title": article.title,
        "body": article.body, "captions": "\n".join(article.captions), "author": article.author,
        "content": "\n".join([article.title, article.body, *article.captions]),
        "language": article.language, "source": article.source or "unknown",
        "source_text": article.source, "dated": 1 if article.date else 0,
        "year": str(article.date.year) if article.date else UNKNOWN_YEAR,
        "people": LIST_SEPARATOR.join(safe(p) for p in article.people),
        "people_text": "\n".join(article.people),
        "places": LIST_SEPARATOR.join(safe(p) for p in article.places),
        "places_text": "\n".join(article.places),
        "countries": LIST_SEPARATOR.join(safe(c) for c in article.countries),
        "month": article.date.strftime("%Y-%m") if article.date else UNKNOWN_YEAR,
        "date_source": article.date_source or UNKNOWN_YEAR, "updated": article.updated,
        "fetched": article.fetched, "section": article.section,
        "tags": LIST_SEPARATOR.join(safe(t) for t in article.tags), "tags_text": "\n".join(article.tags),
        "cluster": article.cluster or article.id,
        "words": f"{article.title}\n{article.body}",
        "flags": ",".join(flag for flag, on in (
            ("no-date", not article.date), ("no-entities", not article.people and not article.places),
            ("republished", bool(article.cluster) and article.cluster != article.id)) if on),
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
        date_source="" if fields.get("date_source") == UNKNOWN_YEAR else fields.get("date_source", ""),
        updated=fields.get("updated"), fetched=fields.get("fetched"), section=fields.get("section", ""),
        tags=split_list(fields.get("tags", "")), cluster=fields.get("cluster", ""),
    )


def split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(LIST_SEPARATOR) if v.strip())


def safe(value: str) -> str:
    """A list value may not contain the separator."""
    return value.replace(LIST_SEPARATOR, " ").strip()
