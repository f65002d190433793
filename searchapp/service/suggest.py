"""Suggestions for a search box that say what each one is: a person, a place, an organisation or a word.

A name completes the end of what was typed ("Idlib vla" offers Vladimir Putin, leaving "Idlib" as
the words), so a page can apply it as a filter; the end may start any word of the name, as people
type surnames ("puti" offers Vladimir Putin too), names that begin with it first. A word completes
the last word typed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from searchapp.backends.base import Engine
from searchapp.search.analysis import vocabulary_form
from searchapp.text import fold

NAME_KINDS = ("person", "place", "organisation")  # facet parameters whose values are offered by name
MIN_PREFIX = 2
WORDS_KEPT = 2


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggestion: its text, its kind ("person", "place", "organisation" or "word"), and the words
    that stay in the search box when it is chosen (the typed text before a name, or the completed text)."""

    text: str
    kind: str
    query: str


def suggest_typed(engine: Engine, typed: str, count: int = 8,
                  offered: Mapping[str, Callable[[str], str]] | None = None) -> list[Suggestion]:
    """Names whose start is the end of what was typed (the longest such end first), then words;
    offered: by kind, the name offered for a value (a surname alone joined to a full name offers
    the full name, service/joins.py)."""
    typed = " ".join(typed.split())
    if len(typed) < MIN_PREFIX:
        return []
    words = typed.split(" ")
    names: list[Suggestion] = []
    for start in range(len(words)):  # the whole text first, then shorter and shorter ends of it
        key = fold(" ".join(words[start:]))
        if len(key) < MIN_PREFIX:
            continue
        head = " ".join(words[:start])
        inside = re.compile(r"(?<![^\W_])" + re.escape(key))  # at the start of a word of the name
        found = [(not fold(value).startswith(key), shown(offered, kind, value), kind) for kind in NAME_KINDS
                 for value in engine.values(kind) if inside.search(fold(value))]
        names += [Suggestion(value, kind, head) for _, value, kind in sorted(found)]
    head, last = " ".join(words[:-1]), words[-1]
    completions = [Suggestion(f"{head} {w}".strip(), "word", f"{head} {w}".strip())
                   for w in engine.words(vocabulary_form(last), count) if len(w) > 1]
    first: dict[tuple[str, str], Suggestion] = {}
    for name in names:
        first.setdefault((name.text, name.kind), name)  # a name met again keeps its longest end
    unique = list(first.values())
    room = count - min(WORDS_KEPT, len(completions))  # names never crowd out every word
    return (unique[:room] + completions)[:count]


def shown(offered: Mapping[str, Callable[[str], str]] | None, kind: str, value: str) -> str:
    """The name offered for a value of a kind."""
    return offered[kind](value) if offered and kind in offered else value
