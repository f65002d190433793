"""Relevance feedback for long queries of words joined by OR (RM3), as plain data.

A researcher who pastes a paragraph and joins its words with OR asks for many words at once,
most of them weak; the best few articles that answer it hold the words the paragraph left out.
RM3 (Lavrenko and Croft's relevance model, mixed with the query as Abdul-Jaleel et al. do):

- the first `DOCUMENTS` results, one per story, each weighing its share of their scores;
- each word's relevance weight: the sum over those articles of weight x count / (length + the
  articles' mean length) (a word of a three-word headline-only article does not outweigh one of a
  long article: the mean length smooths the counts, as a Dirichlet prior does);
- the `WORDS` heaviest words, leaving out words with digits (dates, sums, reference numbers) and
  words in more than `MAX_SHARE` of the archive's articles (which rank nothing);
- the query ranks as ORIGINAL_WEIGHT x the query (its words' weights as a distribution) +
  (1 - ORIGINAL_WEIGHT) x those words (their relevance weights as a distribution).

The added words only rank: the expanded query is AndMaybe(query, added words), so the same
articles match, counts and facets are those of the query as typed, and snippets mark its words.
A query of fewer than MIN_WORDS different words, or of anything but bare words joined by OR,
is not expanded. Measured with bench/relevance.py (see docs/relevance.md).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from searchapp.search import query as q
from searchapp.search.analysis import unmarked
from searchapp.search.parse import FIELD_WEIGHTS

MIN_WORDS = 5  # different words of a query, after stop words and stemming
DOCUMENTS = 3
WORDS = 60
ORIGINAL_WEIGHT = 0.7
MAX_SHARE = 0.1  # of the archive's articles
LOOKUP = 200  # words whose frequencies are asked at once


def query_words(query: q.Query) -> tuple[dict[str, float], ...] | None:
    """Each reading's words with their weights (search/readings.py: one reading per language of
    the archive) when the query is only bare words joined by OR and a reading has MIN_WORDS
    different words; else None, and the query is not expanded."""
    readings = query.parts if type(query) is q.Readings else (query,)
    found = []
    for reading in readings:
        if type(reading) is not q.Or or reading.boost != 1.0:
            return None
        weights: dict[str, float] = {}
        headline: dict[str, float] = {}
        for part in reading.parts:
            if not isinstance(part, q.Term) or part.field not in FIELD_WEIGHTS:
                return None
            (weights if part.field == "content" else headline)[part.text] = part.boost
        if headline.keys() != weights.keys():  # a word searched in the headline alone (title:word)
            return None
        found.append(weights)
    if max(len(words) for words in found) < MIN_WORDS:
        return None
    return tuple(found)


def relevance_model(documents: Sequence[tuple[float, Sequence[str]]]) -> dict[str, float]:
    """Each word's relevance weight over the feedback articles, given as (score, indexed words
    of their text in order)."""
    documents = [(max(score, 0.0), words) for score, words in documents if words]
    if not documents:
        return {}
    total = sum(score for score, _ in documents)
    smoothing = sum(len(words) for _, words in documents) / len(documents)
    model: dict[str, float] = {}
    for score, words in documents:
        share = (score / total if total > 0 else 1 / len(documents)) / (len(words) + smoothing)
        for word, count in Counter(words).items():
            model[word] = model.get(word, 0.0) + share * count
    return model


def chosen_words(model: Mapping[str, float], frequencies: Callable[[list[str]], Mapping[str, int]],
                 articles: int, count: int = WORDS) -> dict[str, float]:
    """The `count` heaviest words of the model (ties alphabetically) without digits and in at most
    MAX_SHARE of the archive's `articles`, with their relevance weights; frequencies(words) gives
    the articles holding each word, asked LOOKUP words at a time."""
    ranked = sorted((word for word in model if not any(char.isdigit() for char in unmarked(word)[1])),
                    key=lambda word: (-model[word], word))
    chosen: dict[str, float] = {}
    for start in range(0, len(ranked), LOOKUP):
        batch = ranked[start:start + LOOKUP]
        held = frequencies(batch)
        for word in batch:
            if held.get(word, 0) <= MAX_SHARE * articles:
                chosen[word] = model[word]
                if len(chosen) == count:
                    return chosen
    return chosen


def added_weights(readings: Sequence[Mapping[str, float]], chosen: Mapping[str, float],
                  original_weight: float = ORIGINAL_WEIGHT) -> dict[str, float]:
    """The weights of the chosen words in the expanded query. The query keeps its own weights
    (and scores); the chosen words weigh (1 - original_weight) / original_weight of its words'
    total weight (of its heaviest reading), shared in proportion to their relevance weights."""
    total = sum(chosen.values())
    if total <= 0:
        return {}
    scale = (1 - original_weight) / original_weight * max(sum(words.values()) for words in readings) / total
    return {word: weight * scale for word, weight in chosen.items()}


def expanded(query: q.Query, added: Mapping[str, float]) -> q.Query:
    """The query, its order changed by the added words (searched as bare words are: in the text,
    and in the headline at its weight), its matches not."""
    if not added:
        return query
    return q.AndMaybe(query, q.Or(tuple(q.Term(field, word, weight * field_weight) for word, weight in added.items()
                                        for field, field_weight in FIELD_WEIGHTS.items())))
