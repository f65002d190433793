"""Languages by their ISO 639-1 code: how a declared tag is read, their names, which way they are written.

Every layer speaks of a language by its two-letter code ("fr"); the site shows its English name
("French", from pycountry's ISO 639 tables) and writes right-to-left scripts right to left.
"""
from __future__ import annotations

import re
from functools import cache

import pycountry

# Codes replaced in ISO 639-1 that pages still declare, and Norwegian Bokmål read as Norwegian
# (detectors and most sites do not tell the two apart).
RENAMED = {"iw": "he", "ji": "yi", "in": "id", "jw": "jv", "mo": "ro", "nb": "no"}
# Languages written right to left in the scripts their news is published in. Kurdish is left out:
# its "ku" is Kurmanji, written in Latin letters (Sorani has no two-letter code).
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ks"})
TAG = re.compile(r"[A-Za-z]{2,3}(?=$|[-_@.])")


@cache
def code_of(tag: str) -> str:
    """The ISO 639-1 code a declared language tag stands for ("fr-FR", "fr_CA", "fra" -> "fr"),
    or "" when it names no language that has one ("x-klingon", "und", "")."""
    found = TAG.match(tag.strip())
    if not found:
        return ""
    code = found.group().lower()
    code = RENAMED.get(code, code)
    if len(code) == 2:
        return code if pycountry.languages.get(alpha_2=code) else ""
    language = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    return RENAMED.get(language.alpha_2, language.alpha_2) if language and hasattr(language, "alpha_2") else ""


@cache
def name_of(code: str) -> str:
    """The English name of a language ("fr" -> "French", "el" -> "Greek"); the code itself when
    ISO 639 has no name for it."""
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    if language is None:
        return code
    name = getattr(language, "common_name", "") or language.name
    # "Modern Greek (1453-)", "Malay (macrolanguage)": the part before the brackets is the name.
    return name.split(" (")[0].removeprefix("Modern ").split(";")[0]


def direction(code: str) -> str:
    """Which way a language is written: "rtl" or "ltr"."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
