"""How text becomes indexed words, the same for every engine: engines index and query the words
made here and never analyse text themselves.

Whoosh's analysis module is used as a text library (tokenizer, stop lists, Snowball stemmers,
accent map); nothing here depends on how an engine stores the words.

An article's text is analysed in its language (`Article.language`): each language of
`whoosh.lang` has its analysis (its stop list and stemmer where Whoosh has them; Arabic
normalised and lightly stemmed, see arabic.py), and any other language is read unstemmed
("plain": folded words only). English, the archive's default and the reading of articles whose
language is unknown, is analysed exactly as before languages were told apart, and its words are
written as they are. The words of every other analysis are *marked* with it ("!fr:negoci"), so
that they never meet English stems in a field: a query is read in each language of the archive
and each reading matches only the articles of its language (search/readings.py).
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache, partial

from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StandardAnalyzer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import languages, stemmer_for_language, stopwords_for_language, two_letter_code
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.support.charset import accent_map

from searchapp.search.arabic import light_stem, normalise, strip_marks

# Stemmed with Snowball's English stemmer (Porter2) so "talks" finds "talk" (it ranked better
# than Porter's on the relevance collections); accent-folded so "Cavusoglu" finds "Çavuşoğlu".
TEXT_ANALYZER = (RegexTokenizer() | LowercaseFilter() | StopFilter() | StemFilter(stemfn=EnglishStemmer().stem)
                 | CharsetFilter(accent_map))
# Names, sources and tags: every word kept, unstemmed, accent-folded.
NAME_ANALYZER = StandardAnalyzer(stoplist=None) | CharsetFilter(accent_map)
ANALYZERS = {"text": TEXT_ANALYZER, "name": NAME_ANALYZER}

DEFAULT_LANGUAGE = "en"
PLAIN = "plain"  # the analysis of languages whoosh.lang does not know: folded words, unstemmed
ANALYSES = (DEFAULT_LANGUAGE, *(code for code in languages if code != DEFAULT_LANGUAGE), PLAIN)
# A marked word is "!fr:negoci". No token holds "!" or ":" (tokens are \w and inner dots), and "!"
# sorts before every character a token starts with (the lowest, "0"): an English prefix, wildcard
# or range never reaches a marked word, nor a marked one an English word.
MARK = "!"
FIRST_WORD_CHARACTER = "0"


def combining_marks() -> str:
    """The combining marks of the Basic Multilingual Plane as a regular expression class's
    ranges: Arabic harakat, Devanagari vowel signs, decomposed accents..."""
    ranges, start = [], None
    for code in range(0x300, 0x10001):
        mark = code < 0x10000 and unicodedata.category(chr(code))[0] == "M"
        if mark and start is None:
            start = code
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}" if code - 1 > start else f"\\u{start:04x}")
            start = None
    return "".join(ranges)


# Words as English reads them (\w+ with inner dots), but marks are part of the word they are on:
# \w leaves them out, so "مُفاوَضات" would be three words and a decomposed "é" would split one.
MARKS = combining_marks()
WORD_WITH_MARKS = rf"\w[\w{MARKS}]*"
MARKED_WORD = rf"{WORD_WITH_MARKS}(?:\.{WORD_WITH_MARKS})*"


class TextMap(Filter):
    """Apply a function (text -> text) to every token's text."""

    def __init__(self, function) -> None:
        self.function = function

    def __call__(self, tokens):
        function = self.function
        for token in tokens:
            token.text = function(token.text)
            yield token


def composed(text: str) -> str:
    """Text in Unicode's composed form (NFC), so that "é" written as e and an accent is "é"."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def vocabulary_letters(text: str) -> str:
    """A word's letters as the vocabulary keeps them: composed, harakat and tatweel left out."""
    return strip_marks(composed(text))


def marked(analysis: str, word: str) -> str:
    """A word of an analysis other than English as the index holds it."""
    return f"{MARK}{analysis}:{word}"


