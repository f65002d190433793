"""Order of results: relevance with title and phrase boosts, date sorts, stable ties, and one
result per near-duplicate cluster."""
from __future__ import annotations

import math
import re

from whoosh import query as wq
from whoosh import scoring

from searchapp.search.schema import TEXT_ANALYZER

PHRASE_BOOST = 2.0
PHRASE_TEXT_LIMIT = 2000  # matches


class StandardBM25F(scoring.BM25F):
    """BM25F with the standard BM25 idf, log(1 + (N - df + 0.5) / (df + 0.5)).

    Whoosh's own idf, log(N / (df + 1)) + 1, is much flatter: rare words count too little
    (measured on the relevance collections, see bench/relevance.py).
    """

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        df = parent.doc_frequency(fieldname, text)
        return math.log(1 + (parent.doc_count_all() - df + 0.5) / (df + 0.5))


WEIGHTING = StandardBM25F(B=0.9, K1=1.2)  # tuned with bench/relevance.py


def with_phrase_boost(query, text: str, matches: int = 0):
    """Rank articles that have the words as a phrase above those that merely have them all."""
    phrase = phrase_boost(text, matches)
    return query if phrase is None else wq.AndMaybe(query, phrase)


def phrase_boost(text: str, matches: int = 0):
    """The query whose score is added to articles with the query's words as a phrase, or None.

    Checking phrases in article text means reading word positions of every match, which costs
    more than the search itself for common words; past PHRASE_TEXT_LIMIT matches only headlines
    are checked."""
    words = [token.text for token in TEXT_ANALYZER(" ".join(plain_terms(text)))]
    if len(words) < 2:
        return None
    fields = ("title", "content") if matches <= PHRASE_TEXT_LIMIT else ("title",)
    return wq.Or([wq.Phrase(field, words, boost=PHRASE_BOOST) for field in fields])


def plain_terms(text: str) -> list[str]:
    """The words of a query made only of words (no operators, fields or quotes), else []."""
    if re.search(r'[":()*?~^\[\]{}+-]|\b(?:AND|OR|NOT)\b', text):
        return []
    return re.findall(r"\w+", text)


