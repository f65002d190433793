"""Arabic words as the index holds them: spellings normalised, then lightly stemmed.

Normalisation (as Lucene's ArabicNormalizer, after Larkey et al.): the alef forms أ إ آ ٱ become
bare ا, alef maqsura ى becomes ي, taa marbuta ة becomes ه, and the short vowels (harakat), shadda,
sukun, the dagger alef and tatweel are removed, so that spellings that readers take for one word
are one word.

Stemming is "light" (Larkey, Ballesteros and Connell's Light10, as Lucene's ArabicStemmer): one
prefix among the article al- and the clitics joined to it (و ب ك ف ل) is removed, then the common
suffixes of plural, dual, feminine and possessive. Whoosh's ISRI stemmer reduces words to their
root instead (مكتبة "library" and كاتب "writer" both become كتب), which joins words readers
keep apart; measured in bench/arabic_stemming.py and docs/analysis-languages.md.
"""
from __future__ import annotations

import re

ALEF = "\u0627"
# Harakat, shadda, sukun and the other Quranic marks, the dagger alef, and tatweel (U+0640).
REMOVED = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
LETTERS = str.maketrans({"\u0623": ALEF, "\u0625": ALEF, "\u0622": ALEF, "\u0671": ALEF,
                         "\u0649": "\u064a", "\u0629": "\u0647"})
ARABIC = re.compile("[\u0600-\u06ff]")

# Light10's prefixes, tried in this order, at most one removed; a one-letter prefix (و, "and")
# only from words of four letters or more, the others when two letters remain.
PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
# Its suffixes, each removed in turn (in this order) when two letters remain. After
# normalisation ة is ه, so "ية" and "ة" are kept only to match Light10's list.
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")


def strip_marks(word: str) -> str:
    """The word without harakat and tatweel: the letters as written."""
    return REMOVED.sub("", word) if ARABIC.search(word) else word


def normalise(word: str) -> str:
    """The word with its alef, yeh and taa marbuta spellings made one and its marks removed."""
    if not ARABIC.search(word):
        return word
    return REMOVED.sub("", word).translate(LETTERS)


def light_stem(word: str) -> str:
    """A normalised word without its article or clitic prefix and its common suffixes."""
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) >= (4 if len(prefix) == 1 else len(prefix) + 2):
            word = word[len(prefix):]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            word = word[:-len(suffix)]
    return word
