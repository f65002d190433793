"""The phrase boost's scores, read in article text only for the documents that can still make
the page.

Whoosh's phrase query walks the word positions of every document holding all the words, which
for common words costs more than the rest of a search; here the positions come with the
postings the search has read anyway (postings.py), decoded only for the documents checked.
The boost a document's text can earn is at most the boost times its query score (the phrase's
score is the sum of its words' scores in the text, which the query score includes), so
documents are checked best bound first, and the checking stops when no document left can reach
the `count`-th best story. The scores of every document that can make the page are then those
of Whoosh's phrase query.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from whoosh import query as wq

from searchapp.backends.whoosh.arrays import intersect, term
from searchapp.backends.whoosh.postings import PostingReader

NthBest = Callable[[np.ndarray, np.ndarray, int], float]

TEXT_FIELD = "content"
MARGIN = 1e-6  # relative: bounds stay above scores summed in another order


def with_phrase_scores(reading: PostingReader, docs: np.ndarray, scores: np.ndarray, phrase: wq.Query,
                       nth_best: NthBest, count: int) -> np.ndarray:
    """scores (of docs, ascending) with the phrase query's scores added where it matches, exact
    for every document that can be among the best `count` stories (nth_best(docs, scores, count)
    is the `count`-th best story's score); the others may lack theirs."""
    parts = list(phrase.subqueries) if isinstance(phrase, wq.Or) else [phrase]
    extra = np.zeros(len(docs))
    for part in parts:
        if part.fieldname != TEXT_FIELD:  # headlines are short: few hold all the words
            holding = np.flatnonzero(np.isin(docs, holding_all(reading, part), assume_unique=True))
            extra[holding] += phrase_scores(reading, part, docs[holding])
    text = [part for part in parts if part.fieldname == TEXT_FIELD]
    if not text:
        return scores + extra
    text_extra = np.zeros(len(docs))
    bound = scores + extra + sum(part.boost for part in text) * scores * (1 + MARGIN)
    order = np.argsort(-bound, kind="stable")
    done, batch = 0, count * 2 + 8
    while done < len(order):
        chosen = np.sort(order[done:done + batch])
        done += len(chosen)
        for part in text:
            text_extra[chosen] += phrase_scores(reading, part, docs[chosen])
        if done < len(order) and bound[order[done]] < nth_best(docs[order[:done]],
                                                                (scores + (extra + text_extra))[order[:done]], count):
            break
        batch *= 2
    return scores + (extra + text_extra)


def holding_all(reading: PostingReader, phrase: wq.Phrase) -> np.ndarray:
    """The documents holding every word of the phrase in its field, ascending."""
    return intersect([term(reading, wq.Term(phrase.fieldname, word)) for word in phrase.words]).docs


def phrase_scores(reading: PostingReader, phrase: wq.Phrase, docs: np.ndarray) -> np.ndarray:
    """Whoosh's score of a phrase (words next to each other, in order) for each of docs
    (ascending), 0 where the words are not there as a phrase: its words' scores, summed as its
    matcher sums them, times its boost."""
    assert phrase.slop == 1, "only exact phrases are boosted"
    found = np.zeros(len(docs))
    schema = reading.searcher.schema
    if phrase.fieldname not in schema:
        return found
    words = [schema[phrase.fieldname].to_bytes(word) for word in phrase.words]
    inside = reading.adjacent(phrase.fieldname, words, docs)
    if inside.any():
        parts = [term(reading, wq.Term(phrase.fieldname, word), encoded=True) for word in words]
        held = docs[inside]
        found[inside] = tree_sum([part.scores[np.searchsorted(part.docs, held)] for part in parts]) * 1.0 * phrase.boost
    return found


def tree_sum(values: list):
    """The sum in the order Whoosh's intersection of matchers adds their scores (a balanced tree)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])
