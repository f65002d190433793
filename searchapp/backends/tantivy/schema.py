"""searchapp's fields (search/schema.py) as a tantivy schema, and an article as a tantivy document.

Words are analysed by search/analysis.py and indexed as given: joined by spaces into fields whose
tokenizer only splits on whitespace, so tantivy never analyses. The record every engine stores
(to_document) is kept whole in one stored field; a serial number per document ties it to the
build's table of facet values (table.py).
"""
from __future__ import annotations

import pickle
from datetime import UTC, datetime

import tantivy

from searchapp.search.analysis import words
from searchapp.search.schema import FIELDS, LIST_SEPARATOR, Field

SERIAL = "serial_"  # document -> its row in the build's table
RECORD = "record_"  # the stored record, pickled as Whoosh stores fields
WORDS_TOKENIZER = "whitespace"  # words come analysed: only split them
WHOLE_TOKENIZER = "raw"  # ids and facet values are single terms
INDEXED_KINDS = ("text", "name", "keyword", "id", "date", "number")


def add_field(builder: tantivy.SchemaBuilder, field: Field) -> None:
    """Declare how tantivy indexes one of our fields."""
    if field.kind in ("text", "name"):
        builder.add_text_field(field.name, tokenizer_name=WORDS_TOKENIZER,
                               index_option="position" if field.positions else "freq")
    elif field.kind in ("keyword", "id"):
        builder.add_text_field(field.name, tokenizer_name=WHOLE_TOKENIZER, index_option="basic")
    elif field.kind == "date":
        builder.add_date_field(field.name, indexed=True, fast=True)
    elif field.kind == "number":
        builder.add_integer_field(field.name, indexed=True, fast=True)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for field in FIELDS:
        add_field(builder, field)
    builder.add_unsigned_field(SERIAL, fast=True)
    builder.add_bytes_field(RECORD, stored=True)
    return builder.build()


SCHEMA = build_schema()
FIELD_KINDS = {field.name: field for field in FIELDS if field.kind in INDEXED_KINDS}


def utc(moment: datetime) -> datetime:
    """A moment as naive UTC, as the index holds dates (naive ones are taken to be UTC already)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def document_of(record: dict, serial: int) -> tantivy.Document:
    """The tantivy document of an article's record (search/schema.py's to_document)."""
    document = tantivy.Document()
    for name, field in FIELD_KINDS.items():
        value = record.get(name)
        if value is None or value == "":
            continue
        if field.kind in ("text", "name"):
            document.add_text(name, " ".join(words(field.kind, value, field.language_of(record.get("language", "")))))
        elif field.kind == "keyword":
            for item in value.split(LIST_SEPARATOR):
                if item.strip():
                    document.add_text(name, item.strip())
        elif field.kind == "id":
            document.add_text(name, value)
        elif field.kind == "date":
            document.add_date(name, utc(value))
        else:
            document.add_integer(name, int(value))
    document.add_unsigned(SERIAL, serial)
    document.add_bytes(RECORD, pickle.dumps(stored(record), protocol=pickle.HIGHEST_PROTOCOL))
    return document


def stored(record: dict) -> dict:
    """What is kept of a record: every field with a value."""
    return {name: value for name, value in record.items() if value is not None}


def record_of(document: tantivy.Document) -> dict:
    return pickle.loads(document.get_first(RECORD) or b"")
