"""Folding text for comparison: the one rule by which spellings are the same value."""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Key under which spellings differing only in case or accents are one ("Çavuşoğlu" = "cavusoglu")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most `limit` edits apart (insert, delete, substitute)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def squash(text: str) -> str:
    """Text reduced to its words, so whitespace and punctuation spacing do not matter."""
    return " ".join(re.findall(r"\w+", text.casefold()))
