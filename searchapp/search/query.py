"""Read a user's query with Whoosh's parser; when it is malformed, say so and use its plain words."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from whoosh import query as wq
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin

from searchapp.errors import QueryError
from searchapp.ingest.gazetteer import lookup
from searchapp.models import MAX_QUERY
from searchapp.search.schema import SCHEMA, TEXT_ANALYZER

# Words are scored in the whole article (content) and again in the headline, so that headline
# matches rank higher (weights measured with bench/relevance.py).
DEFAULT_FIELDS = ["content", "title"]
FIELD_WEIGHTS = {"content": 1.0, "title": 0.3}
# What users type -> the field it searches.
ALIASES = {
    "people_text": ["person", "people"],
    "places_text": ["place", "places"],
    "source_text": ["source", "site"],
    "tags_text": ["tag", "tags"],
}
KNOWN_FIELDS = {"title", "body", "captions", "author", "date", "year", "language"} | {
    alias for names in ALIASES.values() for alias in names}
FIELD_PREFIX = re.compile(r"(?<![\w\"])([A-Za-z_]+):")
PLACE_VALUE = re.compile(r'\b((?:place|places):)("[^"]+"|[^\s()"]+)', re.I)
DATE_VALUE = re.compile(r"\bdate:(?:\[[^\]]*\]|\S+)", re.I)
ISO_DATE = re.compile(r"\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
# Bounds on what one search may cost (measured on 100,000 articles: 150 words take about 1 s;
# "s*" stood for 30,000 words and took 76 s before it was bounded).
MAX_WORDS = 150  # a pasted paragraph fits
MAX_EXPANSIONS = 1024  # words a wildcard or fuzzy term may stand for (Lucene's clause limit)
LEADING_WILDCARD = re.compile(r'(?:^|(?<=[\s(+\-:]))[*?]\S*')


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    query: wq.Query
    notice: str = ""  # why the query was read differently from how it was typed
    understood_as: str = ""  # the words actually searched, when they differ


def make_parser() -> MultifieldParser:
    parser = MultifieldParser(DEFAULT_FIELDS, SCHEMA, fieldboosts=FIELD_WEIGHTS)
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    parser.add_plugin(PlusMinusPlugin())
    parser.add_plugin(FuzzyTermPlugin())
    return parser


PARSER = make_parser()


def parse_query(text: str) -> ParsedQuery:
    """Parse a query; empty text matches every article."""
    text = text.strip()
    if not text or text == "*":
        return ParsedQuery(wq.Every())
    check_cost(text)
    text = compact_dates(canonical_places(text))
    problem = find_problem(text)
    if not problem:
        try:
            parsed = PARSER.parse(text)
        except Exception:  # noqa: BLE001 - the parser's failures must never reach the user
            problem = "the query could not be read"
        else:
            if parsed is wq.NullQuery:
                problem = "the query has no searchable words"
            elif not dates_readable(parsed):
                problem = "a date could not be read (write date:2018, date:2018-09 or date:2018-09-17)"
            else:
                return ParsedQuery(weigh_repeated_words(parsed, text))
    words = plain_words(text)
    if not words:
        return ParsedQuery(wq.NullQuery, notice=f"{problem[0].upper()}{problem[1:]}.")
    return ParsedQuery(
        PARSER.parse(" ".join(words)),
        notice=f"{problem[0].upper()}{problem[1:]}, so it was searched as plain words.",
        understood_as=" ".join(words),
    )


def check_cost(text: str) -> None:
    """Refuse, with the reason, a query too long or that would try every word of the archive."""
    if len(text) > MAX_QUERY:
        raise QueryError(f"Searches are limited to {MAX_QUERY:,} characters; this one has {len(text):,}.")
    words = len({token.text for token in TEXT_ANALYZER(" ".join(plain_words(text)))})  # "the", "of"... aside
    if words > MAX_WORDS:
        raise QueryError(f"This search has {words} different words to look for; at most {MAX_WORDS} can be "
                         "searched at once.")
    leading = LEADING_WILDCARD.search(re.sub(r'"[^"]*"', " ", text))
    if leading:
        raise QueryError(f'"{leading.group()}" starts with a wildcard, which would try every word in the '
                         "archive: put at least one letter before * or ?.")


def check_breadth(query: wq.Query, reader) -> None:
    """Refuse a wildcard or fuzzy word that stands for more than MAX_EXPANSIONS words."""
    for leaf in query.leaves():
        if isinstance(leaf, wq.MultiTerm) and leaf.field() in reader.schema:
            if next(islice(leaf._btexts(reader), MAX_EXPANSIONS, None), None) is not None:
                if isinstance(leaf, wq.TermRange):  # "{a TO ]" and the like
                    raise QueryError(f'The range "{leaf.start or ""} TO {leaf.end or ""}" takes in more than '
                                     f"{MAX_EXPANSIONS:,} different words of the archive: narrow it.")
                written = {wq.Prefix: f"{leaf.text}*", wq.FuzzyTerm: f"{leaf.text}~"}.get(type(leaf), leaf.text)
                raise QueryError(f'"{written}" stands for more than {MAX_EXPANSIONS:,} different words in the '
                                 "archive: add letters to narrow it.")


def canonical_places(text: str) -> str:
    """Write place: values as the index stores them ("place:U.S." -> 'place:"United States"')."""
    def replace(match: re.Match) -> str:
        value = re.sub(r"^the\s+", "", match.group(2).strip('"'), flags=re.I)
        place = lookup(value)
        return f'{match.group(1)}"{place.name}"' if place else match.group(0)
    return PLACE_VALUE.sub(replace, text)


def weigh_repeated_words(query: wq.Query, text: str) -> wq.Query:
    """A word written n times weighs 1 + ln(n) (a damped query term frequency); the parser would
    merge the copies into one. Measured: +0.08 nDCG@10 on CISI, whose queries are paragraphs."""
    counts = Counter(token.text for token in TEXT_ANALYZER(text))
    for leaf in query.leaves():
        if isinstance(leaf, wq.Term) and counts.get(leaf.text, 1) > 1:
            leaf.boost *= 1 + math.log(counts[leaf.text])
    return query


def dates_readable(query: wq.Query) -> bool:
    """Whether every single date in the query can be read (the parser leaves date:"" for later)."""
    for leaf in query.leaves():
        if isinstance(leaf, wq.Term) and leaf.field() == "date":
            try:
                SCHEMA["date"].to_bytes(leaf.text)
            except Exception:  # noqa: BLE001 - Whoosh raises a bare Exception for unreadable dates
                return False
    return True


def compact_dates(text: str) -> str:
    """Write ISO dates as Whoosh reads them in date: queries ("2018-09-01" -> "20180901"), so the
    minus signs are not read as NOT."""
    def compact(match: re.Match) -> str:
        return ISO_DATE.sub(lambda m: m.group().replace("-", ""), match.group())
    return DATE_VALUE.sub(compact, text)


def find_problem(text: str) -> str:
    """Describe what is malformed in a query, or return "" when it looks well formed."""
    if text.count('"') % 2:
        return "a quotation mark is not closed"
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return "a closing parenthesis has no opening one"
    if depth:
        return "a parenthesis is not closed"
    for match in FIELD_PREFIX.finditer(text):
        name = match.group(1)
        if name.lower() not in KNOWN_FIELDS:
            return f'"{name}:" is not a field you can search (try title:, person:, place:, source:)'
        rest = text[match.end():]
        if not rest or rest[0].isspace():
            return f'"{name}:" has nothing after it'
    tokens = text.split()
    if tokens[0] in ("AND", "OR") or tokens[-1] in OPERATORS:
        return f'"{tokens[0] if tokens[0] in ("AND", "OR") else tokens[-1]}" has nothing to join'
    return ""


def plain_words(text: str) -> list[str]:
    """The query's words without operators, field names or syntax."""
    text = FIELD_PREFIX.sub(" ", text)
    return [w for w in re.findall(r"\w+", text) if w not in OPERATORS]
