"""The article's header: what the page shows between its headline and its first paragraph.

A standfirst ("Apple's on deck to report its third-quarter earnings today."), a byline and a date
line sit there on most news pages. They are no part of the body (the body is the story, and the
byline and the date are read into fields of their own), but readers see them with the story, so
they are indexed with it. The header is read before the pre-pass, which removes bylines with
the rest of what is marked around an article, and cut where the body begins once it is known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from searchapp.ingest.boilerplate import is_credit, is_navigation, is_prompt
from searchapp.ingest.captions import SENTENCE_WORDS, WORD_SPLIT
from searchapp.text import squash

READ_WORDS = 200  # how far after a headline a header may reach; further on it is the page, not a header
BYLINE_WORDS = 10  # a byline's box holds a name and a date, not a biography
NAME_WORDS = 4  # a link in a byline's box is the author's name, not a story's title
# Words in class or id values that mark a byline's box ("byline", "author vcard"), which the
# header keeps, unlike the other boxes the pre-pass removes (clean.BOILERPLATE_WORDS).
BYLINE_MARKS = frozenset({"byline", "author", "authors"})
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
BY = re.compile(r"by\b", re.I)
# Elements that start a line of their own.
LINE_TAGS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "td", "tr", "table", "h1", "h2", "h3", "h4",
                       "h5", "h6", "blockquote", "section", "header", "footer", "article", "aside", "nav", "form",
                       "address", "figure", "br", "hr", "main"})


@dataclass(slots=True)
class Line:
    pieces: list[str] = field(default_factory=list)  # as the page has them (a link may end mid-word)
    linked: int = 0  # letters inside links
    marked: bool = False  # inside a box marked as boilerplate (share, tags, ads) that is no byline's
    byline: bool = False  # inside a byline's box

    @property
    def text(self) -> str:
        return " ".join("".join(self.pieces).split())


def read_after_headline(root: HtmlElement, title: str, hidden: frozenset[str], around: frozenset[str],
                        boilerplate: frozenset[str] | set[str]) -> list[list[Line]]:
    """The lines after each heading that is the article's title, up to READ_WORDS words each
    (read before the pre-pass; `hidden` elements are never text; `around` elements (nav, form)
    and boxes whose class words are in `boilerplate` are not the article's)."""
    wanted = squash(title)
    if not wanted:
        return []
    size = len(wanted.replace(" ", ""))
    headings = []
    for heading in root.iter("h1", "h2", "h3", "h4"):
        text = "".join(heading.itertext())
        # Its length first: comparing the words of every heading of a page costs more.
        if size <= len("".join(text.split())) <= 2 * size and squash(text) == wanted:
            headings.append(heading)
    return [lines_after(heading, hidden, around, boilerplate) for heading in headings]


def lines_after(heading: HtmlElement, hidden: frozenset[str], around: frozenset[str],
                boilerplate: frozenset[str] | set[str]) -> list[Line]:
    """The page's text after the heading, in page order, one line per block, up to READ_WORDS words."""
    lines: list[Line] = []
    words, broken = 0, True  # broken: the next text starts a line

    def add(text: str | None, linked: bool, marked: bool, byline: bool) -> None:
        nonlocal words, broken
        if not text or text.isspace():
            return
        if broken:
            lines.append(Line())
            broken = False
        line = lines[-1]
        line.pieces.append(text)
        if linked:
            line.linked += len("".join(text.split()))
        line.marked |= marked
        line.byline |= byline
        words += len(text.split())

    def walk(element: HtmlElement, linked: bool, marked: bool, byline: bool) -> None:
        nonlocal broken
        tag = element.tag
        block = tag in LINE_TAGS
        broken |= block
        marked = marked or tag in around
        named = element.get("class"), element.get("id")
        if named[0] or named[1]:
            names = set(WORD_SPLIT.split(f"{named[0] or ''} {named[1] or ''}".lower()))
            byline = byline or not names.isdisjoint(BYLINE_MARKS)
            marked = marked or bool(names & boilerplate - BYLINE_MARKS)
        linked = linked or tag == "a"
        add(element.text, linked, marked, byline)
        for child in element:
            if words > READ_WORDS:
                return
            if isinstance(child.tag, str) and child.tag not in hidden:
                walk(child, linked, marked, byline)
            add(child.tail, linked, marked, byline)
        broken |= block

    node: HtmlElement | None = heading
    while node is not None and words <= READ_WORDS:
        broken = True
        add(node.tail, False, False, False)
        for sibling in node.itersiblings():
            if words > READ_WORDS:
                break
            if isinstance(sibling.tag, str) and sibling.tag not in hidden:
                walk(sibling, False, False, False)
            add(sibling.tail, False, False, False)
        node = node.getparent()
    return lines


def header_of(read: list[list[Line]], body: list[str], title: str) -> list[str]:
    """The header lines of the article whose body is `body`: those before the first sentence-long
    line that the body holds, after the last title heading that such a line follows closely
    (nothing when none does); lines the body's opening or the headline hold are not repeated."""
    # A header reaches READ_WORDS words, so only the body's opening can show in it.
    opening, count = [], 0
    for paragraph in body:
        if count > READ_WORDS:
            break
        opening.append(paragraph)
        count += len(paragraph.split())
    in_body, headline = f" {squash(' '.join(opening))} ", squash(title)
    for lines in reversed(read):
        before: list[tuple[Line, str]] = []
        for line in lines:
            key = squash(line.text)
            if f" {key} " in in_body and len(key.split()) >= SENTENCE_WORDS:  # where the body begins
                return [line.text for line, key in before
                        if f" {key} " not in in_body and key != headline and is_header_line(line)]
            before.append((line, key))
    return []


def is_header_line(line: Line) -> bool:
    """A standfirst (a sentence), a byline or a date line; not a share prompt, a link, a tag, a
    credit or an author's biography."""
    text = line.text
    count = len(text.split())
    if not re.search(r"\w", text) or is_prompt(text) or is_navigation(text) or is_credit(text) or line.marked:
        return False
    if BY.match(text):
        return count <= BYLINE_WORDS
    if 2 * line.linked > len(text.replace(" ", "")):  # another story, a tag, or the author's name
        return line.byline and count <= NAME_WORDS and all(word[0].isupper() for word in text.split())
    if line.byline:
        return count <= BYLINE_WORDS
    return count >= SENTENCE_WORDS or YEAR.search(text) is not None


def standfirst(header: tuple[str, ...] | list[str]) -> list[str]:
    """The header's sentences, which say what the story is: its byline and date lines are shown
    as the article's author and date already."""
    return [line for line in header if len(line.split()) >= SENTENCE_WORDS and not BY.match(line)]
