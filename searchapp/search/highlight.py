"""Mark the query's words in text; output is HTML escaped as it is made."""
from __future__ import annotations

from html import escape

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight

from searchapp.search.schema import TEXT_ANALYZER

FRAGMENTER = ContextFragmenter(maxchars=240, surround=60)
MARK = HtmlFormatter(tagname="mark", between=" … ")
MARK.template = "<%(tag)s>%(t)s</%(tag)s>"  # no per-term classes: the stylesheet marks all alike

SNIPPET_WORDS = 40


def mark_terms(text: str, terms: set[str]) -> str:
    """Return text as HTML with every word whose indexed form is in terms wrapped in <mark>."""
    if not terms:
        return escape(text, quote=False)
    pieces, position = [], 0
    for token in TEXT_ANALYZER(text, chars=True, removestops=False):
        if token.text in terms:
            pieces.append(escape(text[position:token.startchar], quote=False))
            pieces.append(f"<mark>{escape(text[token.startchar:token.endchar], quote=False)}</mark>")
            position = token.endchar
    pieces.append(escape(text[position:], quote=False))
    return "".join(pieces)


def snippet_of(text: str, terms: set[str]) -> str:
    """Up to two passages of text around the terms, marked; the opening words when none occur."""
    marked = highlight(text, frozenset(terms), TEXT_ANALYZER, FRAGMENTER, MARK, top=2) if terms else ""
    return marked or lead(text)


def lead(text: str, words: int = SNIPPET_WORDS) -> str:
    """The opening words of a text, escaped: the snippet when no query word is in the body."""
    parts = text.split()
    return escape(" ".join(parts[:words]) + (" …" if len(parts) > words else ""), quote=False)
