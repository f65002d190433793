"""The search box's suggestions with their kinds (/api/suggest), beside the OpenSearch ones (/suggest)."""
import pytest


def suggest(client, typed: str) -> dict:
    return client.get("/api/suggest", query_string={"q": typed}).get_json()


def test_a_name_says_its_kind_and_is_a_filter_a_word_goes_into_the_query(client):
    assert suggest(client, "Vla") == {"q": "Vla", "suggestions": [
        {"text": "Vladimir Putin", "kind": "person", "param": "person", "query": ""},
        {"text": "vladimir", "kind": "word", "param": None, "query": "vladimir"},
    ]}


def test_a_name_completes_the_end_of_what_was_typed(client):
    assert suggest(client, "ceasefire  Vla")["suggestions"] == [
        {"text": "Vladimir Putin", "kind": "person", "param": "person", "query": "ceasefire"},
        {"text": "ceasefire vladimir", "kind": "word", "param": None, "query": "ceasefire vladimir"},
    ]


@pytest.mark.parametrize(("typed", "text", "kind"), [
    ("Bru", "Brussels", "place"), ("europ", "European Union", "organisation"), ("Theresa M", "Theresa May", "person"),
    ("cease", "ceasefire", "word"),
])
def test_each_kind(client, typed, text, kind):
    found = suggest(client, typed)["suggestions"]
    assert {"text": text, "kind": kind} in [{"text": s["text"], "kind": s["kind"]} for s in found]


@pytest.mark.parametrize("typed", ["", "V", " ", "zzzz"])
def test_too_short_or_unknown_suggests_nothing(client, typed):
    assert suggest(client, typed)["suggestions"] == []


def test_the_opensearch_suggestions_keep_their_format(client):
    response = client.get("/suggest?q=Vla")
    assert response.mimetype == "application/x-suggestions+json"
    assert response.get_json() == ["Vla", ["Vladimir Putin", "vladimir"]]


def test_a_surname_offers_the_person_after_names_that_begin_with_it(client):
    found = [(s["text"], s["kind"]) for s in suggest(client, "puti")["suggestions"]]
    assert ("Vladimir Putin", "person") in found
    assert suggest(client, "putin")["suggestions"][0]["text"] == "Vladimir Putin"


def test_a_word_inside_a_name_is_matched_only_at_its_start(client):
    assert "Vladimir Putin" not in [s["text"] for s in suggest(client, "utin")["suggestions"]]
