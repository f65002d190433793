import pytest

from searchapp.search import query as q
from searchapp.search.parse import parse_query


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
    assert not isinstance(parsed.query, q.Nothing)


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
    assert parse_query("person:Putin").query == q.Term("people_text", "putin")
    assert parse_query("place:Sochi").query == q.Term("places_text", "sochi")


def test_empty_query_matches_everything():
    assert parse_query("  ").query == q.Every()


def test_only_syntax_matches_nothing_with_a_notice():
    parsed = parse_query('"" ()')
    assert parsed.query == q.Nothing()
    assert parsed.notice


@pytest.mark.parametrize("text, expected", [
    ("place:U.S.", q.Phrase("places_text", ("united", "states"))),
    ('place:"the U.K."', q.Phrase("places_text", ("united", "kingdom"))),
    ("place:Idlib", q.Term("places_text", "idlib")),
    ("place:Smallville", q.Term("places_text", "smallville")),
])
def test_place_values_are_the_canonical_ones(text, expected):
    assert parse_query(text).query == expected


def test_an_unreadable_date_falls_back_to_plain_words():
    parsed = parse_query('date:"" idlib')
    assert parsed.notice.startswith("A date could not be read") and parsed.understood_as == "idlib"


def test_every_kind_of_query_reads_into_the_tree():
    word = q.Or((q.Term("content", "idlib"), q.Term("title", "idlib", 0.2)))
    assert parse_query("idlib").query == word
    assert parse_query('"idlib ceasefire"~3').query == q.Or((
        q.Phrase("content", ("idlib", "ceasefir"), 3), q.Phrase("title", ("idlib", "ceasefir"), 3, 0.2)))
    assert parse_query("idl*").query == q.Or((q.Prefix("content", "idl"), q.Prefix("title", "idl", 0.2)))
    assert parse_query("title:id?ib").query == q.Wildcard("title", "id?ib")
    assert parse_query("title:idlibb~2").query == q.Fuzzy("title", "idlibb", 2, 0)
    assert parse_query("idlib -aleppo").query == q.AndNot(word, q.Or((q.Term("content", "aleppo"),
                                                                       q.Term("title", "aleppo", 0.2))))
    assert parse_query("+idlib aleppo").query.__class__ is q.AndMaybe
    assert parse_query("year:2018").query == q.Term("year", "2018")
    assert parse_query("title:{a TO b]").query == q.TermRange("title", "a", "b", True, False)


def test_dates_read_as_inclusive_ranges():
    from datetime import datetime
    day = parse_query("date:2018-09-17").query
    assert day == q.DateRange("date", datetime(2018, 9, 17), datetime(2018, 9, 17, 23, 59, 59, 999999))
    assert parse_query("date:[2018-09 TO]").query == q.DateRange("date", datetime(2018, 9, 1), None)


def test_a_word_written_twice_weighs_more():
    twice = parse_query("putin putin talks").query
    assert twice.parts[0].parts[0].boost == pytest.approx(1.6931, rel=1e-3)
    assert twice.parts[1].parts[0].boost == 1.0
