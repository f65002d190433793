"""Builds: an incremental one is the previous build with the changes applied, and the previous
build still serves as it was until the switch; the vocabulary follows the changes."""
from __future__ import annotations

from dataclasses import replace

import pytest

from searchapp.backends.tantivy.engine import TantivyEngine
from searchapp.models import SearchRequest
from searchapp.search import query as q
from tests.backends.tantivy.conftest import write_build


@pytest.fixture
def builds(articles, tmp_path):
    """A full build of all but the last 5 articles, then an incremental one that deletes the
    first 3, changes the 4th and adds the last 5."""
    first = write_build(tmp_path, "build-1", articles[:-5])
    before = TantivyEngine(tmp_path)
    before.count()  # opened on the first build
    changed = replace(articles[3], title="Zanzibar regatta results")
    second = write_build(tmp_path, "build-2", [changed, *articles[-5:]], previous=first,
                         deleted=[a.id for a in articles[:4]])
    return first, second, before, TantivyEngine(tmp_path), changed


def test_an_incremental_build_applies_deletes_changes_and_adds(builds, articles):
    _, _, _, after, changed = builds
    assert after.count() == len(articles) - 3
    for gone in articles[:3]:
        assert after.document(gone.id) is None
    assert after.document(changed.id)["title"] == "Zanzibar regatta results"
    assert after.ranked_ids(SearchRequest(q="zanzibar"), q.Term("content", "zanzibar"), 10) == [changed.id]
    assert all(after.document(a.id) for a in articles[-5:])
    assert sum(after.per_source().values()) == len(articles) - 3


def test_the_previous_build_is_left_as_it_was(builds, articles):
    first, _, _, _, _ = builds
    old = TantivyEngine(first.parent)
    (first.parent / "current").unlink()
    (first.parent / "current").symlink_to(first.name)
    assert old.count() == len(articles) - 5
    assert old.document(articles[0].id) is not None
    assert old.ranked_ids(SearchRequest(q="zanzibar"), q.Term("content", "zanzibar"), 10) == []


def test_an_engine_follows_the_switch(builds, articles):
    _, _, before, _, _ = builds
    assert before.count() == len(articles) - 3


def test_the_vocabulary_follows_the_changes(builds):
    _, _, _, after, _ = builds
    assert after.words("zanzib", 5) == ["zanzibar"]
    assert after.frequency("zanzibar") == 1
    assert "zanzibar" in after.near("zansibar", 1)
    assert after.expand(q.Prefix("content", "zanzib"), 10) == ["zanzibar"]


def test_a_multi_word_leaf_expands_to_at_most_one_more_than_asked(engine):
    every = engine.expand(q.Prefix("content", "s"), 10_000)
    assert len(every) > 20 and every == sorted(every) and all(w.startswith("s") for w in every)
    assert engine.expand(q.Prefix("content", "s"), 20) == every[:21]
    assert engine.expand(q.Wildcard("content", "s?ria"), 10) == ["syria"]
    assert engine.expand(q.TermRange("content", "syria", "syrian"), 10) == [
        w for w in every if "syria" <= w <= "syrian"]
    assert engine.expand(q.TermRange("content", "syria", "syrian", start_excluded=True, end_excluded=True), 10) == [
        w for w in every if "syria" < w < "syrian"]
    fuzzy = engine.expand(q.Fuzzy("content", "syrja", distance=1, prefix=1), 10)
    assert "syria" in fuzzy and all(w.startswith("s") and abs(len(w) - 5) <= 1 for w in fuzzy)
