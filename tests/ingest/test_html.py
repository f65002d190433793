import pytest

from searchapp.errors import PageError
from searchapp.ingest.html import parse_html, short_text, strings, text_of


def test_text_leaves_out_code_comments_and_keeps_what_follows():
    root = parse_html("<html><body><p>Ministers <!-- x -->met<script>var a = 1;</script> in "
                      "<b>Sochi</b><style>p {}</style>.</p></body></html>")
    assert text_of(root.body) == "Ministers met in Sochi ."


def test_a_page_that_declares_its_encoding_parses():
    root = parse_html('<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>café</p></body></html>')
    assert text_of(root.body) == "café"


def test_characters_xml_forbids_are_dropped():
    assert text_of(parse_html("<p>a\x00b\x0bc</p>").body) == "abc"


@pytest.mark.parametrize("page", ["", "   \n"])
def test_a_page_without_markup_is_a_page_error(page):
    with pytest.raises(PageError, match="no article text"):
        parse_html(page)


def test_short_text_stops_past_the_limit():
    root = parse_html("<div><a>Read more</a><p>" + "word " * 100 + "</p></div>")
    assert short_text(root.body[0][0], 299) == "Read more"
    assert short_text(root.body[0], 299) is None
    assert short_text(root.body[0], 10_000) == text_of(root.body[0])


def test_hidden_elements_are_skipped_with_their_content():
    root = parse_html("<div>a<svg><text>x</text></svg>b<noscript>c</noscript></div>")
    assert list(strings(root.body[0], hidden=frozenset({"svg", "noscript"}))) == ["a", "b"]


def test_threads_parse_at_once_and_each_gets_its_page():
    from concurrent.futures import ThreadPoolExecutor

    pages = [f"<html><body><p>Story number {n} about the harbour.</p></body></html>" for n in range(40)]
    with ThreadPoolExecutor(8) as pool:
        texts = list(pool.map(lambda page: text_of(parse_html(page).body), pages * 5))
    assert texts == [f"Story number {n} about the harbour." for n in range(40)] * 5
