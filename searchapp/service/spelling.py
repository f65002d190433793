"""Did you mean: words the archive never uses, replaced by the nearest words it does use."""
from __future__ import annotations

import re

from searchapp.search.analysis import WORD_WITH_MARKS, vocabulary_form

MAX_TYPED_WORDS = 12  # a longer query is pasted text, not typed: no "did you mean" for it
# A word of the query, not a field name; with its combining marks (a vowelled Arabic word is one word).
TYPED_WORD = re.compile(rf"(?<![\w:]){WORD_WITH_MARKS}(?![\w:])")


def correct_spelling(q: str, engine) -> str:
    """q with each word the archive never uses replaced by its nearest known word, or ""."""
    if len(re.findall(r"\w+", q)) > MAX_TYPED_WORDS:
        return ""
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group()
        key = vocabulary_form(word)
        if word in ("AND", "OR", "NOT", "TO") or len(word) < 3 or engine.frequency(key):
            return word
        # The nearest spelling first; among equally near ones, the most used.
        found = nearest(engine, key, 1) or nearest(engine, key, 2)
        if not found:
            return word
        changed = True
        return found.capitalize() if word[0].isupper() else found

    corrected = TYPED_WORD.sub(fix, q)
    return corrected if changed else ""


def nearest(engine, word: str, distance: int) -> str | None:
    """The most used known word within `distance` edits of word, with the same first letter
    (as Lucene's spell checker requires), or None."""
    found = set(engine.near(word, distance)) - {word}
    return min(found, key=lambda w: (-engine.frequency(w), w), default=None)
