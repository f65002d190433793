"""A query read in each language of the archive matches an article exactly as the article's own
language reads it (checked on the trees, with an evaluator of our own over articles as sets of
words), and with English alone it is the query as read before languages were told apart."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from searchapp.search import query as q
from searchapp.search.analysis import analysis_of, words
from searchapp.search.parse import parse_in, parse_query, parser_for
from searchapp.search.readings import FALSE, TRUE, UNKNOWN, mark, without_text
from searchapp.search.schema import ANALYSIS_FIELD

MIXED = ("en", "fr", "ar")
QUERIES = ["negotiations", "syrienne", "le régime syrien", '"le régime syrien"', "négo*", "négociations~",
           "title:[a TO c]", "person:putin", "person:putin -iran", "le person:putin", "talks date:2018",
           "مفاوضات", "the", "talks talks", "idlib OR aleppo", "(ceasefire OR truce) -russia",
           "title:talks body:geneva"]


@pytest.mark.parametrize("text", QUERIES)
def test_with_english_alone_a_query_is_read_as_before(text):
    assert parse_query(text, ("en",)) == parse_query(text)


@pytest.mark.parametrize("text", ["negotiations", "syrienne", "talks talks", "idlib OR aleppo",
                                  "title:talks body:geneva"])
def test_the_english_reading_of_a_mixed_archive_is_the_query_as_read_before(text):
    readings = parse_query(text, MIXED).query
    assert isinstance(readings, q.Readings) and readings.parts[0] == parse_query(text).query


def test_each_reading_is_in_its_language_and_marked_with_it():
    english, french, arabic = parse_query("négociations", MIXED).query.parts
    assert french == q.Or((q.Term("content", "!fr:negoci"), q.Term("title", "!fr:negoci", 0.2)))
    assert arabic.parts[0] == q.Term("content", "!ar:negociations")  # read as Arabic reads Latin letters
    assert english.parts[0] == q.Term("content", "negociat")


def test_a_stop_word_of_one_language_is_left_out_of_that_reading_only():
    english, french = parse_query("le régime syrien", ("en", "fr")).query.parts
    assert [p.parts[0].text for p in english.parts] == ["le", "regime", "syrien"]
    assert [p.parts[0].text for p in french.parts] == ["!fr:regim", "!fr:syrien"]
    assert parse_query("le", ("en", "fr")).query == parse_query("le").query  # French reads nothing


def test_words_common_to_every_reading_are_written_once():
    query = parse_query("talks date:2018", MIXED).query
    assert isinstance(query, q.And) and isinstance(query.parts[0], q.DateRange)
    assert isinstance(query.parts[1], q.Readings)
    assert parse_query("person:putin", MIXED).query == q.Term("people_text", "putin")


def test_a_reading_that_could_match_other_languages_is_restricted_to_its_own():
    english, french, _ = parse_query("person:putin -iran", MIXED).query.parts
    assert english.negative == q.Or((q.Term(ANALYSIS_FIELD, "fr"), q.Term(ANALYSIS_FIELD, "ar")))
    assert french.negative == q.Or((q.Term(ANALYSIS_FIELD, "en"), q.Term(ANALYSIS_FIELD, "ar")))
    query = parse_query("le person:putin", ("en", "fr")).query
    assert query == q.And((q.Term("people_text", "putin"), q.Readings((
        q.Or((q.Term("content", "le"), q.Term("title", "le", 0.2))), q.Term(ANALYSIS_FIELD, "fr")))))


@pytest.mark.parametrize("tree, found", [
    (q.Term("content", "x"), FALSE), (q.Term("people_text", "x"), UNKNOWN), (q.Every(), TRUE),
    (q.Not(q.Term("content", "x")), TRUE), (q.And((q.Term("people_text", "x"), q.Term("title", "y"))), FALSE),
    (q.Or((q.Term("people_text", "x"), q.Term("title", "y"))), UNKNOWN),
    (q.AndNot(q.Term("people_text", "x"), q.Term("body", "y")), UNKNOWN),
    (q.AndMaybe(q.Term("body", "y"), q.Every()), FALSE), (q.DateRange("date", datetime(2018, 1, 1), None), UNKNOWN),
])
def test_without_text_tells_whether_a_query_needs_its_words(tree, found):
    assert without_text(tree) == found


def test_the_english_reading_never_reaches_a_marked_word():
    assert parse_query("title:[TO c]", MIXED).query.parts[0] == q.TermRange("title", "0", "c")
    assert parse_query("title:[b TO]", MIXED).query.parts[0] == q.TermRange("title", "b", "")
    assert parse_query("title:[TO c]").query == q.TermRange("title", "", "c")  # English alone: as before
    assert all(word < "0" for word in words("text", "négociations syriennes مفاوضات rozmowy", "fr"))


def test_marking_keeps_the_marker_out_of_edits_and_ranges_within_the_language():
    assert mark(q.Fuzzy("content", "negoci", 1, 0), "fr") == q.Fuzzy("content", "!fr:negoci", 1, 4)
    assert mark(q.TermRange("title", "a", ""), "fr") == q.TermRange("title", "!fr:a", "!fr;", False, True)
    assert mark(q.Wildcard("body", "neg?ci*"), "fr") == q.Wildcard("body", "!fr:neg?ci*")
    assert mark(q.Term("people_text", "putin"), "fr") == q.Term("people_text", "putin")


# An evaluator of trees over articles given as their indexed words, to check what matches.
@dataclass(frozen=True)
class Doc:
    fields: dict

    def has(self, field: str, word: str) -> bool:
        return word in self.fields.get(field, ())


def matches(tree: q.Query, doc: Doc) -> bool:
    if isinstance(tree, q.Every):
        return True
    if isinstance(tree, q.Nothing):
        return False
    if isinstance(tree, q.And):
        return all(matches(p, doc) for p in tree.parts)
    if isinstance(tree, q.Or):
        return any(matches(p, doc) for p in tree.parts)
    if isinstance(tree, q.Not):
        return not matches(tree.part, doc)
    if isinstance(tree, q.AndNot):
        return matches(tree.positive, doc) and not matches(tree.negative, doc)
    if isinstance(tree, q.AndMaybe):
        return matches(tree.required, doc)
    if isinstance(tree, q.Term):
        return doc.has(tree.field, tree.text)
    if isinstance(tree, q.Phrase):  # order aside: enough to tell languages apart
        return all(doc.has(tree.field, w) for w in tree.words)
    if isinstance(tree, q.Prefix):
        return any(w.startswith(tree.text) for w in doc.fields.get(tree.field, ()))
    raise TypeError(tree)


def doc_of(text: str, names: str, language: str) -> Doc:
    indexed = set(words("text", text, language))
    return Doc({"content": indexed, "title": indexed, "body": indexed, "people_text": set(words("name", names)),
                ANALYSIS_FIELD: {analysis_of(language)}})


VOCABULARY = ["le", "la", "the", "of", "régime", "regime", "syrien", "syrienne", "talks", "négociations",
              "مفاوضات", "المفاوضات", "في", "iran", "genève"]
TOKENS = [*VOCABULARY, "OR", "AND", "-iran", "-le", "person:putin", "NOT", "(", ")", "nego*", "ar*", "fr*",
          '"le régime"']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TOKENS, "date:2018", "title:[a TO c]", "syri~", "«", "x^2", "+talks"]),
                min_size=1, max_size=6).map(" ".join))
def test_the_syntax_read_once_gives_each_languages_own_parse(text):
    def outcome(parse):
        try:
            return parse()
        except Exception as error:  # noqa: BLE001 - Whoosh's parser fails on some input ("NOT NOT le")
            return type(error)
    together = outcome(lambda: parse_in(text, MIXED))
    for analysis in MIXED:
        alone = outcome(lambda a=analysis: parser_for(a).parse(text))
        assert (together[analysis] if isinstance(together, dict) else together) == alone


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6).map(" ".join),
       st.lists(st.sampled_from(VOCABULARY), max_size=8).map(" ".join),
       st.sampled_from(["", "putin", "assad"]), st.sampled_from(MIXED))
def test_an_article_matches_the_readings_as_its_own_language_reads_the_query(text, article, names, language):
    doc = doc_of(article, names, language)
    combined = parse_query(text, MIXED)
    own = parse_query(text, (analysis_of(language),))
    # A query with no searchable words in the article's language alone ("le -iran" in French) is
    # searched as plain words in an archive of that language only; beside other languages that
    # have words to search, that reading is left out.
    assume(not own.notice or combined.notice)
    assert matches(combined.query, doc) == matches(own.query, doc)
