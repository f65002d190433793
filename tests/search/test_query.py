import pytest
from whoosh import query as wq
from whoosh.index import create_in, open_dir

from searchapp.errors import QueryError
from searchapp.search.query import check_breadth, parse_query
from searchapp.search.schema import SCHEMA


@pytest.mark.parametrize("text, notice, words", [
    ('"unclosed phrase', "quotation mark is not closed", "unclosed phrase"),
    ("(idlib OR sochi", "parenthesis is not closed", "idlib sochi"),
    ("idlib) sochi", "closing parenthesis has no opening", "idlib sochi"),
    ("title: idlib", '"title:" has nothing after it', "idlib"),
    ("idlib title:", '"title:" has nothing after it', "idlib"),
    ("colour:red idlib", '"colour:" is not a field', "red idlib"),
    ("idlib AND", '"AND" has nothing to join', "idlib"),
    ("OR idlib", '"OR" has nothing to join', "idlib"),
])
def test_malformed_queries_fall_back_to_plain_words(text, notice, words):
    parsed = parse_query(text)
    assert notice in parsed.notice
    assert parsed.understood_as == words
    assert parsed.query is not wq.NullQuery


@pytest.mark.parametrize("text, expected", [
    ("idlib ceasefire", "And"),
    ('"three-way summit"', "Or"),
    ("person:putin place:sochi", "And"),
    ("idlib -aleppo", "AndNot"),
    ("erdo*", "Or"),
])
def test_well_formed_queries_parse_without_notice(text, expected):
    parsed = parse_query(text)
    assert (type(parsed.query).__name__, parsed.notice) == (expected, "")


def test_field_aliases_search_people_and_places_by_word():
    assert str(parse_query("person:Putin").query) == "people_text:putin"
    assert str(parse_query("place:Sochi").query) == "places_text:sochi"


def test_empty_query_matches_everything():
    assert isinstance(parse_query("  ").query, wq.Every)


def test_only_syntax_matches_nothing_with_a_notice():
    parsed = parse_query('"" ()')
    assert parsed.query is wq.NullQuery
    assert parsed.notice


@pytest.mark.parametrize("text, expected", [
    ("place:U.S.", 'places_text:"united states"'),
    ('place:"the U.K."', 'places_text:"united kingdom"'),
    ("place:Idlib", "places_text:idlib"),
    ("place:Smallville", "places_text:smallville"),
])
def test_place_values_are_the_canonical_ones(text, expected):
    assert str(parse_query(text).query) == expected


def test_an_unreadable_date_falls_back_to_plain_words():
    parsed = parse_query('date:"" idlib')
    assert parsed.notice.startswith("A date could not be read") and parsed.understood_as == "idlib"


def test_a_wildcard_standing_for_too_many_words_is_refused(tmp_path):
    with create_in(str(tmp_path), SCHEMA).writer() as writer:
        writer.add_document(id="1", title="words", content=" ".join(f"zed{n}" for n in range(1100)))
    with open_dir(str(tmp_path)).reader() as reader:
        check_breadth(parse_query("zed1*").query, reader)  # 211 words: allowed
        check_breadth(parse_query("zed1~1 ceasefire").query, reader)
        with pytest.raises(QueryError, match=r'"zed\*" stands for more than 1,024 different words'):
            check_breadth(parse_query("peace zed*").query, reader)
        with pytest.raises(QueryError, match=r'"zed\?\*" stands for more than 1,024'):
            check_breadth(parse_query("zed?*").query, reader)
        with pytest.raises(QueryError, match=r'range "0 TO " takes in more than 1,024'):
            check_breadth(parse_query("{0TO]").query, reader)  # found by the route fuzzer
