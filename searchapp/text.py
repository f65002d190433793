"""Folding text for comparison: the one rule by which spellings are the same value."""
from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Key under which spellings differing only in case or accents are one ("Çavuşoğlu" = "cavusoglu")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
