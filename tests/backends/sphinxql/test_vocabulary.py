"""The vocabulary on a running cluster: word counts, completion, near spellings, what wildcards,
fuzzy words and ranges stand for, and counts that stay right through loaders and updates."""
from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.backends.sphinxql.engine import SphinxEngine
from searchapp.backends.sphinxql.vocabulary import trigrams
from searchapp.models import Article
from searchapp.search import query as q
from searchapp.text import within_edits
from tests.contract.conftest import cluster  # noqa: F401 - the session's test cluster

ARTICLES = (
    Article("a1", "a1.html", "Ceasefire in Idlib", "Putin and Erdogan agree a ceasefire.", source="Gulf Wire"),
    Article("a2", "a2.html", "Ceasefire holds", "The ceasefire holds; talks go on.", source="Harbour Times"),
    Article("a3", "a3.html", "Talks", "Teasefire is not a word, cease is.", source="Gulf Wire"),
)


def load(engine: SphinxEngine, articles, part=(1, 1), previous: Path | None = None, deleted=()) -> None:
    writer = engine.writer(Path("build"), previous, part)
    for article_id in deleted:
        writer.delete(article_id)
    for article in articles:
        writer.add(article)
    writer.finish()
    writer.publish({"build": "build"})


@pytest.fixture
def engine(cluster):  # noqa: F811
    engine = SphinxEngine(Path("unused"), cluster.url)
    load(engine, ARTICLES)
    return engine


def test_trigrams_mark_the_start_and_an_edit_changes_at_most_three():
    assert [bytes.fromhex(g).decode() for g in trigrams("cat")] == ["^^c", "^ca", "cat", "at$"]
    assert within_edits("kitten", "sitting", 3) and not within_edits("kitten", "sitting", 2)


def test_frequency_completion_and_near_spellings(engine):
    assert [engine.frequency(w) for w in ("ceasefire", "putin", "cease", "nowhere")] == [2, 1, 1, 0]
    assert engine.words("cea", 5) == ["ceasefire", "cease"]
    assert engine.near("ceasfire", 1) == ["ceasefire"]
    assert engine.near("ceasfire", 2) == ["ceasefire"]  # "teasefire" is as near but starts otherwise
    assert engine.near("teasfire", 1) == ["teasefire"]


def test_the_words_a_leaf_stands_for_in_its_own_field(engine):
    assert engine.expand(q.Prefix("content", "ceas"), 10) == ["ceas", "ceasefir"]  # stemmed, as indexed
    assert engine.expand(q.Prefix("title", "cease"), 10) == ["ceasefir"]
    assert engine.expand(q.Wildcard("content", "?easef*"), 10) == ["ceasefir", "teasefir"]
    assert engine.expand(q.Wildcard("content", "t*"), 1) == ["talk", "teasefir"]  # limit + 1: too many
    assert engine.expand(q.Fuzzy("body", "ceasfir", 1, 1), 10) == ["ceasefir"]
    assert engine.expand(q.TermRange("content", "go", "hold"), 10) == ["go", "hold"]
    assert engine.expand(q.TermRange("content", "go", "hold", True, True), 10) == []


def test_loaders_add_up_and_updates_keep_the_counts(engine, cluster):  # noqa: F811
    load(engine, ARTICLES[:1], part=(1, 2))
    load(engine, ARTICLES[1:], part=(2, 2))
    assert engine.frequency("ceasefire") == 2 and engine.words("cea", 5) == ["ceasefire", "cease"]
    changed = Article("a2", "a2.html", "Truce holds", "The truce holds; talks go on.", source="Harbour Times")
    load(engine, [changed], part=(2, 2), previous=Path("build"), deleted=["a3"])
    assert [engine.frequency(w) for w in ("ceasefire", "truce", "cease", "putin")] == [1, 1, 0, 1]
    assert engine.words("cea", 5) == ["ceasefire"] and engine.near("teasfire", 1) == []
    assert engine.expand(q.Prefix("content", "t"), 10) == ["talk", "truce"]
