"""Image captions and photo credits: taken out of the page before extraction, kept when they are the article's."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from searchapp.ingest.html import first, long_paragraph_text, remove, text_of
from searchapp.text import squash

CAPTION_WORDS = {"caption", "figcaption", "credit", "credits", "photo-credit", "image-credit"}
WORD_SPLIT = re.compile(r"[-_\s]+")
SHARE_OF_ARTICLE = 0.2  # a box holding this share of the page's running text is (part of) the article
# Elements whose text is matched against the body's paragraphs to find where the article is.
PARAGRAPHS = ("p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre", "dd")
SENTENCE_WORDS = 8  # a paragraph this long is found once on a page; shorter ones ("Related") may be anywhere


@dataclass(frozen=True, slots=True)
class Caption:
    text: str
    at: int  # the element's place in page order
    around: tuple[HtmlElement, ...]  # the elements it was in


@dataclass(frozen=True, slots=True)
class Taken:
    """The captions taken out of a page, and the place in page order of every element it had."""

    captions: list[Caption]
    order: dict[HtmlElement, int]


def take_captions(root: HtmlElement) -> Taken:
    """Remove figures and captions from the tree and return their text, in page order."""
    marked = [element for element in root.iter(etree.Element) if is_caption_class(element.get("class"))]
    found = [*root.iter("figcaption"), *marked]
    order = page_order(root) if found else {}
    captions = []
    paragraphs: tuple[dict[HtmlElement, int], int] | None = None
    for element in found:
        if not in_tree(element, root):  # inside a caption taken already
            continue
        if first(element, "p") is not None:
            # A box that holds much of the page's running text is the article, whatever its
            # class says ("tag-tax-credits" on a blog post's wrapper).
            inside, total = paragraphs = paragraphs or long_paragraph_text(root)
            if inside.get(element, 0) >= SHARE_OF_ARTICLE * max(total, 1):
                continue
        text = text_of(element)
        if text:
            captions.append(Caption(re.sub(r"\s+", " ", text), order[element], tuple(element.iterancestors())))
        remove(element)
    for figure in list(root.iter("figure")):
        remove(figure)
    return Taken(captions, order)


def of_the_article(taken: Taken, root: HtmlElement, body: list[str]) -> list[str]:
    """The captions of the article whose body is `body`: not those after the element that holds its
    paragraphs (a sidebar's pictures, the next stories' thumbnails, a footer's slideshow)."""
    if not taken.captions:
        return []
    holder = article_element(root, body)
    begins = taken.order.get(holder) if holder is not None else None
    return [caption.text for caption in taken.captions
            if begins is None or holder in caption.around or caption.at < begins]


def distinct(captions: list[str]) -> list[str]:
    """The captions less those whose every word another one holds: a credit repeated at the end of
    its caption, a caption shown twice (once with its credit first)."""
    words = [Counter(squash(caption).split()) for caption in captions]
    return [caption for n, (caption, mine) in enumerate(zip(captions, words, strict=True))
            if mine and not any(mine <= other and (mine != other or m < n)
                                for m, other in enumerate(words) if m != n)]


def article_element(root: HtmlElement, body: list[str]) -> HtmlElement | None:
    """The innermost element holding every paragraph of the body that the page has as one element
    of its own (sentence-long ones only), or None when those hold less than half the body's words
    (a body made of text the page does not hold as paragraphs, a slideshow's caption)."""
    wanted = {squash(paragraph): len(paragraph.split()) for paragraph in body
              if len(paragraph.split()) >= SENTENCE_WORDS}
    # After the pre-pass the tree holds no script or style, so its elements' text is what readers see.
    keys = ((element, squash("".join(element.itertext()))) for element in root.iter(*PARAGRAPHS))
    holders, found = [], set()
    for element, key in keys:
        if key in wanted:
            holders.append(element)
            found.add(key)
    if not holders or 2 * sum(wanted[key] for key in found) < sum(len(paragraph.split()) for paragraph in body):
        return None
    common = list(reversed(list(holders[0].iterancestors())))
    for element in holders[1:]:
        chain = list(reversed(list(element.iterancestors())))
        size = 0
        while size < min(len(common), len(chain)) and common[size] is chain[size]:
            size += 1
        common = common[:size]
    return common[-1] if common else None


def page_order(root: HtmlElement) -> dict[HtmlElement, int]:
    return {element: number for number, element in enumerate(root.iter(etree.Element))}


def is_caption_class(value: str | None) -> bool:
    if not value:
        return False
    parts = set(WORD_SPLIT.split(value.lower()))
    return bool(parts & CAPTION_WORDS) or any(p.endswith("caption") for p in parts)


def in_tree(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether the element is still in the page (neither it nor an ancestor was removed)."""
    ancestors = list(element.iterancestors())
    return (ancestors[-1] if ancestors else element) is root
