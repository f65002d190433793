import pytest

from searchapp.errors import PageError
from searchapp.ingest.clean import clean_html, remove_boilerplate
from searchapp.ingest.html import long_paragraph_text, parse_html
from tests.conftest import PAGES

BOILERPLATE = ["Advertisement", "cookies", "Share on", "Sign up", "Related articles", "Previous article",
               "Next article", "Privacy", "quantserve", "_qevents", "gtag", "By Nadia Okafor", "Lorenzo Quist",
               "Home", "Sport"]


def clean(html: str) -> tuple[str, tuple[str, ...]]:
    cleaned = clean_html(parse_html(html), html)
    return cleaned.body, cleaned.captions


@pytest.fixture(scope="module")
def cleaned():
    return clean((PAGES / "site-a" / "ceasefire.html").read_text())


def test_body_keeps_every_paragraph_in_order(cleaned):
    body, _ = cleaned
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Russian President Vladimir Putin")
    assert paragraphs[2].startswith("Erdogan said the agreement")
    assert paragraphs[-1].endswith("officials in Ankara and Moscow said.")


@pytest.mark.parametrize("text", BOILERPLATE)
def test_boilerplate_is_removed(cleaned, text):
    assert text not in cleaned[0]


def test_headline_is_not_repeated_in_body(cleaned):
    assert "Ankara and Moscow agree" not in cleaned[0]


def test_captions_and_credits_are_kept_apart(cleaned):
    assert cleaned[1] == ("The two presidents met in the resort city. (Lorenzo Quist/Test Agency)",)


def test_page_without_article_text_is_an_error():
    with pytest.raises(PageError, match="no article text"):
        clean("<html><body><nav>Home World</nav><p>This page has moved.</p></body></html>")


def test_paragraph_credit_lines_go_to_captions():
    story = "".join(f"<p>Paragraph {n} tells the story of the talks in some detail, sentence after sentence.</p>"
                    for n in range(4))
    html = f"<html><body><article>{story}<p>(Ana Ruiz/Pool Photo via AP)</p></article></body></html>"
    body, captions = clean(html)
    assert "Ana Ruiz" not in body
    assert captions == ("(Ana Ruiz/Pool Photo via AP)",)


def long_page(paragraphs: int = 6) -> str:
    text = "".join(f"<p>Paragraph {n} tells how the talks in Sochi went on: "
                   + " ".join(f"point{n}x{k}" for k in range(25)) + ".</p>" for n in range(paragraphs))
    return f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Talks</h1>{text}</article></body></html>"


def test_readability_is_asked_when_trafilatura_stops_early_and_its_fuller_text_wins(monkeypatch):
    from searchapp.ingest import clean as module
    first = "Paragraph 0 tells how the talks in Sochi went on: " + " ".join(f"point0x{k}" for k in range(25)) + "."
    monkeypatch.setattr(module.trafilatura, "extract", lambda html, **kw: first)
    body, _ = clean(long_page())
    assert body.count("Paragraph") == 6


def test_readability_is_not_asked_when_it_cannot_find_half_as_much_again(monkeypatch):
    from searchapp.ingest import clean as module
    asked = []
    monkeypatch.setattr(module, "readability_paragraphs", lambda html: asked.append(html) or [])
    body, _ = clean(long_page())
    assert body.count("Paragraph") == 6 and asked == []


SLIDESHOW = """<html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="slideshow"><h1>Monokinis hit the beach</h1><img src="1.jpg">
<div class="caption">The singer wore a monokini in Miami on July 21. One-pieces are back, and the
stars have taken to them all summer long, from Malibu to Saint-Tropez, our photographers say. The
cut, a swimsuit with the sides taken out, first turned up on the runways of Paris two seasons ago
and has since sold out in several department stores, its makers said on Friday.</div></div>
<footer>Copyright 2012</footer></body></html>"""


def test_an_article_held_in_a_caption_is_found_on_the_whole_page_not_lost():
    cleaned = clean_html(parse_html(SLIDESHOW), SLIDESHOW)
    assert cleaned.route == "whole page"
    assert "wore a monokini in Miami" in cleaned.body and "Home" not in cleaned.body
    assert not any("monokini" in caption for caption in cleaned.captions)  # not twice


def test_the_route_of_an_ordinary_page_is_trafilatura():
    html = (PAGES / "site-a" / "ceasefire.html").read_text()
    assert clean_html(parse_html(html), html).route == "trafilatura"


def test_the_densest_block_is_the_last_resort(monkeypatch):
    from searchapp.ingest import clean as module
    monkeypatch.setattr(module.trafilatura, "extract", lambda tree, **kw: "")
    monkeypatch.setattr(module, "readability_paragraphs", lambda html: [])
    cleaned = clean_html(parse_html(SLIDESHOW), SLIDESHOW)
    assert cleaned.route == "densest block" and "wore a monokini in Miami" in cleaned.body


