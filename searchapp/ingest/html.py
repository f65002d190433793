"""One parse of a saved HTML page, shared by metadata, cleaning, dates and extraction.

The tree is built the way trafilatura builds its own (comments and processing instructions
dropped, characters XML forbids removed), so handing it to trafilatura changes nothing but the
time a second parse would take.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring, fragment_fromstring

from searchapp.errors import PageError

PARSERS = threading.local()  # an lxml parser may not be used by two threads at once (the site's threads)
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Elements whose content is code or a template, never text a reader sees.
SILENT = frozenset({"script", "style", "template"})


def parse_html(text: str) -> HtmlElement:
    """The page's tree, rooted at <html>; a page with no markup at all is a PageError."""
    text = NOT_XML.sub("", text)
    try:
        return document_fromstring(text, parser=parser())
    except ValueError:  # a str that declares its encoding: parse its UTF-8 bytes instead
        pass
    except etree.ParserError as error:
        raise PageError("no article text") from error
    try:
        return document_fromstring(text.encode("utf-8"), parser=parser("utf-8"))
    except (ValueError, etree.ParserError) as error:
        raise PageError("no article text") from error


def parser(encoding: str | None = None) -> HTMLParser:
    """This thread's parser, built as trafilatura builds its own."""
    key = encoding or "text"
    found = getattr(PARSERS, key, None)
    if found is None:
        found = HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True,
                           encoding=encoding)
        setattr(PARSERS, key, found)
    return found


def parse_fragment(text: str) -> HtmlElement:
    """A piece of HTML (readability's summary) under one <div>."""
    return fragment_fromstring(NOT_XML.sub("", text), create_parent="div", parser=parser())


def strings(element: HtmlElement, hidden: frozenset[str] = SILENT) -> Iterator[str]:
    """The element's text nodes in order, leaving out what is inside hidden elements."""
    if next(element.iter(*hidden), None) is None:
        yield from element.itertext()
        return
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if node.tag in hidden:
                walker.skip_subtree()
            elif node.text:
                yield node.text
        elif node is not element and node.tail:
            yield node.tail


def text_of(element: HtmlElement) -> str:
    """The element's text, each piece stripped and joined by a space (as readers see it)."""
    return " ".join(piece for piece in (s.strip() for s in strings(element)) if piece)


def short_text(element: HtmlElement, limit: int) -> str | None:
    """text_of(element) when it is at most limit characters long, else None (read no further)."""
    pieces, size = [], -1
    for string in strings(element):
        piece = string.strip()
        if piece:
            size += len(piece) + 1
            if size > limit:
                return None
            pieces.append(piece)
    return " ".join(pieces)


def long_paragraph_text(root: HtmlElement) -> tuple[dict[HtmlElement, int], int]:
    """Characters of running text in long paragraphs (where the article is): within each
    element, and in the whole page. Preformatted text counts: wire copy sets its tables in <pre>."""
    inside: dict[HtmlElement, int] = {}
    total = 0
    for paragraph in root.iter("p", "pre"):
        size = len(text_of(paragraph))
        if size > 80:
            total += size
            for ancestor in paragraph.iterancestors():
                inside[ancestor] = inside.get(ancestor, 0) + size
    return inside, total


def first(root: HtmlElement, tag: str) -> HtmlElement | None:
    """The first element with this tag, in page order."""
    return next(root.iter(tag), None)


def remove(element: HtmlElement) -> None:
    """Take the element out of the tree, keeping the text that follows it."""
    if element.getparent() is not None:
        element.drop_tree()


def serialise(root: HtmlElement) -> str:
    return etree.tostring(root, encoding="unicode", method="html")
