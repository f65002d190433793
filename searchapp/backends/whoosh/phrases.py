"""The phrase boost's scores, read in article text only for the documents that can still make
the page.

Whoosh's phrase query walks the word positions of every document holding all the words, which
for common words costs more than the rest of a search. The boost a document's text can earn is
at most the boost times its query score (the phrase's score is the sum of its words' scores in
the text, which the query score includes), so documents are checked best bound first, and the
checking stops when no document left can reach the `count`-th best story. The scores of every
document that can make the page are then exactly those of Whoosh's phrase query.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from whoosh import query as wq

NthBest = Callable[[np.ndarray, np.ndarray, int], float]

TEXT_FIELD = "content"
MARGIN = 1e-6  # relative: bounds stay above scores summed in another order


def with_phrase_scores(searcher, docs: np.ndarray, scores: np.ndarray, phrase: wq.Query, nth_best: NthBest,
                       count: int) -> np.ndarray:
    """scores (of docs, ascending) with the phrase query's scores added where it matches, exact
    for every document that can be among the best `count` stories (nth_best(docs, scores, count)
    is the `count`-th best story's score); the others may lack theirs."""
    parts = list(phrase.subqueries) if isinstance(phrase, wq.Or) else [phrase]
    extra = np.zeros(len(docs))
    for part in parts:
        if part.fieldname != TEXT_FIELD:  # headlines are short: few hold all the words
            holding = np.flatnonzero(np.isin(docs, holding_all(searcher, part), assume_unique=True))
            extra[holding] += phrase_scores(searcher, part, docs[holding])
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
            text_extra[chosen] += phrase_scores(searcher, part, docs[chosen])
        if done < len(order) and bound[order[done]] < nth_best(docs[order[:done]],
                                                                (scores + (extra + text_extra))[order[:done]], count):
            break
        batch *= 2
    return scores + (extra + text_extra)


def holding_all(searcher, phrase: wq.Phrase) -> np.ndarray:
    """The documents holding every word of the phrase in its field, ascending."""
    if any((phrase.fieldname, word) not in searcher.reader()
           for word in map(searcher.schema[phrase.fieldname].to_bytes, phrase.words)):
        return np.zeros(0, dtype=np.int64)
    both = wq.And([wq.Term(phrase.fieldname, word) for word in phrase.words]).matcher(searcher)
    return np.fromiter(both.all_ids(), dtype=np.int64)


def phrase_scores(searcher, phrase: wq.Phrase, docs: np.ndarray) -> np.ndarray:
    """Whoosh's score of a phrase (words next to each other, in order) for each of docs
    (ascending), 0 where the words are not there as a phrase: its words' scores, summed as its
    matcher sums them, times its boost."""
    assert phrase.slop == 1, "only exact phrases are boosted"
    found = np.zeros(len(docs))
    field = searcher.schema[phrase.fieldname]
    words = [field.to_bytes(word) for word in phrase.words]
    if any((phrase.fieldname, word) not in searcher.reader() for word in words):
        return found
    matchers = [wq.Term(phrase.fieldname, word).matcher(searcher) for word in words]
    for at, doc in enumerate(docs.tolist()):
        for matcher in matchers:
            if matcher.is_active() and matcher.id() < doc:
                matcher.skip_to(doc)
        if not all(m.is_active() and m.id() == doc for m in matchers):
            continue
        positions = [m.value_as("positions") for m in matchers]
        later = [set(p) for p in positions[1:]]
        if any(all(start + i + 1 in p for i, p in enumerate(later)) for start in positions[0]):
            found[at] = tree_sum([m.score() for m in matchers]) * 1.0 * phrase.boost
    return found


def tree_sum(values: list[float]) -> float:
    """The sum in the order Whoosh's intersection of matchers adds their scores (a balanced tree)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])
