"""Relevance feedback as data (search/feedback.py): which queries it expands, the relevance
model of the first results, the words it adds and the query it makes, which matches what the
query matches."""
from __future__ import annotations

import itertools
import math

import pytest

from searchapp.search import feedback
from searchapp.search import query as q
from searchapp.search.parse import parse_query

LONG = "harbour OR cranes OR dockers OR strike OR cargo OR port"


def test_a_long_query_of_words_joined_by_or_gives_its_words_and_weights():
    assert feedback.query_words(parse_query(LONG).query) == (
        {"harbour": 1.0, "crane": 1.0, "docker": 1.0, "strike": 1.0, "cargo": 1.0, "port": 1.0},)
    repeated = feedback.query_words(parse_query(LONG + " OR strikes").query)
    assert repeated is not None and repeated[0]["strike"] == pytest.approx(1 + math.log(2))


@pytest.mark.parametrize("text", [
    "harbour", "harbour cranes", "harbour OR cranes OR dockers OR strike",  # fewer than 5 words
    "harbour OR cranes OR the OR of OR dockers OR strikes OR strike",  # stop words and one stem: 4 words
    "harbour cranes dockers strike cargo port",  # joined by AND
    LONG + ' OR "port strike"', LONG + " OR title:union", LONG + " OR port*", LONG + " -union",
    f"({LONG}) AND union", f"({LONG}) person:putin", f"({LONG}) date:2018", "",
])
def test_other_queries_are_not_expanded(text):
    assert feedback.MIN_WORDS == 5
    assert feedback.query_words(parse_query(text).query) is None


def test_a_query_read_in_several_languages_gives_each_readings_words():
    readings = feedback.query_words(parse_query(LONG, ("en", "fr")).query)
    assert readings is not None and len(readings) == 2
    assert readings[0]["docker"] == 1.0 and all(word.startswith("!fr:") for word in readings[1])


def test_the_relevance_model_weighs_each_article_by_its_share_of_the_scores():
    model = feedback.relevance_model([(3.0, ["union", "picket", "union"]), (1.0, ["picnic", "sun", "sea"])])
    smoothing = 3.0  # the articles' mean length
    assert model == pytest.approx({"union": 0.75 * 2 / 6, "picket": 0.75 / 6,
                                   "picnic": 0.25 / 6, "sun": 0.25 / 6, "sea": 0.25 / 6})
    assert sum(model.values()) == pytest.approx(3 / (3 + smoothing))


def test_a_short_article_does_not_outweigh_a_long_one():
    """Without smoothing, each word of a two-word article would weigh ten times one of a twenty-word article."""
    model = feedback.relevance_model([(1.0, ["short", "stub"]), (1.0, ["long"] * 10 + [f"w{i}" for i in range(10)])])
    assert model["short"] / model["long"] == pytest.approx((20 + 11) / (2 + 11) / 10)


def test_articles_without_text_or_scores_are_read_evenly():
    assert feedback.relevance_model([]) == {} == feedback.relevance_model([(2.0, [])])
    assert feedback.relevance_model([(0.0, ["a"]), (0.0, ["b"])]) == {"a": 0.25, "b": 0.25}


def test_chosen_words_are_the_heaviest_without_digits_or_too_common_ones():
    model = {"union": 0.5, "picket": 0.3, "2018": 0.9, "covid19": 0.8, "the": 0.7, "dock": 0.3, "sea": 0.1}
    asked: list[list[str]] = []

    def frequencies(batch):
        asked.append(batch)
        return {"the": 100, "union": 10, "sea": 11}
    assert feedback.chosen_words(model, frequencies, articles=100, count=3) == {"union": 0.5, "dock": 0.3,
                                                                                "picket": 0.3}
    assert asked == [["the", "union", "dock", "picket", "sea"]]  # ties in alphabetical order
    assert feedback.chosen_words(model, frequencies, articles=100, count=10) == {"union": 0.5, "dock": 0.3,
                                                                                 "picket": 0.3}


def test_frequencies_are_asked_a_batch_at_a_time_until_enough_words_are_found():
    model = {"".join(letters): 1.0 / (i + 1) for i, letters in enumerate(itertools.product("abcdefgh", repeat=3))}
    sizes = []

    def frequencies(batch):
        sizes.append(len(batch))
        return dict.fromkeys(batch, 1)
    assert len(feedback.chosen_words(model, frequencies, articles=10, count=250)) == 250
    assert sizes == [feedback.LOOKUP, feedback.LOOKUP]


def test_the_added_words_weigh_a_set_share_of_the_query():
    readings = ({"harbour": 1.0, "crane": 1.0 + math.log(2)}, {"!fr:port": 1.0})
    added = feedback.added_weights(readings, {"union": 3.0, "picket": 1.0}, original_weight=0.75)
    total = (2 + math.log(2)) / 3  # the heaviest reading's weight, times (1 - 0.75) / 0.75
    assert added == pytest.approx({"union": 0.75 * total, "picket": 0.25 * total})
    assert feedback.added_weights(readings, {}) == {}


def test_the_expanded_query_matches_the_query_and_ranks_by_the_added_words_too():
    query = parse_query(LONG).query
    expanded = feedback.expanded(query, {"union": 0.5, "picket": 0.25})
    assert expanded == q.AndMaybe(query, q.Or((q.Term("content", "union", 0.5), q.Term("title", "union", 0.1),
                                               q.Term("content", "picket", 0.25), q.Term("title", "picket", 0.05))))
    assert feedback.expanded(query, {}) is query
