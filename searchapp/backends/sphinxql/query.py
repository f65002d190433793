"""Our parsed queries in SphinxQL: the MATCH() text and the attribute filters.

searchd never analyses text itself: documents arrive as the tokens our own analyzers make
(stemmed, folded), and queries are parsed by our own parser, so both backends match the same
words. Tokens are spelled in searchd's alphabet (a-z, 0-9, _): plain ones as they are, others
as "_" and their UTF-8 in hex, long ones as a hash (searchd cuts words after 42 bytes).
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime

from whoosh import query as wq
from whoosh.util.times import long_to_datetime

from searchapp.errors import QueryError
from searchapp.search.schema import SCHEMA
from searchapp.backends.sphinxql.layout import FIELDS, key

PLAIN = re.compile(r"[a-z0-9]+")
MAX_TOKEN = 40
NOTHING = "id = 0"  # a filter no document passes


def encode(token: str) -> str:
    if PLAIN.fullmatch(token) and len(token) <= MAX_TOKEN:
        return token
    spelled = "_" + token.encode("utf-8").hex()
    if len(spelled) <= MAX_TOKEN:
        return spelled
    return "_" + hashlib.blake2b(token.encode("utf-8"), digest_size=19).hexdigest()


def analyzed(field: str, text: str) -> str:
    """A field's text as the tokens its Whoosh analyzer makes, in searchd's alphabet."""
    return " ".join(encode(token.text) for token in SCHEMA[field].analyzer(text))


def literal(text: str) -> str:
    """A SphinxQL string literal (searchd takes no NUL in one)."""
    text = text.replace("\x00", "").replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def epoch(moment: datetime) -> int:
    """Seconds since 1970 of a naive (UTC) date; before 1970 is negative."""
    return int((moment - datetime(1970, 1, 1)).total_seconds())


def translate(query: wq.Query) -> tuple[str, list[str]]:
    """(MATCH text, filters) for a parsed query; QueryError for what searchd cannot do."""
    if query is wq.NullQuery or isinstance(query, wq.NullQuery.__class__):
        return "", [NOTHING]
    texts, filters, excluded = [], [], []
    collect(query, texts, filters, excluded)
    if excluded and not texts:
        raise QueryError("A search needs at least one word that must be found, besides the excluded ones.")
    return " ".join(texts + [f"-{group(text)}" for text in excluded]), filters


def collect(query: wq.Query, texts: list[str], filters: list[str], excluded: list[str]) -> None:
    """Split the conjuncts of a query into words to match, attribute filters and exclusions."""
    if isinstance(query, wq.And):
        for part in query.subqueries:
            collect(part, texts, filters, excluded)
    elif isinstance(query, wq.AndMaybe):  # the optional side only ranks (see text_of)
        collect(query.a, texts, filters, excluded)
    elif isinstance(query, (wq.AndNot, wq.Not)):
        left_out = query.b if isinstance(query, wq.AndNot) else query.query
        if isinstance(query, wq.AndNot):
            collect(query.a, texts, filters, excluded)
        found = attribute_filter(left_out, negated=True)
        if found is not None:
            filters.append(found)
        else:
            excluded.append(text_of(left_out))
    elif not isinstance(query, wq.Every):
        found = attribute_filter(query)
        if found is not None:
            filters.append(found)
        else:
            texts.append(text_of(query))


def attribute_filter(query: wq.Query, negated: bool = False) -> str | None:
    """Dates, years and languages are attributes in searchd, filtered rather than matched."""
    field = query.field() if hasattr(query, "field") else None
    if negated and isinstance(query, wq.Term) and field in ("year", "language"):
        return attribute_filter(query).replace(" = ", " <> ")
    if negated and attribute_filter(query) is not None:
        raise QueryError("A date range can narrow a search but not be excluded: give the range you want instead.")
    if isinstance(query, wq.NumericRange) and field == "date":
        low = epoch(long_to_datetime(query.start)) if query.start is not None else None
        high = epoch(long_to_datetime(query.end)) if query.end is not None else None
        bounds = ["dated = 1"] + ([f"moment >= {low}"] if low is not None else []) + \
                 ([f"moment <= {high}"] if high is not None else [])
        return " AND ".join(bounds)
    if isinstance(query, wq.Term) and field == "year":
        return f"year = {int(query.text)}" if str(query.text).isdigit() else "year = 0"
    if isinstance(query, wq.Term) and field == "language":
        return f"language = {key(query.text)}"
    return None


def text_of(query: wq.Query) -> str:
    """The extended-syntax text of a query that matches words."""
    if isinstance(query, wq.And):
        return "(" + " ".join(text_of(q) for q in query.subqueries) + ")"
    if isinstance(query, wq.Or):
        return or_text(query.subqueries)
    if isinstance(query, wq.AndNot):
        return f"({text_of(query.a)} -{group(text_of(query.b))})"
    if isinstance(query, wq.AndMaybe):  # searchd 2.2's MAYBE acts as AND: the optional side only ranks
        return text_of(query.a)
    if isinstance(query, wq.Not):
        return f"-{group(text_of(query.query))}"
    if isinstance(query, wq.Phrase):
        words = " ".join(encode(w) for w in query.words)
        near = f"~{query.slop}" if query.slop > 1 else ""
        return f'@{field_of(query)} "{words}"{near}'
    if isinstance(query, wq.FuzzyTerm):
        raise QueryError(f'"{query.text}~": searching similar spellings is only available on the embedded '
                         "index; spell the word out.")
    if isinstance(query, (wq.Prefix, wq.Wildcard)):
        pattern = query.text + ("*" if isinstance(query, wq.Prefix) else "")
        if not re.fullmatch(r"[a-z0-9*?]+", pattern):
            raise QueryError(f'"{pattern}": wildcards work on plain letters and digits here.')
        return f"@{field_of(query)} {pattern}"
    if isinstance(query, wq.Term):
        return f"@{field_of(query)} {encode(query.text)}"
    if attribute_filter(query) is not None:
        raise QueryError("Dates, years and languages can only narrow a search (joined with AND), not be "
                         "one of several alternatives.")
    raise QueryError(f"This search uses a kind of query ({type(query).__name__}) the search cluster cannot run.")


def or_text(queries) -> str:
    """Alternatives; the same word in several fields (as the parser expands a bare word) is
    written once with a field set."""
    fields: dict[tuple, list[str]] = {}
    others = []
    for query in queries:
        if type(query) in (wq.Term, wq.Prefix) and query.field() in FIELDS:
            text = text_of(query).split(" ", 1)[1]
            fields.setdefault((text,), []).append(query.field())
        else:
            others.append(text_of(query))
    written = [f"@({','.join(dict.fromkeys(names))}) {text}" for (text,), names in fields.items()] + others
    return written[0] if len(written) == 1 else "(" + " | ".join(written) + ")"


def group(text: str) -> str:
    return text if text.startswith("(") else f"({text})"


def field_of(query) -> str:
    field = query.field()
    if field not in FIELDS:
        raise QueryError(f'Searching the field "{field}" is only available on the embedded index.')
    return field
