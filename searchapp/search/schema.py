"""The document every engine stores for an article: its fields as plain data, and the record.

Kinds: "text" words analysed as text (stemmed), "name" words analysed as names, "keyword" a list
of whole values, "id" one whole value, "date" a moment, "number" an integer, "stored" kept only
to be shown. Facet fields and their searchable twins come from the facet registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from searchapp.models import Article
from searchapp.search.analysis import analysis_of
from searchapp.search.facets import REGISTRY, UNKNOWN_YEAR


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str
    stored: bool = False
    sortable: bool = False
    boost: float = 1.0  # weight of a match in this field at index time
    positions: bool = True  # text kinds: phrases can be matched
    # Analysed in the article's language: text fields always, and the vocabulary (`words`);
    # names are shared by every language and analysed alike.
    by_language: bool = False

    def language_of(self, language: str) -> str:
        """The language this field's words are analysed in, for an article in `language`."""
        return language if self.kind == "text" or self.by_language else ""


LIST_SEPARATOR = ","
ANALYSIS_FIELD = "analysis"
FACET_FIELDS = tuple(Field(spec.field, "keyword" if spec.multi else "id", stored=True) for spec in REGISTRY)
FACET_TEXT_FIELDS = tuple(Field(spec.text_field, "name") for spec in REGISTRY if spec.text_field)
FIELDS = (
    Field("id", "id", stored=True, sortable=True),
    Field("url", "stored"),
    Field("path", "stored"),
    Field("title", "text", stored=True, boost=3.0),
    Field("body", "text", stored=True),
    # Headline, header (standfirst, byline, date line), text and captions as one field: BM25
    # saturates a word's count across the whole article instead of scoring each field apart
    # (measured: +0.07 nDCG@10 on CISI).
    Field("content", "text"),
    Field("header", "stored"),  # searched as part of content only
    Field("captions", "text", stored=True),
    Field("author", "name", stored=True),
    Field("language", "id", stored=True),
    Field("date", "date", stored=True, sortable=True),
    Field("dated", "number", sortable=True),  # 1 when the date is known: sorts undated articles last
    Field("month", "id", stored=True),  # "2018-09": timelines count per month
    Field("date_source", "id", stored=True),
    Field("updated", "stored"),
    Field("fetched", "stored"),
    Field("section", "stored"),
    Field("cluster", "id", stored=True, sortable=True),  # near-duplicates share it; search shows one of each
    Field("flags", "keyword"),  # no-date, no-entities, republished: for the report
    # Title and body unstemmed: the vocabulary and counts for "did you mean" (no positions needed).
    Field("words", "name", positions=False, by_language=True),
    # The analysis the article's words were made with (search/analysis.py analysis_of): the
    # languages of the archive, and which articles a reading of a query may match.
    Field(ANALYSIS_FIELD, "name", positions=False),
    *FACET_FIELDS,
    *FACET_TEXT_FIELDS,
)
SCHEMA_FIELDS = {field.name: field for field in FIELDS}
# The fields whose words are marked with their language's analysis (search/analysis.py).
LANGUAGE_FIELDS = frozenset(field.name for field in FIELDS if field.kind == "text")
# The fields whose matches are marked in snippets and articles.
HIGHLIGHT_FIELDS = ("title", "body", "captions", "content")
# Bump when FIELDS or what goes into them changes: builds of another version are not reused.
SCHEMA_VERSION = "2026-12-07.article-header"


def to_document(article: Article) -> dict:
    """The article as every engine stores it: lists joined with LIST_SEPARATOR (no value holds one)."""
    document = {
        "id": article.id, "url": article.url, "path": article.path, "title": article.title,
        "body": article.body, "captions": "\n".join(article.captions), "author": article.author,
        "header": "\n".join(article.header),
        "content": "\n".join([article.title, *article.header, article.body, *article.captions]),
        "language": article.language, ANALYSIS_FIELD: analysis_of(article.language), "dated": 1 if article.date else 0,
        "month": article.date.strftime("%Y-%m") if article.date else UNKNOWN_YEAR,
        "date_source": article.date_source or UNKNOWN_YEAR, "updated": article.updated,
        "fetched": article.fetched, "section": article.section,
        "cluster": article.cluster or article.id,
        "words": f"{article.title}\n{article.body}",
        "flags": ",".join(flag for flag, on in (
            ("no-date", not article.date), ("no-entities", not article.people and not article.places),
            ("republished", bool(article.cluster) and article.cluster != article.id)) if on),
    }
    for spec in REGISTRY:
        values = spec.values(article)
        stored = LIST_SEPARATOR.join(safe(v) for v in values) or spec.missing
        if stored:  # an article without a value has no field, rather than an empty value
            document[spec.field] = stored
        if spec.text_field:
            document[spec.text_field] = "\n".join(values)
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
        header=tuple(line for line in fields.get("header", "").split("\n") if line),
        people=split_list(fields.get("people", "")), places=split_list(fields.get("places", "")),
        countries=split_list(fields.get("countries", "")), organisations=split_list(fields.get("organisations", "")),
        date_source="" if fields.get("date_source") == UNKNOWN_YEAR else fields.get("date_source", ""),
        updated=fields.get("updated"), fetched=fields.get("fetched"), section=fields.get("section", ""),
        tags=split_list(fields.get("tags", "")), cluster=fields.get("cluster", ""),
    )


def split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(LIST_SEPARATOR) if v.strip())


def safe(value: str) -> str:
    """A list value may not contain the separator."""
    return value.replace(LIST_SEPARATOR, " ").strip()
