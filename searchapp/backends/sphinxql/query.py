"""searchapp's query tree in SphinxQL: the MATCH() text and the attribute filters.

searchd never analyses text itself: documents arrive as the words our analysis makes
(search/analysis.py), and the tree's words are already analysed, so every engine matches the same
words. Tokens are spelled in searchd's alphabet (a-z, 0-9, _): plain ones as they are, others
as "_" and their UTF-8 in hex, long ones as a hash (searchd cuts words after 42 bytes). A word
marked with its language's analysis ("!fr:negoci", search/analysis.py) is "_", the analysis, "_"
and the word spelled so ("_fr_negoci"), so that searchd completes French prefixes itself too,
and no English prefix (plain letters) reaches it.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime

from searchapp.backends.sphinxql.layout import LABELLED, NUMERIC, TEXT_FIELDS, key
from searchapp.errors import QueryError
from searchapp.search import query as q
from searchapp.search.analysis import DEFAULT_LANGUAGE, unmarked, words
from searchapp.search.schema import SCHEMA_FIELDS
from searchapp.text import fold

PLAIN = re.compile(r"[a-z0-9]+")
MAX_TOKEN = 40
NOTHING = "id = 0"  # a filter no document passes
# Fields that are attributes in searchd: a word of theirs is a filter, not a match.
FILTERED = ("language", "flags", *LABELLED, *NUMERIC)
Expand = Callable[[q.Leaf], list[str]]  # the indexed words a Wildcard, Fuzzy or TermRange stands for


def encode(token: str) -> str:
    """A word in searchd's alphabet; no two words are spelled alike."""
    analysis, word = unmarked(token)
    if analysis == DEFAULT_LANGUAGE:
        return spelled(token, MAX_TOKEN)
    # Analyses are letters without "_": the second "_" ends them, and no other spelling has one
    # after its first character.
    return f"_{analysis}_{spelled(word, MAX_TOKEN - len(analysis) - 2)}"


