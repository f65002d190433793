"""Our query tree in SphinxQL: what searchd is asked for each kind of node, and what is refused
with a reason."""
from __future__ import annotations

from datetime import datetime

import pytest

from searchapp.backends.sphinxql.layout import key
from searchapp.backends.sphinxql.query import NO_WORD, NOTHING, encode, translate
from searchapp.errors import QueryError
from searchapp.search import query as q
from searchapp.search.parse import parse_query
from searchapp.text import fold


def bare(word: str) -> q.Or:
    """A bare word as the parser writes it."""
    return q.Or((q.Term("content", word), q.Term("title", word, boost=0.3)))


def test_tokens_are_spelled_in_searchds_alphabet():
    assert encode("ceasefir") == "ceasefir"
    assert encode("u.s") == "_" + b"u.s".hex()
    assert encode("北京") == "_" + "北京".encode().hex()
    long = encode("x" * 60)
    assert long.startswith("_") and len(long) <= 40 and long != encode("x" * 61)


@pytest.mark.parametrize("tree, expected", [
    (q.Term("body", "putin"), ("@body putin", [])),
    (q.And((bare("idlib"), bare("ceasefir"))), ("@(content,title) idlib @(content,title) ceasefir", [])),
    (q.Or((q.Term("title", "brexit"), q.Term("body", "deal"))), ("(@title brexit | @body deal)", [])),
    (q.Phrase("content", ("idlib", "ceasefir")), ('@content "idlib ceasefir"', [])),
    (q.Phrase("content", ("putin", "sochi"), slop=3), ('@content "putin sochi"~3', [])),
    (q.Or((q.Prefix("content", "ceas"), q.Prefix("title", "ceas"))), ("@(content,title) ceas*", [])),
    (q.AndNot(bare("putin"), bare("erdogan")), ("@(content,title) putin -(@(content,title) erdogan)", [])),
    (q.And((bare("putin"), q.Not(bare("erdogan")))), ("@(content,title) putin -(@(content,title) erdogan)", [])),
    (q.AndMaybe(bare("putin"), bare("sochi")), ("@(content,title) putin", [])),
    (q.Term("people_text", "putin"), ("@people_text putin", [])),
    (q.Term("title", "u.s"), (f"@title {encode('u.s')}", [])),
    (q.Every(), ("", [])),
    (q.Nothing(), ("", [NOTHING])),
    (q.And((bare("putin"), q.Nothing())), ("@(content,title) putin", [NOTHING])),
])
def test_each_kind_of_node(tree, expected):
    assert translate(tree) == expected


def test_dates_years_languages_and_facet_values_are_filters():
    september = q.DateRange("date", datetime(2018, 9, 1), datetime(2018, 9, 30, 23, 59, 59))
    assert translate(q.And((bare("putin"), september))) == (
        "@(content,title) putin", ["dated = 1 AND moment >= 1535760000 AND moment <= 1538351999"])
    assert translate(q.DateRange("date", None, datetime(1970, 1, 2))) == ("", ["dated = 1 AND moment <= 86400"])
    assert translate(q.And((bare("putin"), q.Not(q.Term("year", "2018"))))) == (
        "@(content,title) putin", ["year NOT IN (2018)"])
    assert translate(q.Term("year", "unknown")) == ("", ["year = 0"])
    assert translate(q.Term("language", "en")) == ("", [f"language = {key('en')}"])
    assert translate(q.Term("people", "Recep Tayyip Erdoğan")) == ("", [
        f"people = {key(fold('Recep Tayyip Erdogan'))}"])


def test_any_of_several_values_of_one_facet_is_one_filter():
    """How the service writes a joined group's values (person:"Ronald Reagan" with "Reagan" alone)."""
    reagan = q.Or((q.Term("people", "Ronald Reagan"), q.Term("people", "Reagan"), q.Term("people", "REAGAN")))
    keys = f"{key('ronald reagan')},{key('reagan')}"
    assert translate(q.And((bare("trade"), reagan))) == ("@(content,title) trade", [f"people IN ({keys})"])
    assert translate(q.AndNot(bare("trade"), reagan)) == ("@(content,title) trade", [f"people NOT IN ({keys})"])
    with pytest.raises(QueryError):  # values of two facets are not one filter
        translate(q.Or((q.Term("people", "Reagan"), q.Term("places", "Geneva"))))


