"""The indexed words of a field as tantivy's term dictionary holds them: what a Prefix, Wildcard,
Fuzzy or TermRange stands for, completions, and near spellings for "did you mean".

Counts from the term dictionary include documents deleted by an incremental rebuild until
tantivy merges their segment away; frequency() counts live documents exactly.
"""
from __future__ import annotations

import re

import tantivy

from searchapp.backends.tantivy.schema import SCHEMA
from searchapp.search import query as q
from searchapp.text import within_edits

WILDCARDS = re.compile(r"[*?]")


def terms(searcher: tantivy.Searcher, field: str, prefix: str) -> list[str]:
    """Every indexed word of the field starting with prefix, in alphabetical order."""
    return sorted(term for term, _ in searcher.terms_with_prefix(field, prefix))


def wildcard_pattern(pattern: str) -> re.Pattern:
    """A Wildcard's pattern as a regular expression: * any letters, ? one letter."""
    return re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern), re.S)


def in_range(term: str, leaf: q.TermRange) -> bool:
    if leaf.start and (term < leaf.start or (leaf.start_excluded and term == leaf.start)):
        return False
    return not leaf.end or term < leaf.end or (term == leaf.end and not leaf.end_excluded)


def common_prefix(start: str, end: str) -> str:
    if not start or not end:
        return ""
    size = 0
    while size < min(len(start), len(end)) and start[size] == end[size]:
        size += 1
    return start[:size]


def expand(searcher: tantivy.Searcher, leaf: q.Leaf, limit: int | None = None) -> list[str]:
    """The indexed words a multi-word leaf stands for, in alphabetical order (at most limit + 1)."""
    if isinstance(leaf, q.Prefix):
        found = terms(searcher, leaf.field, leaf.text)
    elif isinstance(leaf, q.Wildcard):
        pattern = wildcard_pattern(leaf.pattern)
        head = WILDCARDS.split(leaf.pattern, 1)[0]
        found = [t for t in terms(searcher, leaf.field, head) if pattern.fullmatch(t)]
    elif isinstance(leaf, q.Fuzzy):
        found = [t for t in terms(searcher, leaf.field, leaf.text[:leaf.prefix])
                 if within_edits(leaf.text, t, leaf.distance)]
    elif isinstance(leaf, q.TermRange):
        found = [t for t in terms(searcher, leaf.field, common_prefix(leaf.start, leaf.end)) if in_range(t, leaf)]
    else:
        raise TypeError(f"not a leaf that stands for several words: {leaf!r}")
    return found if limit is None else found[:limit + 1]


def completions(searcher: tantivy.Searcher, prefix: str, count: int) -> list[str]:
    """Vocabulary words starting with prefix, most used first."""
    return [term for term, _ in searcher.terms_with_prefix("words", prefix, limit=count)]


def frequency(searcher: tantivy.Searcher, word: str) -> int:
    """Live documents whose vocabulary has the word."""
    return int(searcher.search(tantivy.Query.term_query(SCHEMA, "words", word), limit=1).count)  # type: ignore[attr-defined]


def near(searcher: tantivy.Searcher, word: str, distance: int) -> list[str]:
    """Vocabulary words within `distance` edits of word that start with its first letter."""
    if not word:
        return []
    return [t for t in terms(searcher, "words", word[0]) if within_edits(word, t, distance)]