def spelled(token: str, room: int) -> str:
    if PLAIN.fullmatch(token) and len(token) <= room:
        return token
    hexadecimal = "_" + token.encode("utf-8").hex()
    if len(hexadecimal) <= room:
        return hexadecimal
    return "_" + hashlib.blake2b(token.encode("utf-8"), digest_size=(room - 1) // 2).hexdigest()


def analyzed(field: str, text: str) -> str:
    """A field's text as the words its analysis makes, in searchd's alphabet."""
    return " ".join(encode(word) for word in words(SCHEMA_FIELDS[field].kind, text))


def literal(text: str) -> str:
    """A SphinxQL string literal (searchd takes no NUL in one)."""
    text = text.replace("\x00", "").replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def epoch(moment: datetime) -> int:
    """Seconds since 1970 of a naive (UTC) date; before 1970 is negative."""
    offset = moment.utcoffset()
    if offset is not None:
        moment = moment.replace(tzinfo=None) - offset
    return int((moment - datetime(1970, 1, 1)).total_seconds())


def value_key(field: str, value: str) -> int:
    """How an attribute holds a value: years as numbers (0: unknown), other values hashed folded."""
    if field in NUMERIC:
        return int(value) if value.isdigit() else 0
    if field == "language":
        return key(value)
    return key(fold(value))


class Translation:
    """One tree's translation; `expand` lists the words of the leaves searchd cannot match itself."""

    def __init__(self, expand: Expand | None = None) -> None:
        self.expand = expand

    def translate(self, query: q.Query) -> tuple[str, list[str]]:
        texts: list[str] = []
        filters: list[str] = []
        excluded: list[str] = []
        self.collect(query, texts, filters, excluded)
        if excluded and not texts:
            raise QueryError("A search needs at least one word that must be found, besides the excluded ones.")
        return " ".join(texts + [f"-{group(text)}" for text in excluded]), filters

    def collect(self, query: q.Query, texts: list[str], filters: list[str], excluded: list[str]) -> None:
        """Split the conjuncts of a query into words to match, attribute filters and exclusions."""
        if isinstance(query, q.And):
            for part in query.parts:
                self.collect(part, texts, filters, excluded)
        elif isinstance(query, q.AndMaybe):  # the optional side only ranks (see text_of)
            self.collect(query.required, texts, filters, excluded)
        elif isinstance(query, (q.AndNot, q.Not)):
            if isinstance(query, q.AndNot):
                self.collect(query.positive, texts, filters, excluded)
            left_out = query.negative if isinstance(query, q.AndNot) else query.part
            found = attribute_filter(left_out, negated=True)
            if found is not None:
                filters.append(found)
            else:
                excluded.append(self.text_of(left_out))
        elif isinstance(query, q.Nothing):
            filters.append(NOTHING)
        elif not isinstance(query, q.Every):
            found = attribute_filter(query)
            if found is not None:
                filters.append(found)
            else:
                texts.append(self.text_of(query))

    def text_of(self, query: q.Query) -> str:
        """The extended-syntax text of a query that matches words."""
        if isinstance(query, q.And):
            return "(" + " ".join(self.text_of(part) for part in query.parts) + ")"
        if isinstance(query, q.Or):
            return self.or_text(query.parts)
        if isinstance(query, q.AndNot):
            return f"({self.text_of(query.positive)} -{group(self.text_of(query.negative))})"
        if isinstance(query, q.AndMaybe):  # searchd 2.2's MAYBE acts as AND: the optional side only ranks
            return self.text_of(query.required)
        if isinstance(query, q.Not):
            return f"-{group(self.text_of(query.part))}"
        if isinstance(query, (q.Every, q.Nothing)):
            raise QueryError("Everything (*) or nothing can only be combined with words by AND here.")
        if attribute_filter(query) is not None:
            raise QueryError("Dates, years, languages and facet values can only narrow a search (joined with "
                             "AND), not be one of several alternatives.")
        if isinstance(query, q.Phrase):
            near = f"~{query.slop}" if query.slop > 1 else ""
            return f'@{field_of(query)} "{" ".join(encode(w) for w in query.words)}"{near}'
        if isinstance(query, q.Prefix):
            if PLAIN.fullmatch(unmarked(query.text)[1]):
                return f"@{field_of(query)} {encode(query.text)}*"
            if self.expand is None:
                raise QueryError(f'"{query.text}*": the search cluster completes words of plain letters and '
                                 "digits only; spell the word out.")
            return self.expanded(query)  # searchd cannot complete a word spelled in hex: the vocabulary can
        if isinstance(query, (q.Wildcard, q.Fuzzy, q.TermRange)):
            return self.expanded(query)
        if isinstance(query, q.Term):
            return f"@{field_of(query)} {encode(query.text)}"
        raise QueryError(f"This search uses a kind of query ({type(query).__name__}) the search cluster cannot run.")

    def expanded(self, leaf: q.Leaf) -> str:
        """A Wildcard, Fuzzy or TermRange as the indexed words it stands for."""
        field = field_of(leaf)
        if self.expand is None:
            raise QueryError(f"This search uses a kind of query ({type(leaf).__name__}) that needs the "
                             "vocabulary of the search cluster.")
        found = self.expand(leaf)
        if not found:
            return f"@{field} {NO_WORD}"
        return f"@{field} " + group(" | ".join(encode(w) for w in found))

    def or_text(self, queries) -> str:
        """Alternatives; the same word in several fields (as the parser writes a bare word) is
        written once with a field set."""
        fields: dict[str, list[str]] = {}
        others = []
        for query in queries:
            if isinstance(query, q.Nothing):
                continue
            if type(query) in (q.Term, q.Prefix) and query.field in TEXT_FIELDS:
                text = self.text_of(query).split(" ", 1)[1]
                fields.setdefault(text, []).append(query.field)
            else:
                others.append(self.text_of(query))
        written = [f"@{fields_of(names)} {text}" for text, names in fields.items()] + others
        if not written:
            return NO_WORD
        return written[0] if len(written) == 1 else "(" + " | ".join(written) + ")"


# A token no document holds: spelled tokens are "_" and an even number of hex digits.
NO_WORD = "_0"


def translate(query: q.Query, expand: Expand | None = None) -> tuple[str, list[str]]:
    """(MATCH text, filters) for a query tree; QueryError for what searchd cannot do."""
    if isinstance(query, q.Nothing):
        return "", [NOTHING]
    return Translation(expand).translate(query)


def attribute_filter(query: q.Query, negated: bool = False) -> str | None:
    """Dates, facet values and languages are attributes in searchd, filtered rather than matched."""
    if isinstance(query, q.Term) and query.field in FILTERED:
        value = value_key(query.field, query.text)
        return f"{query.field} NOT IN ({value})" if negated else f"{query.field} = {value}"
    if isinstance(query, q.Or) and one_attribute(query.parts):
        # Any of several values of one attribute (the service names a joined group's values so).
        field = query.parts[0].field  # type: ignore[union-attr]
        values = ",".join(str(v) for v in dict.fromkeys(value_key(field, t.text) for t in query.parts))  # type: ignore[union-attr]
        return f"{field} {'NOT IN' if negated else 'IN'} ({values})"
    if isinstance(query, q.DateRange):
        if negated:
            raise QueryError("A date range can narrow a search but not be excluded: give the range you want instead.")
        bounds = ["dated = 1"] + ([f"moment >= {epoch(query.start)}"] if query.start else []) + \
                 ([f"moment <= {epoch(query.end)}"] if query.end else [])
        return " AND ".join(bounds)
    return None


def one_attribute(parts: tuple[q.Query, ...]) -> bool:
    """Whether parts are values of one attribute."""
    fields = {p.field if isinstance(p, q.Term) else None for p in parts}
    return len(fields) == 1 and fields <= set(FILTERED)


def fields_of(names: list[str]) -> str:
    """searchd's field limit: "title" or "(content,title)"."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else f"({','.join(names)})"


def group(text: str) -> str:
    return text if text.startswith("(") else f"({text})"


def field_of(query: q.Leaf) -> str:
    if query.field not in TEXT_FIELDS:
        raise QueryError(f'Searching the field "{query.field}" word by word is not available on the search '
                         f"cluster; its searchable fields are {', '.join(TEXT_FIELDS)}.")
    return query.field