def marker(analysis: str) -> str:
    """What the words of an analysis start with in the index ("" for English)."""
    return "" if analysis == DEFAULT_LANGUAGE else f"{MARK}{analysis}:"


def analysis_of(language: str) -> str:
    """The analysis an article in `language` (an ISO 639 code, a tag such as "fr-CA", or "") is
    read with: English for "" and English, the language's own for those of whoosh.lang, PLAIN for
    the others."""
    code = re.split(r"[-_\s]", language.strip().lower(), maxsplit=1)[0]
    code = two_letter_code(code) or code
    if code in ("", DEFAULT_LANGUAGE):
        return DEFAULT_LANGUAGE
    return code if code in languages else PLAIN


# Articles whoosh.lang's lists leave out (Snowball's French list has "le" and "la" but not "les").
MORE_STOP_WORDS = {"fr": frozenset({"les"}), "tr": frozenset({"bir"})}


def stop_words(analysis: str) -> frozenset[str]:
    """The analysis's stop list: whoosh.lang's (none for Arabic, Romanian and PLAIN)."""
    try:
        found = frozenset(stopwords_for_language(analysis))
    except Exception:  # noqa: BLE001 - whoosh.lang raises NoStopWords, or fails on a name it does not know
        found = frozenset()
    return found | MORE_STOP_WORDS.get(analysis, frozenset())


def stemmer(analysis: str):
    """The analysis's stemmer, None when it has none (Turkish, PLAIN)."""
    if analysis == "ar":
        return light_stem  # not Whoosh's ISRI root stemmer: see arabic.py
    try:
        return stemmer_for_language(analysis)
    except Exception:  # noqa: BLE001 - whoosh.lang raises NoStemmer, or fails on a name it does not know
        return None


@cache
def text_analyzer(analysis: str, marking: bool = True) -> CompositeAnalyzer:
    """The analyzer of text fields for an analysis (words marked unless marking is False, as a
    query is analysed before its tree is marked)."""
    if analysis == DEFAULT_LANGUAGE:
        return TEXT_ANALYZER
    chain = RegexTokenizer(MARKED_WORD) | TextMap(composed) | LowercaseFilter()
    if analysis == "ar":
        chain = chain | TextMap(normalise)
    chain = chain | StopFilter(stoplist=stop_words(analysis))
    stem = stemmer(analysis)
    if stem is not None:
        chain = chain | StemFilter(stemfn=stem)
    chain = chain | CharsetFilter(accent_map)
    return chain | TextMap(partial(marked, analysis)) if marking else chain


@cache
def name_analyzer(analysis: str) -> CompositeAnalyzer:
    """The vocabulary's analyzer (the words of "did you mean" and suggestions) for an analysis:
    English's names analyzer, or every word kept as written, its marks left out, unmarked."""
    if analysis == DEFAULT_LANGUAGE:
        return NAME_ANALYZER
    return RegexTokenizer(MARKED_WORD) | TextMap(vocabulary_letters) | LowercaseFilter() | CharsetFilter(accent_map)


def words(kind: str, text: str, language: str = "") -> list[str]:
    """The indexed words of text analysed as `kind` ("text" or "name") in `language`, in order.
    A field's language is the article's for text fields and the vocabulary, "" (English: as
    today) for names, which are shared by every language (search/schema.py `language_of`)."""
    analysis = analysis_of(language)
    analyzer = text_analyzer(analysis) if kind == "text" else name_analyzer(analysis)
    return [token.text for token in analyzer(text)]


def vocabulary_form(word: str) -> str:
    """A typed word as the vocabulary holds it: lower case, accents folded, Arabic marks left out."""
    return vocabulary_letters(word).lower().translate(accent_map)


def unmarked(word: str) -> tuple[str, str]:
    """(analysis, word) of an indexed word: (DEFAULT_LANGUAGE, word) for an English one."""
    if word.startswith(MARK):
        analysis, colon, rest = word[1:].partition(":")
        if colon and analysis in ANALYSES:
            return analysis, rest
    return DEFAULT_LANGUAGE, word

