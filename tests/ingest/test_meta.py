from datetime import datetime

import pytest

from searchapp.ingest.dates import date_from_dateline, date_from_url, parse_date
from searchapp.ingest.html import parse_html
from searchapp.ingest.meta import Meta, read_meta
from tests.conftest import PAGES


def meta_of(html: str) -> Meta:
    return read_meta(parse_html(html))


def test_declared_metadata_of_a_full_page():
    meta = read_meta(parse_html((PAGES / "site-a" / "ceasefire.html").read_text()))
    assert meta == Meta(
        title="Ankara and Moscow agree Idlib ceasefire plan", source="The Test Courier",
        url="https://www.testcourier.example/2018/09/17/idlib-ceasefire-plan/?utm_source=feed",
        date=datetime(2018, 9, 17, 15, 30), date_source="json-ld", updated=datetime(2018, 9, 18, 8, 0),
        author="Nadia Okafor", language="en", section="World",
        tags=("Syria war", "Diplomacy", "Idlib", "ceasefire"),
    )


def test_json_ld_alone_is_enough():
    meta = meta_of("""<html><head><script type="application/ld+json">
        {"@graph": [{"@type": "NewsArticle", "headline": "Talks resume", "datePublished": "2018-10-02",
         "author": [{"name": "A. Writer"}, {"name": "B. Writer"}], "publisher": {"name": "Ledger"},
         "url": "https://ledger.example/talks"}]}</script></head><body></body></html>""")
    assert (meta.title, meta.source, meta.url, meta.date, meta.author) == (
        "Talks resume", "Ledger", "https://ledger.example/talks", datetime(2018, 10, 2), "A. Writer, B. Writer")


def test_site_name_from_title_suffix_and_time_element():
    meta = meta_of('<html><head><title>Storm hits coast - Harbour Times</title></head>'
                   '<body><h1>Storm hits coast</h1><time datetime="2018-09-14">Friday</time></body></html>')
    assert (meta.title, meta.source, meta.date, meta.date_source) == (
        "Storm hits coast", "Harbour Times", datetime(2018, 9, 14), "time")


@pytest.mark.parametrize("head, body, expected", [
    ('<meta property="article:published_time" content="2018-01-02">'
     '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2018-03-04"}</script>',
     '<time datetime="2018-05-06">x</time>', (datetime(2018, 3, 4), "json-ld")),
    ('<meta property="article:published_time" content="2018-01-02">', '<time datetime="2018-05-06">x</time>',
     (datetime(2018, 1, 2), "meta")),
    ("", '<time datetime="2018-05-06">x</time>', (datetime(2018, 5, 6), "time")),
    ("", '<p class="byline">Published on March 7, 2018 by staff</p><p>Text of the story goes here.</p>',
     (datetime(2018, 3, 7), "htmldate")),
    ("", "<p>No date anywhere in this page.</p>", (None, "")),
])
def test_date_precedence(head, body, expected):
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    meta = read_meta(parse_html(html))
    assert (meta.date, meta.date_source) == expected


def test_json_ld_keywords_as_list_and_meta_keywords_as_last_resort():
    assert meta_of('<script type="application/ld+json">{"@type": "NewsArticle", "keywords": ["Oil", " Gas "]}'
                   '</script>').tags == ("Oil", "Gas")
    assert meta_of('<meta name="keywords" content="storm, coast">').tags == ("storm", "coast")


def test_unknown_date_stays_unknown():
    assert meta_of("<html><head><title>No date here</title></head><body><p>Text</p></body></html>").date is None


def test_malformed_json_ld_is_ignored():
    meta = meta_of('<html><head><script type="application/ld+json">{not json</script>'
                   '<title>Plain</title></head></html>')
    assert meta.title == "Plain"


@pytest.mark.parametrize("url, expected", [
    ("https://x.example/2018/09/17/slug", datetime(2018, 9, 17)),
    ("2018-11-02-brexit-talks.txt", datetime(2018, 11, 2)),
    ("https://x.example/2018/13/40/slug", None),
    ("https://x.example/news/123456", None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize("body, year, expected", [
    ("MOSCOW, Oct. 2, 2018 (Meridian Post) - Russia said", None, datetime(2018, 10, 2)),
    ("ANKARA, Sept 14 (Harbour Times) - Turkey said", 2018, datetime(2018, 9, 14)),
    ("ANKARA, Sept 14 (Harbour Times) - Turkey said", None, None),
    ("Turkey said on Friday", 2018, None),
])
def test_date_from_dateline(body, year, expected):
    assert date_from_dateline(body, year) == expected


@pytest.mark.parametrize("text, expected", [
    ("September 17, 2018 10:00 EST", datetime(2018, 9, 17, 15, 0)),
    ("2018-09-17 10:00 XYZ", datetime(2018, 9, 17, 10, 0)),
    ("Monday", None),
    ("99999-01-01", None),
])
def test_parse_date_zones_and_nonsense(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("href, expected", [
    ("javascript:alert(1)", ""), ("/2018/09/17/relative", ""), ("https://ok.example/a", "https://ok.example/a"),
])
def test_only_absolute_web_urls_are_kept(href, expected):
    assert meta_of(f'<html><head><link rel="canonical" href="{href}"></head></html>').url == expected


@pytest.mark.parametrize("text, expected", [
    ("Title\n\nChris Davies - Nov 19, 2019, 10:31 pm CST\nBody", datetime(2019, 11, 19)),
    ("Title\n11/20/2019 01:14 PM\nBody", datetime(2019, 11, 20)),
    ("Title\nBy Tim Childers 2019-11-19T12:48:14Z Space\n", datetime(2019, 11, 19, 12, 48, 14)),
    ("Title\nNo date in this dump at all, only 2019 as a year.\n", None),
])
def test_date_written_near_the_top_of_a_dump(text, expected):
    from searchapp.ingest.dates import date_from_text
    assert date_from_text(text) == expected


@pytest.mark.parametrize(("head", "body", "title"), [
    # the first <h1> is the blog's name; the headline is a later one, the page's <title>
    ("<title>Ferry strike ends after two days</title>",
     "<h1>Harbour Views</h1><h1>Ferry strike ends after two days</h1>", "Ferry strike ends after two days"),
    # section and site names after the headline in og:title
    ('<meta property="og:title" content="Ferry strike ends | Transport | Harbour Times">',
     "<h1><a href='/'>HT</a></h1><h2>Ferry strike ends</h2>", "Ferry strike ends"),
    # the site's name before it, an inline element inside the heading
    ("<title>Harbour Times » Ferry strike ends after two days</title>",
     "<h2>Ferry strike ends after <i>two</i> days</h2>", "Ferry strike ends after two days"),
    # the social title is shorter than the headline the page shows and its <title> declares
    ('<meta property="og:title" content="Strike ends"><title>Ferry strike ends after two days - HT</title>',
     "<h1>Ferry strike ends after two days</h1>", "Ferry strike ends after two days"),
    # no heading is a title the page declares: og:title as before
    ('<meta property="og:title" content="Strike ends"><title>Strike over</title>',
     "<h1>Harbour Views</h1>", "Strike ends"),
])
def test_the_title_is_the_headline_the_page_shows_and_declares(head, body, title):
    assert meta_of(f"<html><head>{head}</head><body>{body}<p>Text</p></body></html>").title == title
