"""Order of results: relevance with title and phrase boosts, date sorts, stable ties, and one
result per near-duplicate cluster."""
from __future__ import annotations

import math
import re

from whoosh import query as wq
from whoosh import scoring

from searchapp.search.query import parse_query

PHRASE_BOOST = 2.0


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


def with_phrase_boost(query, text: str):
    """Rank articles that have the words as a phrase above those that merely have them all."""
    words = plain_terms(text)
    if len(words) < 2:
        return query
    phrase = parse_query('"' + " ".join(words) + '"').query
    phrase.boost = PHRASE_BOOST
    return wq.AndMaybe(query, phrase)


def plain_terms(text: str) -> list[str]:
    """The words of a query made only of words (no operators, fields or quotes), else []."""
    if re.search(r'[":()*?~^\[\]{}+-]|\b(?:AND|OR|NOT)\b', text):
        return []
    return re.findall(r"\w+", text)


