"""Mark the query's words in text; output is HTML escaped as it is made."""
from __future__ import annotations

import re
from html import escape

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight
from whoosh.support.charset import accent_map

from searchapp.search.analysis import TEXT_ANALYZER

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
    candidates = paragraphs_with(text, terms) if terms else ""
    marked = highlight(candidates, frozenset(terms), TEXT_ANALYZER, FRAGMENTER, MARK, top=2) if candidates else ""
    return marked or lead(text)


def paragraphs_with(text: str, terms: set[str]) -> str:
    """The paragraphs that may hold one of the terms: stemming every word of a long article
    costs more than the rest of a search, so only paragraphs with a word starting like a term
    are analysed. A Snowball stem differs from its word in at most its last two letters
    (checked on 29,000 words of the evaluation collections), so a term's other letters must
    start a word of the accent-folded text."""
    starts = sorted({re.escape(term[: max(1, len(term) - 2)]) for term in terms})
    pattern = re.compile(r"\b(?:" + "|".join(starts) + ")", re.IGNORECASE)
    return "\n\n".join(p for p in text.split("\n\n") if pattern.search(p.translate(accent_map)))


def lead(text: str, words: int = SNIPPET_WORDS) -> str:
    """The opening words of a text, escaped: the snippet when no query word is in the body."""
    parts = text.split()
    return escape(" ".join(parts[:words]) + (" …" if len(parts) > words else ""), quote=False)
