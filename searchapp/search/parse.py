"""Read what a user types into searchapp's query tree; when it is malformed, say so and search
its plain words.

The syntax is Whoosh's (fields, phrases, wildcards, fuzzy words, AND/OR/NOT, ranges), read with
Whoosh's parser used as a library and turned at once into our own tree (query.py): no engine
ever sees a Whoosh query from here.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from whoosh import query as wq
from whoosh.fields import DATETIME, ID, TEXT, Schema
from whoosh.qparser import FieldAliasPlugin, FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.util.times import long_to_datetime

from searchapp.errors import QueryError
from searchapp.ingest.gazetteer import lookup
from searchapp.models import MAX_QUERY
from searchapp.search import query as q
from searchapp.search.analysis import ANALYZERS, DEFAULT_LANGUAGE, TEXT_ANALYZER, text_analyzer
from searchapp.search.facets import REGISTRY
from searchapp.search.readings import read_in
from searchapp.search.schema import FIELDS

# Words are scored in the whole article (content) and again in the headline, so that headline
# matches rank higher (weights measured with bench/relevance.py).
DEFAULT_FIELDS = ["content", "title"]
FIELD_WEIGHTS = {"content": 1.0, "title": 0.2}
# What users type -> the field it searches.
ALIASES = {spec.text_field: list(spec.aliases) for spec in REGISTRY if spec.aliases}
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
LEADING_WILDCARD = re.compile(r'(?:^|(?<=[\s(+\-:]))[*?]\S*')


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    query: q.Query
    notice: str = ""  # why the query was read differently from how it was typed
    understood_as: str = ""  # the words actually searched, when they differ


def parsing_schema(analysis: str = DEFAULT_LANGUAGE) -> Schema:
    """What the parser must know of each field: how its words are analysed (text fields in the
    analysis's language, unmarked), and which holds dates."""
    def kind(field):
        if field.kind == "text":
            return TEXT(analyzer=text_analyzer(analysis, marking=False))
        if field.kind in ANALYZERS:
            return TEXT(analyzer=ANALYZERS[field.kind])
        return DATETIME() if field.kind == "date" else ID()
    return Schema(**{field.name: kind(field) for field in FIELDS if field.kind != "stored"})


SCHEMA = parsing_schema()


def make_parser(schema: Schema = SCHEMA) -> MultifieldParser:
    parser = MultifieldParser(DEFAULT_FIELDS, schema, fieldboosts=FIELD_WEIGHTS)
    parser.add_plugin(FieldAliasPlugin(ALIASES))
    parser.add_plugin(PlusMinusPlugin())
    parser.add_plugin(FuzzyTermPlugin())
    return parser


PARSER = make_parser()


@cache
def parser_for(analysis: str) -> MultifieldParser:
    """The parser that reads a query in an analysis's language (English: PARSER)."""
    return PARSER if analysis == DEFAULT_LANGUAGE else make_parser(parsing_schema(analysis))


def parse_query(text: str, languages: Sequence[str] = (DEFAULT_LANGUAGE,)) -> ParsedQuery:
    """Parse a query, read in each of the analyses of the archive (search/analysis.py; English
    alone by default); empty text matches every article."""
    text = text.strip()
    if not text or text == "*":
        return ParsedQuery(q.Every())
    check_cost(text)
    text = compact_dates(canonical_places(text))
    analyses = tuple(dict.fromkeys(languages)) or (DEFAULT_LANGUAGE,)
    problem = find_problem(text)
    if not problem:
        try:
            parsed = parse_in(text, analyses)
        except Exception:  # noqa: BLE001 - the parser's failures must never reach the user
            problem = "the query could not be read"
        else:
            kept = {analysis: found for analysis, found in parsed.items() if found is not wq.NullQuery}
            if not kept:
                problem = "the query has no searchable words"
            elif not all(dates_readable(found) for found in kept.values()):
                problem = "a date could not be read (write date:2018, date:2018-09 or date:2018-09-17)"
            else:
                return ParsedQuery(read_in({analysis: weigh_repeated_words(tree_of(found), text, analysis)
                                            for analysis, found in kept.items()}, analyses))
    words = plain_words(text)
    if not words:
        return ParsedQuery(q.Nothing(), notice=f"{problem[0].upper()}{problem[1:]}.")
    return ParsedQuery(
        read_in({analysis: tree_of(parser_for(analysis).parse(" ".join(words))) for analysis in analyses}, analyses),
        notice=f"{problem[0].upper()}{problem[1:]}, so it was searched as plain words.",
        understood_as=" ".join(words),
    )


def parse_in(text: str, analyses: tuple[str, ...]) -> dict[str, wq.Query]:
    """What each analysis's parser makes of text: the syntax read once (two thirds of a parse,
    the same for every language: the parsers differ only in how their fields analyse words),
    its words analysed in each language."""
    if analyses == (DEFAULT_LANGUAGE,):
        return {DEFAULT_LANGUAGE: PARSER.parse(text)}
    nodes = PARSER.process(text)
    found = {}
    for analysis in analyses:
        query = nodes.query(parser_for(analysis))
        found[analysis] = query.normalize() if query else wq.NullQuery  # as QueryParser.parse
    return found


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


def canonical_places(text: str) -> str:
    """Write place: values as the index stores them ("place:U.S." -> 'place:"United States"')."""
    def replace(match: re.Match) -> str:
        value = re.sub(r"^the\s+", "", match.group(2).strip('"'), flags=re.I)
        place = lookup(value)
        return f'{match.group(1)}"{place.name}"' if place else match.group(0)
    return PLACE_VALUE.sub(replace, text)


def weigh_repeated_words(query: q.Query, text: str, analysis: str = DEFAULT_LANGUAGE) -> q.Query:
    """A word written n times weighs 1 + ln(n) (a damped query term frequency); the parser would
    merge the copies into one. Measured: +0.08 nDCG@10 on CISI, whose queries are paragraphs."""
    counts = Counter(token.text for token in text_analyzer(analysis, marking=False)(text))
    return q.reweigh(query, {word: 1 + math.log(n) for word, n in counts.items() if n > 1})


def tree_of(query: wq.Query) -> q.Query:
    """Whoosh's parse in searchapp's own query tree."""
    boost = query.boost if hasattr(query, "boost") else 1.0
    if query is wq.NullQuery or isinstance(query, type(wq.NullQuery)):
        return q.Nothing()
    if isinstance(query, wq.Every):
        return q.Every(query.fieldname or "", boost)
    if isinstance(query, wq.And):
        return q.And(tuple(tree_of(p) for p in query.subqueries), boost)
    if isinstance(query, wq.Or):
        return q.Or(tuple(tree_of(p) for p in query.subqueries), boost)
    if isinstance(query, wq.Not):
        return q.Not(tree_of(query.query), boost)
    if isinstance(query, wq.AndNot):
        return q.AndNot(tree_of(query.a), tree_of(query.b), boost)
    if isinstance(query, wq.AndMaybe):
        return q.AndMaybe(tree_of(query.a), tree_of(query.b), boost)
    if isinstance(query, wq.Phrase):
        return q.Phrase(query.fieldname, tuple(query.words), query.slop, boost)
    if isinstance(query, wq.FuzzyTerm):
        return q.Fuzzy(query.fieldname, query.text, query.maxdist, query.prefixlength, boost)
    if isinstance(query, wq.Prefix):
        return q.Prefix(query.fieldname, query.text, boost)
    if isinstance(query, wq.Wildcard):
        return q.Wildcard(query.fieldname, query.text, boost)
    if isinstance(query, wq.NumericRange) and query.fieldname == "date":
        return q.DateRange("date", moment(query.start, query.startexcl, 1), moment(query.end, query.endexcl, -1), boost)
    if isinstance(query, wq.TermRange):
        return q.TermRange(query.fieldname, query.start or "", query.end or "", query.startexcl, query.endexcl, boost)
    if isinstance(query, wq.Term):
        return q.Term(query.fieldname, query.text, boost)
    raise QueryError(f"This search uses a kind of query ({type(query).__name__}) searchapp cannot run.")


def moment(value: int | None, excluded: bool, step: int):
    """A date range's end as a moment (Whoosh counts them in microseconds since year 1)."""
    return None if value is None else long_to_datetime(value + step if excluded else value)


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
