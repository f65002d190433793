import pytest

from searchapp.errors import PageError
from searchapp.ingest.clean import clean_html
from searchapp.ingest.html import parse_html
from tests.conftest import PAGES

BOILERPLATE = ["Advertisement", "cookies", "Share on", "Sign up", "Related articles", "Previous article",
               "Next article", "Privacy", "quantserve", "_qevents", "gtag", "By Nadia Okafor", "Lorenzo Quist",
               "Home", "Sport"]


@pytest.fixture(scope="module")
def cleaned():
    html = (PAGES / "site-a" / "ceasefire.html").read_text()
    return clean_html(parse_html(html))


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
    tree = parse_html("<html><body><nav>Home World</nav><p>This page has moved.</p></body></html>")
    with pytest.raises(PageError, match="no article text"):
        clean_html(tree)


def test_paragraph_credit_lines_go_to_captions():
    story = "".join(f"<p>Paragraph {n} tells the story of the talks in some detail, sentence after sentence.</p>"
                    for n in range(4))
    html = f"<html><body><article>{story}<p>(Ana Ruiz/Pool Photo via AP)</p></article></body></html>"
    body, captions = clean_html(parse_html(html))
    assert "Ana Ruiz" not in body
    assert captions == ("(Ana Ruiz/Pool Photo via AP)",)


def long_page(paragraphs: int = 6) -> str:
    text = "".join(f"<p>Paragraph {n} tells how the talks in Sochi went on: "
                   + " ".join(f"point{n}x{k}" for k in range(25)) + ".</p>" for n in range(paragraphs))
    return f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Talks</h1>{text}</article></body></html>"


def test_readability_is_asked_when_trafilatura_stops_early_and_its_fuller_text_wins(monkeypatch):
    from searchapp.ingest import clean
    first = "Paragraph 0 tells how the talks in Sochi went on: " + " ".join(f"point0x{k}" for k in range(25)) + "."
    monkeypatch.setattr(clean.trafilatura, "extract", lambda html, **kw: first)
    body, _ = clean_html(parse_html(long_page()))
    assert body.count("Paragraph") == 6


def test_readability_is_not_asked_when_it_cannot_find_half_as_much_again(monkeypatch):
    from searchapp.ingest import clean
    asked = []
    monkeypatch.setattr(clean, "readability_paragraphs", lambda html: asked.append(html) or [])
    body, _ = clean_html(parse_html(long_page()))
    assert body.count("Paragraph") == 6 and asked == []