def test_wildcards_fuzzy_words_and_ranges_are_the_words_they_stand_for():
    listed = {"c?asef*": ["ceasefir"], "ceasfir": ["ceasefir", "ceasefirs"], "zz": []}

    def expand(leaf):
        return listed[getattr(leaf, "pattern", getattr(leaf, "text", getattr(leaf, "start", "")))]

    assert translate(q.Wildcard("content", "c?asef*"), expand) == ("@content (ceasefir)", [])
    assert translate(q.Fuzzy("title", "ceasfir"), expand) == ("@title (ceasefir | ceasefirs)", [])
    assert translate(q.TermRange("title", "zz", ""), expand) == (f"@title {NO_WORD}", [])


@pytest.mark.parametrize("tree, reason", [
    (q.Fuzzy("content", "ceasfir"), "vocabulary"),  # with nobody to list its words
    (q.Not(bare("putin")), "at least one word"),
    (q.And((bare("putin"), q.Not(q.DateRange("date", datetime(2018, 1, 1), None)))), "not be excluded"),
    (q.Or((bare("putin"), q.Term("year", "2018"))), "only narrow"),
    (q.Term("url", "x"), 'field "url"'),
    (q.Prefix("content", "ü"), "plain letters"),
    (q.Or((bare("putin"), q.Every())), "AND"),
])
def test_what_searchd_cannot_run_is_refused_with_a_reason(tree, reason):
    with pytest.raises(QueryError, match=reason):
        translate(tree)


def test_what_users_type_reaches_searchd_as_the_parser_reads_it():
    assert translate(parse_query("idlib ceasefire").query) == ("@(content,title) idlib @(content,title) ceasefir", [])
    assert translate(parse_query("person:putin -year:2018").query) == ("@people_text putin", ["year NOT IN (2018)"])
    assert translate(parse_query("the").query) == ("", [NOTHING])


def test_words_of_other_languages_are_spelled_apart_from_english_ones():
    assert encode("!fr:negoci") == "_fr_negoci"
    assert encode("!ar:مفاوض") == "_ar__" + "مفاوض".encode().hex()
    words = ["negoci", "fr", "_fr_negoci", "u.s", "x" * 60, "é" * 30, *(f"!{a}:{w}" for a in ("fr", "de", "plain")
                                                                     for w in ("negoci", "u.s", "x" * 60, "é" * 30))]
    spelled = [encode(w) for w in words]
    assert len(set(spelled)) == len(words) and all(len(s) <= 40 for s in spelled)
    assert all(not s.startswith(("fr", "de", "pla")) for s in spelled[6:])  # no English prefix reaches them


def test_queries_read_in_several_languages_reach_searchd_as_alternatives():
    assert translate(parse_query("négociations", ("en", "fr")).query) == (
        "(@(content,title) negociat | @(content,title) _fr_negoci)", [])
    assert translate(parse_query("négoc*", ("en", "fr")).query) == (
        "(@(content,title) negoc* | @(content,title) _fr_negoc*)", [])
    # A reading that could match articles of the other language without its words is kept to its own.
    assert translate(parse_query("source:quotidien -inondations", ("en", "fr")).query) == (
        "(((@source_text quotidien -(@(content,title) inond)) -(@analysis fr)) | "
        "((@source_text quotidien -(@(content,title) _fr_inond)) -(@analysis en)))", [])
    assert translate(parse_query("talks date:2018", ("en", "fr")).query)[1] == [
        "dated = 1 AND moment >= 1514764800 AND moment <= 1546300799"]


def test_prefixes_of_words_spelled_in_hex_are_the_words_the_vocabulary_lists():
    words = {"!ar:مفاو": ["!ar:مفاوض"]}
    assert translate(q.Prefix("content", "!ar:مفاو"), lambda leaf: words[leaf.text]) == (
        "@content (" + encode("!ar:مفاوض") + ")", [])
