"""Did you mean: words the archive never uses, replaced by the nearest words it does use."""
from __future__ import annotations

import re

from searchapp.text import fold


MAX_TYPED_WORDS = 12  # a longer query is pasted text, not typed: no "did you mean" for it


def correct_spelling(q: str, reader) -> str:
    """q with each word the archive never uses replaced by its nearest known word, or ""."""
    if len(re.findall(r"\w+", q)) > MAX_TYPED_WORDS:
        return ""
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group()
        key = fold(word)
        if word in ("AND", "OR", "NOT", "TO") or len(word) < 3 or reader.frequency("words", key):
            return word
        # The nearest spelling first; among equally near ones, the most used.
        found = nearest(reader, key, 1) or nearest(reader, key, 2)
        if not found:
            return word
        changed = True
        return found.capitalize() if word[0].isupper() else found

    corrected = re.sub(r"(?<![\w:])\w+(?!:)", fix, q)
    return corrected if changed else ""


def nearest(reader, word: str, distance: int) -> str | None:
    """The most used known word within `distance` edits of word, with the same first letter
    (as Lucene's spell checker requires), or None. Each segment's words are searched with its
    own automaton: Whoosh's corrector over several segments compares every word instead
    (5x slower on an index of two segments)."""
    found = {term.decode("utf-8") if isinstance(term, bytes) else term
             for leaf, _ in reader.leaf_readers()
             for term in leaf.terms_within("words", word, distance, prefix=1)}
    found.discard(word)
    return min(found, key=lambda w: (-reader.frequency("words", w), w), default=None)
