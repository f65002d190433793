"""Mark the query's words in text, read in the text's language; output is HTML escaped as it is made."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from functools import lru_cache
from html import escape

from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, HtmlFormatter, mkfrag, top_fragments
from whoosh.support.charset import accent_map

from searchapp.search.analysis import DEFAULT_LANGUAGE, TEXT_ANALYZER, analysis_of, marker, text_analyzer

FRAGMENTER = ContextFragmenter(maxchars=240, surround=60)
MARK = HtmlFormatter(tagname="mark", between=" … ")
MARK.template = "<%(tag)s>%(t)s</%(tag)s>"  # no per-term classes: the stylesheet marks all alike

SNIPPET_WORDS = 40
SCORER = BasicFragmentScorer()
NON_ASCII = re.compile(r"[^\x00-\x7f]")
BREAK = "\n\n"  # between paragraphs
PARAGRAPH_BREAK = re.compile(BREAK)
WORD = re.compile(r"[\w*]")  # a character a token can hold
TOKEN = TEXT_ANALYZER.items[0].expression  # where the analyser's tokens lie; its filters drop none


def mark_terms(text: str, terms: set[str], language: str = "") -> str:
    """Return text as HTML with every word whose indexed form (in the text's language) is in
    terms wrapped in <mark>."""
    if not terms:
        return escape(text, quote=False)
    pieces, position = [], 0
    for token in text_analyzer(analysis_of(language))(text, chars=True, removestops=False):
        if token.text in terms:
            pieces.append(escape(text[position:token.startchar], quote=False))
            pieces.append(f"<mark>{escape(text[token.startchar:token.endchar], quote=False)}</mark>")
            position = token.endchar
    pieces.append(escape(text[position:], quote=False))
    return "".join(pieces)


def snippet_of(text: str, terms: set[str], language: str = "") -> str:
    """Up to two passages of text around the terms, marked; the opening words when none occur."""
    if not terms:
        return lead(text)
    analysis = analysis_of(language)
    if analysis != DEFAULT_LANGUAGE:
        return snippet_in(text, frozenset(t for t in terms if t.startswith(marker(analysis))), analysis)
    wanted = frozenset(terms)
    found = term_starts(text, wanted)
    if not found:
        return lead(text)
    candidates, starts = paragraphs_around(text, found)
    fragments = fragments_near(candidates, starts, wanted)
    return MARK(candidates, top_fragments(fragments, 2, SCORER, order=first)) or lead(text)


def paragraphs_around(text: str, places: list[int]) -> tuple[str, list[int]]:
    """The paragraphs of text that hold any of the places (ascending), joined as the text joins
    them, and where the places are in what that makes."""
    starts = [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]
    pieces: list[str] = []
    moved: list[int] = []
    length, last, begin, base = 0, -1, 0, 0
    for place in places:
        n = bisect_right(starts, place) - 1
        if n != last:
            end = starts[n + 1] - len(BREAK) if n + 1 < len(starts) else len(text)
            base = length + (len(BREAK) if pieces else 0)
            pieces.append(text[starts[n]:end])
            length, last, begin = base + end - starts[n], n, starts[n]
        moved.append(place - begin + base)
    return BREAK.join(pieces), moved


def snippet_in(text: str, terms: frozenset[str], analysis: str) -> str:
    """snippet_of for text in another language than English: every word of the text is analysed
    (the English way of finding the candidates first, by the letters a stem starts with, holds
    for Snowball's English stemmer only), and the passages are those Whoosh's highlight() finds."""
    if not terms:
        return lead(text)
    analyzer = text_analyzer(analysis)
    chosen = [p for p in text.split("\n\n") if any(t.text in terms for t in analyzer(p, removestops=False))]
    if not chosen:
        return lead(text)
    candidates = "\n\n".join(chosen)
    starts = [t.startchar for t in analyzer(candidates, chars=True, removestops=False) if t.text in terms]
    fragments = fragments_near(candidates, starts, terms, analysis)
    return MARK(candidates, top_fragments(fragments, 2, SCORER, order=first)) or lead(text)


def folded(text: str) -> str:
    """Text with accents folded as the analyser folds them, every character in its place (the
    map gives one character for one; of ASCII it only lowers a few capitals, which the prefix
    pattern ignores), without a dictionary look-up for every character."""
    return NON_ASCII.sub(lambda found: accent_map.get(ord(found.group()), found.group()), text)


def fragments_near(text: str, starts: list[int], terms: frozenset[str], analysis: str = DEFAULT_LANGUAGE) -> list:
    """The passages Whoosh's highlight() would find (its ContextFragmenter over the analyser's
    tokens, each told whether it is a term), made from the tokens near the terms only, in one
    loop: stemming every word of a long article costs more than the rest of a search.

    Only the words at starts (those that may be terms) are stemmed; of the others the fragmenter
    reads only where they lie. It looks back from a match only through the words of the last
    `surround` characters before it, and closes a fragment once the tokens after the last match
    add up to that length; so the tokens from a little before each start until no fragment is
    open are all it needs, with their true offsets. The fragmenter's steps below are Whoosh's, in
    its order."""
    maxchars, surround, charlimit = FRAGMENTER.maxchars, FRAGMENTER.surround, FRAGMENTER.charlimit
    token = TOKEN if analysis == DEFAULT_LANGUAGE else text_analyzer(analysis).items[0].expression
    candidates = set(starts)
    made: list = []
    firsts: deque[int] = deque()  # the fragmenter's state: the starts of the words just passed,
    first, countdown, matches, endchar, length = None, -1, [], None, 0  # and the fragment being made
    passed, pending = 0, 0  # text before `passed` is tokenised; starts[pending] is the next start
    while pending < len(starts):
        begin = max(passed, boundary_before(text, starts[pending], surround))
        began = False  # whether a start was passed in this stretch of tokens
        for found in token.finditer(text, begin):
            start, end = found.span()
            while pending < len(starts) and starts[pending] <= start:
                pending, began = pending + 1, True
            stem = None
            if start in candidates:
                indexed = stem_of(found.group(), analysis)
                if indexed in terms:
                    stem = indexed
            passed, endchar = end, end
            if charlimit and end > charlimit:
                pending = len(starts)
                break
            if countdown < 0 and stem is None:
                firsts.append(start)
                while firsts and end - firsts[0] > surround:
                    firsts.popleft()
            elif length + end - start > maxchars:
                countdown = 0
            elif stem is not None:
                countdown = surround
                if first is None:
                    if firsts:
                        first = firsts[0]
                    else:
                        first = start
                        countdown += surround
                matches.append(Place(stem, start, end))
            if countdown >= 0:
                length += end - start
                countdown -= end - start
                if countdown <= 0:
                    made.append(mkfrag(text, matches, startchar=first, endchar=end))
                    first, matches, length = None, [], 0
                    firsts = deque()
            if began and countdown < 0:  # no fragment open: go on a little before the next start
                break
        else:
            break
    if matches:
        made.append(mkfrag(text, matches, startchar=first, endchar=endchar))
    return made


@lru_cache(maxsize=65536)
def stem_of(word: str, analysis: str = DEFAULT_LANGUAGE) -> str:
    """A word as the index holds it: the same words come back in hit after hit."""
    return next(iter(text_analyzer(analysis)(word, mode="query", removestops=False))).text


class Place:
    """A term where it lies, as the scorer and the formatter read it."""

    __slots__ = ("boost", "endchar", "matched", "startchar", "text")

    def __init__(self, text: str, startchar: int, endchar: int) -> None:
        self.text, self.startchar, self.endchar, self.matched, self.boost = text, startchar, endchar, True, 1.0


def first(fragment) -> int:
    """Passages in the order they come in the text."""
    return fragment.startchar


def boundary_before(text: str, start: int, surround: int) -> int:
    """Where tokenising can begin before start as if from the text's beginning (after a space),
    with every word the fragmenter remembers at start: those within surround characters before
    the end of the last word before start."""
    end = start
    while end > 0 and not WORD.match(text, end - 1):
        end -= 1
    at = max(0, end - surround - 1)
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def term_starts(text: str, terms: frozenset[str]) -> list[int]:
    """Where the words of text start that may be one of the terms (prefix_pattern), found in the
    accent-folded, lower-cased text: a search for the prefixes alone runs several times faster
    than one that also looks behind every character for the start of a word."""
    lowered = folded(text).lower()
    pattern = prefix_pattern(terms)
    if len(lowered) != len(text):  # a capital that lowers to two characters ("İ"): places would move
        lowered, pattern = folded(text), re.compile(pattern.pattern, re.IGNORECASE)
    found, at = [], 0
    while match := pattern.search(lowered, at):
        start = match.start()
        if start and WORD.match(lowered, start - 1):  # inside a word ("oi" in "soil")
            at = start + 1
        else:
            found.append(start)
            at = match.end()
    return found


def prefix_pattern(terms: frozenset[str]) -> re.Pattern:
    """The lower-case starts of words of the accent-folded text that may be one of the terms:
    every English word starts with its Snowball stem but for the stem's last letter ("happy" ->
    "happi"), Porter2's dying, lying and tying aside (checked on 44,148 words of the relevance
    collections and the realistic archive); a shorter start would make every "of" a candidate
    for "oil". A word starts where no token character precedes it (tokens may hold "*": "*oil")."""
    starts = {re.escape(term[: max(1, len(term) - 1)]) for term in terms}
    starts |= {SHORTENED[term] for term in terms if term in SHORTENED}
    return re.compile("|".join(sorted(starts)))


SHORTENED = {"die": "dy", "lie": "ly", "tie": "ty"}  # Porter2's exceptions: dying, lying, tying


def lead(text: str, words: int = SNIPPET_WORDS) -> str:
    """The opening words of a text, escaped: the snippet when no query word is in the body."""
    parts = text.split()
    return escape(" ".join(parts[:words]) + (" …" if len(parts) > words else ""), quote=False)
