"""bench/search_scale.py on a tiny archive: every engine finds, counts and ranks the same articles."""

import pytest

from bench.fts5 import match_expression
from bench.search_scale import make_articles, run, table

ARTICLES, SEARCHES = 200, 20


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(ARTICLES, ("whoosh", "fts5"), tmp_path_factory.mktemp("scale"), searches=SEARCHES, rounds=1, warmup=3)


def test_articles_carry_what_their_generator_wrote():
    article = make_articles(1)[0]
    assert 500 <= len(article.body.split()) <= 1_100
    assert article.people and article.places and article.source and article.date and article.url
    assert all(person in article.body for person in article.people)
    assert article.places[0] in article.body


def test_every_engine_finds_and_counts(results):
    for engine, row in results["engines"].items():
        assert row["with hits"] >= SEARCHES * 0.9, engine
        assert all(hits == min(10, total) for hits, total in zip(row["hits"], row["totals"], strict=True)), engine
        for facets, total in zip(row["facets"], row["totals"], strict=True):
            if total:
                assert facets["person"] and facets["place"] and facets["source"], engine
                assert sum(facets["year"].values()) == total, engine


def test_engines_agree_on_totals_and_exact_titles(results):
    whoosh, fts5 = results["engines"]["whoosh"], results["engines"]["fts5"]
    same = sum(a == b for a, b in zip(whoosh["totals"], fts5["totals"], strict=True))
    assert same >= SEARCHES * 0.8  # stemmers and stop words differ a little
    assert results["exact title"]
    for check in results["exact title"]:
        assert check["whoosh"] == check["fts5"] == [check["id"]], check


def test_the_table_has_a_row_per_engine_and_kind(results):
    text = table(results, rounds=1)
    assert "| whoosh |" in text and "| fts5 |" in text and results["commit"] in text
    assert all(f"| {kind} |" in text for kind in set(results["kinds"]))


def test_match_expression_quotes_words_and_phrases():
    expression = match_expression('Lima "oil prices" AND long-awaited')
    assert expression == '"Lima" AND "oil prices" AND "AND" AND "long awaited"'
