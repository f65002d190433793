"""The Whoosh schema, made from searchapp's own fields (search/schema.py), and documents as
Whoosh takes them."""
from __future__ import annotations

from functools import cache

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema

from searchapp.backends.whoosh.analysis import Analysis
from searchapp.search.analysis import (
    DEFAULT_LANGUAGE,
    NAME_ANALYZER,
    TEXT_ANALYZER,
    analysis_of,
    name_analyzer,
    text_analyzer,
)
from searchapp.search.schema import FIELDS, Field

# The same analysis as the model's, with the fast path for indexing (analysis.py). The schema's
# fields analyse English; the writer gives Whoosh the words of other languages (whoosh_document).
ANALYSES = {"text": Analysis(TEXT_ANALYZER), "name": Analysis(NAME_ANALYZER)}
BY_LANGUAGE = tuple(field for field in FIELDS if field.kind == "text" or field.by_language)


def field_type(field: Field) -> FieldType:
    """How Whoosh stores one of our fields."""
    if field.kind in ANALYSES:
        return TEXT(analyzer=ANALYSES[field.kind], stored=field.stored, phrase=field.positions,
                    field_boost=field.boost)
    if field.kind == "keyword":
        return KEYWORD(stored=field.stored, commas=True, scorable=False)
    if field.kind == "id":
        return ID(stored=field.stored, unique=field.name == "id", sortable=field.sortable)
    if field.kind == "date":
        return DATETIME(stored=field.stored, sortable=field.sortable)
    if field.kind == "number":
        return NUMERIC(stored=field.stored, sortable=field.sortable)
    return STORED()


SCHEMA = Schema(**{field.name: field_type(field) for field in FIELDS})


@cache
def analysis_in(kind: str, analysis: str) -> Analysis:
    """The fast analysis of a field kind in an analysis's language."""
    if analysis == DEFAULT_LANGUAGE:
        return ANALYSES[kind]
    return Analysis(text_analyzer(analysis) if kind == "text" else name_analyzer(analysis))


def whoosh_document(document: dict) -> dict:
    """An article's record (search/schema.py to_document) as Whoosh's add_document takes it: the
    fields read in the article's language, when it is not English, as the words of its analysis
    (Whoosh indexes a list of words as they are), the text kept to be stored."""
    analysis = analysis_of(document.get("language", ""))
    if analysis == DEFAULT_LANGUAGE:
        return document
    document = dict(document)
    for field in BY_LANGUAGE:
        value = document.get(field.name)
        if isinstance(value, str):
            if field.stored:
                document[f"_stored_{field.name}"] = value
            document[field.name] = analysis_in(field.kind, analysis).words(value)
    return document
