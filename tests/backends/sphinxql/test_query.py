"""Our parsed queries in SphinxQL: what searchd is asked, and what is refused with a reason."""
from __future__ import annotations

import pytest

from searchapp.errors import QueryError
from searchapp.search.query import parse_query
from searchapp.backends.sphinxql.query import NOTHING, encode, translate


def sphinx(q: str):
    return translate(parse_query(q).query)


def test_tokens_are_spelled_in_searchds_alphabet():
    assert encode("ceasefir") == "ceasefir"
    assert encode("u.s") == "_" + "u.s".encode().hex()
    assert encode("北京") == "_" + "北京".encode().hex()
    long = encode("x" * 60)
    assert long.startswith("_") and len(long) <= 40 and long != encode("x" * 61)


def test_words_phrases_prefixes_and_exclusions():
    assert sphinx("idlib ceasefire") == ("@(content,title) idlib @(content,title) ceasefir", [])
    assert sphinx('"idlib ceasefire"') == ('(@content "idlib ceasefir" | @title "idlib ceasefir")', [])
    assert sphinx('"putin sochi"~3')[0] == '(@content "putin sochi"~3 | @title "putin sochi"~3)'
    assert sphinx("cease*") == ("@(content,title) ceas*", [])
    assert sphinx("putin -erdogan") == ("@(content,title) putin -(@(content,title) erdogan)", [])
    assert sphinx("person:putin") == ("@people_text putin", [])


def test_dates_years_and_languages_are_filters():
    text, filters = sphinx("putin date:2018")
    assert text == "@(content,title) putin"
    assert filters == ["dated = 1 AND moment >= 1514764800 AND moment <= 1546300799"]
    assert sphinx("putin -year:2018")[1] == ["year <> 2018"]
    assert sphinx("date:2018")[0] == ""


def test_what_searchd_cannot_run_is_refused_with_a_reason():
    for q, reason in [("ceasfire~", "similar spellings"), ("NOT putin", "at least one word"),
                      ("putin -date:2018", "not be excluded"), ("putin OR year:2018", "field \"year\""),
                      ("date:2018 OR putin", "only narrow")]:
        with pytest.raises(QueryError, match=reason):
            sphinx(q)


def test_a_query_without_searchable_words_matches_nothing():
    assert sphinx("the") == ("", [NOTHING])
