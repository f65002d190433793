"""The Whoosh schema, made from searchapp's own fields (search/schema.py)."""
from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, FieldType, Schema

from searchapp.backends.whoosh.analysis import Analysis
from searchapp.search.analysis import NAME_ANALYZER, TEXT_ANALYZER
from searchapp.search.schema import FIELDS, Field

# The same analysis as the model's, with the fast path for indexing (analysis.py).
ANALYSES = {"text": Analysis(TEXT_ANALYZER), "name": Analysis(NAME_ANALYZER)}


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
