"""Extract an article's main text from HTML: our boilerplate pre-pass, then trafilatura."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from readability import Document

from searchapp.errors import PageError
from searchapp.ingest.boilerplate import MIN_WORDS, is_navigation, is_prompt, split_paragraphs, words
from searchapp.ingest.captions import SHARE_OF_ARTICLE, WORD_SPLIT, distinct, of_the_article, take_captions
from searchapp.ingest.header import header_of, read_after_headline
from searchapp.ingest.html import (
    first,
    long_paragraph_text,
    parse_fragment,
    parse_html,
    remove,
    serialise,
    short_text,
    strings,
    text_of,
)
from searchapp.text import squash

# Elements that never hold article text.
NEVER_TEXT = ["script", "style", "noscript", "iframe", "button", "svg", "template", "select", "input", "dialog"]
# Elements that hold boilerplate unless a site wraps its article in them (some put the whole
# page in a <form>, or the story in a <footer>-classed box): removed only when they hold little
# of the page's paragraph text.
AROUND_TEXT = ["nav", "aside", "footer", "form"]
AROUND = frozenset(AROUND_TEXT)
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
LISTS = frozenset({"ul", "ol"})
KEPT = frozenset({"html", "body", "article", "main"})  # never removed as boilerplate, whatever they hold
TITLE_WORDS = 10  # a box's title ("More about the search for the wreck:"), not text of its own
BLOCKS = ["p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre"]
# Elements that may be a lone pointer ("Read more", "Share on Facebook") rather than text.
POINTER_TAGS = frozenset({"a", "p", "li", "div", "span", "h2", "h3", "h4"})
FULLER = 1.5  # how much more text a second extraction must hold to replace the first
# Elements that hold text as blocks (for the densest block), and what never counts as text there.
CONTAINERS = frozenset({"p", "div", "td", "li", "article", "section", "main", "blockquote", "dd", "body"})
HIDDEN = frozenset(NEVER_TEXT)
# What a page says is a dialog over it (cookie consent, sign-up walls) is no article text, whatever
# tag it is made of.
DIALOGS = etree.XPath('//*[@role="dialog" or @role="alertdialog" or @aria-modal="true"]')


@dataclass(frozen=True, slots=True)
class Cleaned:
    body: str
    captions: tuple[str, ...]
    route: str  # what found the body: trafilatura, readability, paragraphs, whole page or densest block
    header: tuple[str, ...] = ()  # standfirst, byline and date lines between the headline and the body


def clean_html(root: HtmlElement, html: str, title: str = "") -> Cleaned:
    """The body, captions and header of a parsed page (the tree is consumed), without the page's
    title (the article's, from its metadata) and first <h1>. When cleaning leaves too little, the
    page as saved (html) is read again without our pre-pass rather than lost."""
    taken = take_captions(root)
    # The headline is metadata, not body; it stays in the tree because trafilatura uses it to
    # find where the article starts (removing it cost 3 points of recall on the eval set). The
    # first <h1> may be the site's logo, so the title the page declares is left out too.
    h1 = first(root, "h1")
    headline = {squash(text) for text in (text_of(h1) if h1 is not None else "", title)} - {""}
    after_headline = read_after_headline(root, title, HIDDEN, AROUND, BOILERPLATE_WORDS)
    remove_boilerplate(root)
    page_words = len(re.findall(r"\w+", " ".join(strings(root))))
    extracted = trafilatura.extract(  # trafilatura works on its own copy of the tree
        root, favor_precision=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False, output_format="txt",
    )
    paragraphs, route = (extracted or "").split("\n"), "trafilatura"
    # A second opinion: trafilatura sometimes stops after the first section of a long article
    # (Wired splits stories into several blocks); readability keeps them together. It is asked
    # only when it could win, i.e. hold half as much text again as trafilatura found: not when
    # trafilatura has two thirds of the page's words (most pages; readability is a tenth of a rebuild).
    if FULLER * len(shingles(" ".join(paragraphs))) < page_words:
        second = readability_paragraphs(serialise(root))
        if more_complete(second, paragraphs):
            paragraphs, route = second, "readability"
    if words(paragraphs) < MIN_WORDS:
        paragraphs, route = fallback_paragraphs(root), "paragraphs"
    body, credit_lines = body_of(paragraphs, headline)
    if words(body) < MIN_WORDS:
        body, credit_lines, route = whole_page(html, headline)
        in_body = squash(" ".join(body))
        taken = replace(taken, captions=[c for c in taken.captions  # a slideshow's text sits in a "caption"
                                         if squash(c.text) not in in_body])
    captions = of_the_article(taken, root, body)
    return Cleaned("\n\n".join(body), tuple(distinct(captions + credit_lines)), route,
                   tuple(header_of(after_headline, body, title)))


def body_of(paragraphs: list[str], headline: set[str]) -> tuple[list[str], list[str]]:
    """(body, credit lines) of extracted paragraphs, without navigation, prompts and the headline."""
    body, credit_lines = split_paragraphs(paragraphs)
    return [p for p in body if squash(p) not in headline], credit_lines


def whole_page(html: str, headline: set[str]) -> tuple[list[str], list[str], str]:
    """The article of a page whose cleaning left too little, from the page as saved: trafilatura
    on all of it, then readability, then its densest block of text; PageError when none finds one."""
    root = parse_html(html)
    for route, find in (("whole page", lambda: (trafilatura.extract(
            root, favor_precision=True, include_comments=False, include_tables=False, include_images=False,
            deduplicate=False, output_format="txt") or "").split("\n")),
                        ("readability", lambda: readability_paragraphs(html)),
                        ("densest block", lambda: densest_block(root))):
        body, credit_lines = body_of(find(), headline)
        if words(body) >= MIN_WORDS:
            return body, credit_lines, route
    raise PageError("no article text")


def densest_block(root: HtmlElement) -> list[str]:
    """The lines of the block element that holds the most text of its own (text in it and its
    inline elements, not in blocks inside it): an article in one <div> with <br>s, a caption."""
    own: dict[HtmlElement, int] = {}
    for element in root.iter(etree.Element):
        if element.tag in NEVER_TEXT:
            continue
        parent = element.getparent()
        for text, around in ((element.text, element), (element.tail, parent)):
            holder = block_of(around) if text and around is not None else None
            if holder is not None:
                own[holder] = own.get(holder, 0) + len(text.split())
    if not own:
        return []
    block = max(own, key=own.__getitem__)
    return [line for line in "\n".join(strings(block, hidden=HIDDEN)).split("\n") if line.strip()]


def block_of(element: HtmlElement) -> HtmlElement | None:
    """The element itself when it is a block, else the nearest block around it."""
    return next((e for e in (element, *element.iterancestors()) if e.tag in CONTAINERS), None)


def remove_boilerplate(root: HtmlElement) -> None:
    """Delete navigation, ads, share widgets, related links and banners, keeping the article."""
    for element in list(root.iter(*NEVER_TEXT)) + DIALOGS(root):
        remove(element)
    inside, total = long_paragraph_text(root)
    total = total or 1

    def around_article(element: HtmlElement) -> bool:
        if element.tag in KEPT:
            return False
        return ((element.tag in AROUND_TEXT or (marked_boilerplate(element) and mostly_links_or_short(element)))
                and inside.get(element, 0) < SHARE_OF_ARTICLE * total)

    def pointer(element: HtmlElement) -> bool:
        if element.tag not in POINTER_TAGS:
            return False
        text = short_text(element, 299)
        return text is not None and text != "" and (is_navigation(text) or is_prompt(text))

    prune(root, around_article)
    for box in link_lists(root):
        if inside.get(box, 0) < SHARE_OF_ARTICLE * total:
            remove(box)
    prune(root, pointer)


def prune(root: HtmlElement, unwanted) -> None:
    """Remove, in page order, each element that is unwanted when its turn comes (its subtree unvisited)."""
    stack = [root]
    while stack:
        element = stack.pop()
        if element is not root and unwanted(element):
            remove(element)
        else:
            stack.extend(reversed([child for child in element if isinstance(child.tag, str)]))


def mostly_links_or_short(element: HtmlElement) -> bool:
    """Related-links boxes are mostly links; widgets are short. Article wrappers are neither."""
    text = len(text_of(element))
    links = sum(len(text_of(a)) for a in element.iter("a") if a is not element)
    return text < 300 or links >= 0.25 * text


def link_lists(root: HtmlElement) -> list[HtmlElement]:
    """Lists of links (other stories, sections or tags), each with the box around it that holds
    nothing else but a title ("Related stories", "More from the blog:")."""
    boxes: list[HtmlElement] = []
    for found in root.iter(*LISTS):
        if not is_link_list(found) or any(box in found.iterancestors() for box in boxes):
            continue
        box, limit = found, words_in(found) + TITLE_WORDS
        for parent in found.iterancestors():
            if parent.tag in KEPT or words_in(parent, limit) > limit:
                break
            box = parent
        boxes.append(box)
    return boxes


def is_link_list(element: HtmlElement) -> bool:
    """Whether a list's every item (two or more) is mostly the text of its links."""
    items = [item for item in element if item.tag == "li"]
    return len(items) > 1 and all(2 * sum(letters(a) for a in item.iter("a")) >= letters(item) > 0 for item in items)


def letters(element: HtmlElement) -> int:
    """How long the element's text is, spaces aside."""
    return sum(len(word) for word in "".join(element.itertext()).split())


def words_in(element: HtmlElement, limit: int | None = None) -> int:
    """The words of the element's text, counted up to one more than limit."""
    count = 0
    for piece in element.itertext():
        count += len(piece.split())
        if limit is not None and count > limit:
            break
    return count


def marked_boilerplate(element: HtmlElement) -> bool:
    names = (element.get("class") or "") + " " + (element.get("id") or "")
    return bool(BOILERPLATE_WORDS.intersection(WORD_SPLIT.split(names.lower())))


def readability_paragraphs(html: str) -> list[str]:
    """The article's paragraphs according to readability (Mozilla's algorithm, in lxml)."""
    try:
        summary = Document(html).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - a second opinion may fail; the first one stands
        return []
    blocks = parse_fragment(summary).iter(*BLOCKS)
    return [text_of(b) for b in blocks if not any(a.tag in BLOCKS for a in b.iterancestors())]


def more_complete(candidate: list[str], current: list[str]) -> bool:
    """Whether candidate holds most of current and half as much again: the fuller extraction."""
    mine, theirs = shingles(" ".join(current)), shingles(" ".join(candidate))
    return bool(mine) and len(theirs) > FULLER * len(mine) and len(mine & theirs) >= 0.8 * len(mine)


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return {tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3))}


def fallback_paragraphs(root: HtmlElement) -> list[str]:
    """Paragraphs of the article element (or the whole page) when trafilatura finds nothing."""
    container = next((e for e in (first(root, "article"), first(root, "main"), first(root, "body")) if e is not None),
                     root)
    return [text_of(p) for p in container.iter("p") if p is not container]
