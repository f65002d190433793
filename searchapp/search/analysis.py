"""How text becomes indexed words, the same for every engine: engines index and query the words
made here and never analyse text themselves.

Whoosh's analysis module is used as a text library (tokenizer, stop list, Snowball stemmer,
accent map); nothing here depends on how an engine stores the words.
"""
from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StandardAnalyzer, StemFilter, StopFilter
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.support.charset import accent_map

# Stemmed with Snowball's English stemmer (Porter2) so "talks" finds "talk" (it ranked better
# than Porter's on the relevance collections); accent-folded so "Cavusoglu" finds "Çavuşoğlu".
TEXT_ANALYZER = (RegexTokenizer() | LowercaseFilter() | StopFilter() | StemFilter(stemfn=EnglishStemmer().stem)
                 | CharsetFilter(accent_map))
# Names, sources and tags: every word kept, unstemmed, accent-folded.
NAME_ANALYZER = StandardAnalyzer(stoplist=None) | CharsetFilter(accent_map)
ANALYZERS = {"text": TEXT_ANALYZER, "name": NAME_ANALYZER}


def words(kind: str, text: str) -> list[str]:
    """The indexed words of text analysed as `kind` ("text" or "name"), in order."""
    return [token.text for token in ANALYZERS[kind](text)]
