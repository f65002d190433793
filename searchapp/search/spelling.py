"""Did you mean: words the archive never uses, replaced by the nearest words it does use."""
from __future__ import annotations

import re

from searchapp.ingest.entities import fold


MAX_WORDS = 12  # a longer query is pasted text, not typed: no "did you mean" for it


def correct_spelling(q: str, reader) -> str:
    """q with each word the archive never uses replaced by its nearest known word, or ""."""
    if len(re.findall(r"\w+", q)) > MAX_WORDS:
        return ""
    corrector = reader.corrector("words")
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group()
        key = fold(word)
        if word in ("AND", "OR", "NOT", "TO") or len(word) < 3 or reader.frequency("words", key):
            return word
        # The nearest spelling first; among equally near ones, the most used.
        found = corrector.suggest(key, limit=1, maxdist=1, prefix=1) or corrector.suggest(key, limit=1, maxdist=2, prefix=1)
        if not found:
            return word
        changed = True
        return found[0].capitalize() if word[0].isupper() else found[0]

    corrected = re.sub(r"(?<![\w:])\w+(?!:)", fix, q)
    return corrected if changed else ""
