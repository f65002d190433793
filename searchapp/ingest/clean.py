"""Extract an article's main text from HTML: our boilerplate pre-pass, then trafilatura."""
from __future__ import annotations

import re

import trafilatura
from bs4 import BeautifulSoup, Tag
from readability import Document

from searchapp.errors import PageError
from searchapp.ingest.boilerplate import MIN_WORDS, is_navigation, is_prompt, split_paragraphs, words

# Elements that never hold article text.
NEVER_TEXT = ["script", "style", "noscript", "iframe", "button", "svg", "template", "select", "input", "dialog"]
# Elements that hold boilerplate unless a site wraps its article in them (some put the whole
# page in a <form>, or the story in a <footer>-classed box): removed only when they hold little
# of the page's paragraph text.
AROUND_TEXT = ["nav", "aside", "footer", "form"]
SHARE_OF_ARTICLE = 0.2
# Words in class or id values that mark what sites add around articles (matched per word, so
# "ad" hits "ad-slot" but not "header" or "download").
BOILERPLATE_WORDS = {
    "share", "sharing", "sharebar", "social", "related", "newsletter", "signup", "subscribe",
    "cookie", "cookies", "consent", "gdpr", "ad", "ads", "adslot", "advert", "adverts",
    "advertisement", "promo", "sponsored", "outbrain", "taboola", "comments", "comment",
    "popular", "trending", "mostread", "breadcrumb", "breadcrumbs", "pagination", "pager",
    "byline", "author", "sidebar", "disqus", "paywall", "modal", "popup", "toolbar", "navigation",
    "menu", "masthead", "prevnext", "tags",
}
BLOCKS = ["p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre"]
CAPTION_WORDS = {"caption", "figcaption", "credit", "credits", "photo-credit", "image-credit"}
WORD_SPLIT = re.compile(r"[-_\s]+")
FULLER = 1.5  # how much more text a second extraction must hold to replace the first



def clean_html(soup: BeautifulSoup) -> tuple[str, tuple[str, ...]]:
    """Return (body, captions) of a parsed page; the soup is consumed."""
    captions = take_captions(soup)
    # The headline is metadata, not body; it stays in the tree because trafilatura uses it to
    # find where the article starts (removing it cost 3 points of recall on the eval set).
    h1 = soup.find("h1")
    headline = " ".join(h1.get_text(" ", strip=True).split()) if h1 else ""
    remove_boilerplate(soup)
    html = str(soup)
    extracted = trafilatura.extract(
        html, favor_precision=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False, output_format="txt",
    )
    paragraphs = (extracted or "").split("\n")
    # A second opinion: trafilatura sometimes stops after the first section of a long article
    # (Wired splits stories into several blocks); readability keeps them together. It is asked
    # only when it could win, i.e. hold half as much text again as trafilatura found: not when
    # trafilatura has two thirds of the page's words (most pages; readability is a tenth of a rebuild).
    if FULLER * len(shingles(" ".join(paragraphs))) < len(re.findall(r"\w+", soup.get_text(" "))):
        second = readability_paragraphs(html)
        if more_complete(second, paragraphs):
            paragraphs = second
    if words(paragraphs) < MIN_WORDS:
        paragraphs = fallback_paragraphs(soup)
    body, credit_lines = split_paragraphs(paragraphs)
    body = [p for p in body if " ".join(p.split()) != headline]
    if words(body) < MIN_WORDS:
        raise PageError("no article text")
    return "\n\n".join(body), tuple(unique(captions + credit_lines))


def take_captions(soup: BeautifulSoup) -> list[str]:
    """Remove figures and captions from the tree and return their text, in page order."""
    captions = []
    for element in soup.find_all("figcaption") + soup.find_all(class_=is_caption_class):
        if element.decomposed:
            continue
        text = element.get_text(" ", strip=True)
        if text:
            captions.append(re.sub(r"\s+", " ", text))
        element.decompose()
    for figure in soup.find_all("figure"):
        figure.decompose()
    return captions


def remove_boilerplate(soup: BeautifulSoup) -> None:
    """Delete navigation, ads, share widgets, related links and banners, keeping the article."""
    for element in soup.find_all(NEVER_TEXT):
        element.decompose()
    total = paragraph_text(soup) or 1
    for element in soup.find_all(True):
        if element.decomposed or element.name in ("html", "body", "article", "main"):
            continue
        if ((element.name in AROUND_TEXT or (marked_boilerplate(element) and mostly_links_or_short(element)))
                and paragraph_text(element) < SHARE_OF_ARTICLE * total):
            element.decompose()
    for element in soup.find_all(["a", "p", "li", "div", "span", "h2", "h3", "h4"]):
        if element.decomposed:
            continue
        text = element.get_text(" ", strip=True)
        if text and len(text) < 300 and (is_navigation(text) or is_prompt(text)):
            element.decompose()


def paragraph_text(element: Tag) -> int:
    """Characters of running text in an element's long paragraphs: where the article is."""
    return sum(len(t) for t in (p.get_text(" ", strip=True) for p in element.find_all("p")) if len(t) > 80)


def mostly_links_or_short(element: Tag) -> bool:
    """Related-links boxes are mostly links; widgets are short. Article wrappers are neither."""
    text = len(element.get_text(" ", strip=True))
    links = sum(len(a.get_text(" ", strip=True)) for a in element.find_all("a"))
    return text < 300 or links >= 0.25 * text


def marked_boilerplate(element: Tag) -> bool:
    names = " ".join(element.get("class") or []) + " " + str(element.get("id") or "")
    return bool(BOILERPLATE_WORDS.intersection(WORD_SPLIT.split(names.lower())))


def is_caption_class(value) -> bool:
    if not value:
        return False
    names = value if isinstance(value, str) else " ".join(value)
    parts = set(WORD_SPLIT.split(names.lower()))
    return bool(parts & CAPTION_WORDS) or any(p.endswith("caption") for p in parts)


def readability_paragraphs(html: str) -> list[str]:
    """The article's paragraphs according to readability (Mozilla's algorithm, in lxml)."""
    try:
        summary = Document(html).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - a second opinion may fail; the first one stands
        return []
    root = BeautifulSoup(summary, "lxml")
    blocks = root.find_all(BLOCKS)
    return [b.get_text(" ", strip=True) for b in blocks if not b.find_parent(BLOCKS)]


def more_complete(candidate: list[str], current: list[str]) -> bool:
    """Whether candidate holds most of current and half as much again: the fuller extraction."""
    mine, theirs = shingles(" ".join(current)), shingles(" ".join(candidate))
    return bool(mine) and len(theirs) > FULLER * len(mine) and len(mine & theirs) >= 0.8 * len(mine)


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return {tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))}


def fallback_paragraphs(soup: BeautifulSoup) -> list[str]:
    """Paragraphs of the article element (or the whole page) when trafilatura finds nothing."""
    root = soup.find("article") or soup.find("main") or soup.body or soup
    return [p.get_text(" ", strip=True) for p in root.find_all("p")]





def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
