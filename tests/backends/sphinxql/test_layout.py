"""Where shards live: every shard on two nodes, configs that agree with the writers and readers."""
from __future__ import annotations

import pytest

from searchapp.backends.sphinxql import layout
from searchapp.backends.sphinxql.layout import holders, key, node_config, nodes_of, shard_of
from searchapp.search.facets import REGISTRY, FacetSpec


def test_every_shard_has_two_copies_on_different_nodes():
    for count in (2, 3, 5):
        copies = [holders(shard, count) for shard in range(count)]
        assert all(len(set(c)) == 2 for c in copies)
        assert sorted(n for c in copies for n in c) == sorted(list(range(count)) * 2)  # load spread evenly
    assert holders(0, 1) == (0,)


def test_copies_of_a_story_go_to_one_shard_whatever_the_loader():
    assert key("story") == key("story") > 0 and key("story") != key("other")
    assert len({shard_of("story-1", 3) for _ in range(5)}) == 1
    assert {shard_of(f"story-{n}", 3) for n in range(100)} == {0, 1, 2}


def test_a_node_declares_its_shards_and_agents_for_all_mirrors():
    nodes = nodes_of("sphinxql://10.0.0.1:9306,10.0.0.2:9306,10.0.0.3:9306")
    config = node_config(nodes, 0, "/data")
    assert "index shard0_a" in config and "index shard2_b" in config and "index shard1_a" not in config
    assert "index searchapp_words_a" in config and "index searchapp_words_b" in config
    assert "agent_persistent = 10.0.0.1:9316:shard0_a|10.0.0.2:9316:shard0_a" in config
    assert "agent_persistent = 10.0.0.2:9316:shard1_b|10.0.0.3:9316:shard1_b" in config
    assert "listen = 10.0.0.1:9306:mysql41" in config and "listen = 10.0.0.1:9316\n" in config


@pytest.mark.parametrize("url", ["http://a:1", "sphinxql://", "sphinxql://host", "sphinxql://a:1,b"])
def test_a_malformed_backend_address_is_refused(url):
    with pytest.raises(ValueError, match=r"sphinxql|host:port"):
        nodes_of(url)


def test_fields_and_facet_attributes_come_from_the_model():
    assert layout.TEXT_FIELDS == ("title", "body", "content", "captions", "author", "analysis", "people_text",
                                  "places_text", "organisations_text", "source_text", "tags_text")
    facets = [column for column in layout.article_attributes() if column[1] in {s.field for s in REGISTRY}]
    assert facets == [("rt_attr_bigint", "source"), ("rt_attr_bigint", "language_name"), ("rt_attr_uint", "year"),
                      ("rt_attr_multi_64", "people"),
                      ("rt_attr_multi_64", "places"), ("rt_attr_multi_64", "organisations"),
                      ("rt_attr_multi_64", "countries"), ("rt_attr_multi_64", "tags")]


def test_a_facet_added_to_the_registry_is_one_more_attribute(monkeypatch):
    before = layout.article_attributes()
    monkeypatch.setattr(layout, "REGISTRY", (*REGISTRY, FacetSpec("desk", "Desks", "desks", lambda a: (a.section,))))
    assert set(layout.article_attributes()) - set(before) == {("rt_attr_multi_64", "desks")}
    assert "rt_attr_multi_64 = desks" in node_config(nodes_of("sphinxql://a:1,b:2"), 0, "/data")
    monkeypatch.setattr(layout, "REGISTRY", (*REGISTRY, FacetSpec("desk", "Desk", "desk", lambda a: (a.section,),
                                                                  multi=False)))
    assert set(layout.article_attributes()) - set(before) == {("rt_attr_bigint", "desk")}
