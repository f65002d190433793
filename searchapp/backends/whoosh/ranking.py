"""Order of results: relevance with title and phrase boosts, date sorts, stable ties, and one
result per near-duplicate cluster."""
from __future__ import annotations

import math

from whoosh import query as wq
from whoosh import scoring

from searchapp.search import query as q

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


def with_phrase_boost(query: wq.Query, tree: q.Query, matches: int = 0) -> wq.Query:
    """Rank articles that have the words as a phrase above those that merely have them all."""
    phrase = phrase_boost(tree, matches)
    return query if phrase is None else wq.AndMaybe(query, phrase)


def phrase_boost(tree: q.Query, matches: int = 0) -> wq.Query | None:
    """The query whose score is added to articles with the query's words as a phrase, or None.

    Checking phrases in article text means reading word positions, which costs more than the
    search itself for common words: with array scores only the matches that can still make the
    page are checked (phrases.py); past PHRASE_TEXT_LIMIT matches only headlines are checked.
    A query read in several languages (query.Readings) boosts each reading's phrase."""
    if isinstance(tree, q.Readings):
        phrases = [p for part in tree.parts if (found := phrase_boost(part, matches)) is not None
                   for p in found.subqueries]
        return wq.Or(phrases) if phrases else None
    words = plain_words(tree)
    if len(words) < 2:
        return None
    fields = ("title", "content") if matches <= PHRASE_TEXT_LIMIT else ("title",)
    return wq.Or([wq.Phrase(field, words, boost=PHRASE_BOOST) for field in fields])


def plain_words(tree: q.Query) -> list[str]:
    """The words of a query made only of bare words (no operators, fields, quotes or boosts), else []."""
    groups = tree.parts if isinstance(tree, q.And) and tree.boost == 1.0 else (tree,)
    words = []
    for group in groups:
        if not (isinstance(group, q.Or) and group.boost == 1.0 and group.parts
                and all(isinstance(t, q.Term) for t in group.parts)
                and len({t.text for t in group.parts}) == 1  # type: ignore[union-attr]
                and {t.field for t in group.parts} == {"content", "title"}  # type: ignore[union-attr]
                # the text's phrase score is then at most the boost times the query's (phrases.py)
                and all(t.boost == 1.0 for t in group.parts if t.field == "content")):  # type: ignore[union-attr]
            return []
        words.append(group.parts[0].text)  # type: ignore[union-attr]
    return words
