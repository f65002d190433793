"""A query read in every language of the archive.

The parser reads the query once per analysis present in the archive (English, and each other
language's, search/analysis.py), with that language's stop words and stemmer. The words of a
reading in another language than English are then marked as the index marks that language's
words, so a reading's words are found only in articles of its language, and the readings are
OR'ed (query.Readings): an article matches as its own language reads the query. With one
language present the reading is the query itself, as it was before languages were told apart.

A reading that can match an article without any of its text words (a word excluded alongside
a person, say, or a French stop word next to a facet value) would also match articles of other
languages through what they lack; such a reading is restricted to its language's articles by
excluding the others (an exclusion adds nothing to scores on any engine), or, when nothing of it
is about text, by requiring its language.
"""
from __future__ import annotations

from dataclasses import replace

from searchapp.search import query as q
from searchapp.search.analysis import DEFAULT_LANGUAGE, FIRST_WORD_CHARACTER, marker
from searchapp.search.schema import ANALYSIS_FIELD, LANGUAGE_FIELDS

TRUE, FALSE, UNKNOWN = "true", "false", "unknown"


def read_in(readings: dict[str, q.Query], present: tuple[str, ...]) -> q.Query:
    """One query from the readings of each analysis (unmarked, as parsed) of the analyses present."""
    trees = {analysis: mark(tree, analysis) for analysis, tree in readings.items() if not isinstance(tree, q.Nothing)}
    if len(present) <= 1:
        return next(iter(trees.values()), q.Nothing())
    if DEFAULT_LANGUAGE in trees:
        trees[DEFAULT_LANGUAGE] = english_words_only(trees[DEFAULT_LANGUAGE])
    if not trees:
        return q.Nothing()
    if len(trees) == 1:  # the query has words only in this language
        analysis, tree = next(iter(trees.items()))
        return restricted(tree, analysis, present)
    first = conjuncts(next(iter(trees.values())))
    common = tuple(part for part in first if all(part in conjuncts(tree) for tree in trees.values()))
    rests = {analysis: tuple(p for p in conjuncts(tree) if p not in common) for analysis, tree in trees.items()}
    if len(set(rests.values())) == 1 and len(trees) == len(present):
        return next(iter(trees.values()))  # no text word: every language reads it alike
    parts = tuple(restricted(together(rest), analysis, present) for analysis, rest in rests.items())
    ways = parts[0] if len(parts) == 1 else q.Readings(parts)
    return together((*common, ways))


def conjuncts(query: q.Query) -> tuple[q.Query, ...]:
    return query.parts if type(query) is q.And and query.boost == 1.0 else (query,)


def together(parts: tuple[q.Query, ...]) -> q.Query:
    if not parts:
        return q.Every()
    return parts[0] if len(parts) == 1 else q.And(parts)


def restricted(query: q.Query, analysis: str, present: tuple[str, ...]) -> q.Query:
    """The reading limited to articles of its analysis where it could match others."""
    if without_text(query) == FALSE:
        return query
    if isinstance(query, q.Every):
        return q.Term(ANALYSIS_FIELD, analysis)
    others = tuple(q.Term(ANALYSIS_FIELD, other) for other in present if other != analysis)
    return q.AndNot(query, others[0] if len(others) == 1 else q.Or(others))


def without_text(query: q.Query) -> str:
    """Whether the query matches an article that holds none of its text words: TRUE, FALSE, or
    UNKNOWN (it depends on the rest of the article)."""
    if isinstance(query, q.Every):
        return TRUE
    if isinstance(query, q.Nothing):
        return FALSE
    if isinstance(query, q.And):
        found = [without_text(p) for p in query.parts]
        return FALSE if FALSE in found else TRUE if all(f == TRUE for f in found) else UNKNOWN
    if isinstance(query, q.Or):
        found = [without_text(p) for p in query.parts]
        return TRUE if TRUE in found else FALSE if all(f == FALSE for f in found) else UNKNOWN
    if isinstance(query, q.Not):
        return {TRUE: FALSE, FALSE: TRUE}.get(without_text(query.part), UNKNOWN)
    if isinstance(query, q.AndNot):
        return without_text(q.And((query.positive, q.Not(query.negative))))
    if isinstance(query, q.AndMaybe):
        return without_text(query.required)
    return FALSE if query.field in LANGUAGE_FIELDS else UNKNOWN


def english_words_only(query: q.Query) -> q.Query:
    """The English reading with its ranges open at the start starting at the first English word:
    marked words sort before every English word (search/analysis.py MARK)."""
    if isinstance(query, q.TermRange) and query.field in LANGUAGE_FIELDS and not query.start:
        return replace(query, start=FIRST_WORD_CHARACTER, start_excluded=False)
    if isinstance(query, (q.And, q.Or)):
        return replace(query, parts=tuple(english_words_only(p) for p in query.parts))
    if isinstance(query, q.Not):
        return replace(query, part=english_words_only(query.part))
    if isinstance(query, q.AndNot):
        return replace(query, positive=english_words_only(query.positive),
                       negative=english_words_only(query.negative))
    if isinstance(query, q.AndMaybe):
        return replace(query, required=english_words_only(query.required),
                       optional=english_words_only(query.optional))
    return query


def mark(query: q.Query, analysis: str) -> q.Query:
    """The tree with the words of its text fields written as the index holds an analysis's words."""
    if analysis == DEFAULT_LANGUAGE:
        return query
    prefix = marker(analysis)
    if isinstance(query, (q.And, q.Or)):
        return replace(query, parts=tuple(mark(p, analysis) for p in query.parts))
    if isinstance(query, q.Not):
        return replace(query, part=mark(query.part, analysis))
    if isinstance(query, q.AndNot):
        return replace(query, positive=mark(query.positive, analysis), negative=mark(query.negative, analysis))
    if isinstance(query, q.AndMaybe):
        return replace(query, required=mark(query.required, analysis), optional=mark(query.optional, analysis))
    if isinstance(query, (q.Every, q.Nothing, q.DateRange)) or query.field not in LANGUAGE_FIELDS:
        return query
    if isinstance(query, (q.Term, q.Prefix)):
        return replace(query, text=prefix + query.text)
    if isinstance(query, q.Phrase):
        return replace(query, words=tuple(prefix + w for w in query.words))
    if isinstance(query, q.Wildcard):
        return replace(query, pattern=prefix + query.pattern)
    if isinstance(query, q.Fuzzy):  # the marker is never one of the edits
        return replace(query, text=prefix + query.text, prefix=query.prefix + len(prefix))
    if isinstance(query, q.TermRange):
        # An open end stays within the analysis's words: the marker sorts them together.
        end = prefix + query.end if query.end else prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return replace(query, start=prefix + query.start, end=end, end_excluded=query.end_excluded or not query.end)
    raise TypeError(f"not a query: {query!r}")