def test_a_box_holding_the_article_is_not_a_caption_whatever_its_class_says():
    story = "".join(f"<p>Paragraph {n} of the post argues that the stimulus did less for jobs than its makers "
                    f"hoped, with figures from the labour market.</p>" for n in range(6))
    html = ("<html><body><nav><a href='/'>Home</a></nav><div class='post tag-tax-credits entry'>"
            f"<div class='photo-caption'>The professor at his desk.</div>{story}</div></body></html>")
    cleaned = clean_html(parse_html(html), html)
    assert cleaned.route == "trafilatura" and cleaned.body.count("Paragraph") == 6
    assert cleaned.captions == ("The professor at his desk.",)


def test_the_pages_title_is_not_repeated_in_the_body_when_the_first_h1_is_the_sites_logo():
    story = "".join(f"<p>Paragraph {n} says the county's schools stay closed on Thursday while crews clear "
                    "fallen trees from the roads.</p>" for n in range(4))
    html = (f"<html><body><h1><a href='/'>The County Ledger</a></h1><div class='post'>"
            f"<h2>Schools closed through Thursday</h2>{story}</div></body></html>")
    assert clean_html(parse_html(html), html, "Schools Closed Through Thursday").body.startswith("Paragraph 0")
    assert clean_html(parse_html(html), html).body.startswith("Schools closed through Thursday")


def story_with(extra: str) -> str:
    story = "".join(f"<p>Paragraph {n} says the museum reopened its east wing on Saturday after two years of "
                    "repairs to the roof.</p>" for n in range(4))
    return f"<html><body><article><h1>Museum reopens</h1>{story}{extra}</article></body></html>"


def pre_pass(html: str) -> str:
    from searchapp.ingest.clean import remove_boilerplate
    from searchapp.ingest.html import text_of

    root = parse_html(html)
    remove_boilerplate(root)
    return text_of(root)


def test_a_list_of_links_inside_the_article_goes_with_its_title():
    box = ("<div><div class='hd'><h3>More from the arts desk:</h3></div><ul>"
           "<li><a href='/a'>Opera house names its new director</a></li>"
           "<li><a href='/b'>The festival's ten best films</a> (June 2)</li></ul></div>")
    text = pre_pass(story_with(box))
    assert text.count("Paragraph") == 4
    assert "arts desk" not in text and "Opera house" not in text and "festival" not in text


def test_a_list_of_sentences_with_a_link_each_is_the_articles():
    items = ("<ul><li>The east wing holds <a href='/x'>the Roman coins</a> that were moved to storage in "
             "2021.</li><li>The cafe on the roof opens again in May, its owners said on Friday.</li></ul>")
    assert "Roman coins" in pre_pass(story_with(items))
    body = clean_html(parse_html(story_with(items)), story_with(items)).body
    assert "Roman coins" in body and "cafe on the roof" in body


CONSENT = ('<div id="cookie-consent" class="consent"{role}><p>We and our partners use cookies to store and access '
           'information on your device, to personalise content and ads and to measure audiences.</p>'
           '<button>Accept all</button></div>')
ROWS = ["COLUMBUS, Ohio, March 2 - Halvern Power Co said", "Shr 62 cts vs 55 cts", "Net 41.2 mln vs 36.8 mln",
        "Revs 512.3 mln vs 498.7 mln", "Avg shrs 66.4 mln vs 66.1 mln", "NOTE: Figures in U.S. Dlrs."]


def test_an_earnings_table_in_pre_is_the_article_not_the_cookie_banner():
    html = (f"<html><body>{CONSENT.format(role='')}<h1>Halvern Power Co 4th Qtr Net</h1>"
            f"<div itemprop='articleBody'><pre>{chr(10).join(ROWS)}</pre></div></body></html>")
    _, total = long_paragraph_text(parse_html(html))  # the table is the page's running text too
    assert total > len("\n".join(ROWS))
    body = clean_html(parse_html(html), html).body
    assert "Avg shrs 66.4 mln" in body and "cookies" not in body


def test_a_dialog_over_the_page_is_no_article_text():
    rows = "".join(f"<p>{row}</p>" for row in ROWS)  # short rows: no long paragraph marks the article
    html = (f"<html><body>{CONSENT.format(role=' role=dialog')}<h1>Halvern Power Co 4th Qtr Net</h1>"
            f"<div itemprop='articleBody'>{rows}</div></body></html>")
    root = parse_html(html)
    remove_boilerplate(root)
    assert "cookies" not in root.text_content() and "Avg shrs" in root.text_content()
    body = clean_html(parse_html(html), html).body
    assert "Avg shrs 66.4 mln" in body and "cookies" not in body
