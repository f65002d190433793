"""Which sentences the entity model reads: those that may name someone it has not read yet.

The model is most of a rebuild's cost, and news repeats its names: "Tatiana Eriksson said ...",
then "Eriksson said" ten times. So the model reads each sentence holding a capitalised word that
no sentence it read held (a capitalised first word that the article also writes in lower case is
an ordinary word), and the names it found are matched in the sentences it skipped. On the
CoNLL news articles people and places score within 0.006 F1 of reading everything, in half the
model's time on long articles (README, "People and places").
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # extractors imports this module
    from searchapp.ingest.extractors import Mention

Span = tuple[int, int]

BOUNDARY = re.compile(r"[.!?][\"”’')]*\s+")
LAST_WORD = re.compile(r"(\S+?)[.!?][\"”’')]*\s+$")
# Not sentence ends: "St. Louis", "Gen. Mattis", "Sept. 3" (initials and "1." are caught by length).
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "sgt", "capt", "maj",
                 "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "aug", "sep",
                 "sept", "oct", "nov", "dec", "prof", "rev", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e"}
WORD = re.compile(r"\b[^\W\d_][\w'’.-]*")
ALWAYS_ORDINARY = {
    "the", "a", "an", "but", "and", "in", "on", "at", "he", "she", "it", "they", "we", "i", "this", "that",
    "there", "his", "her", "their", "its", "as", "for", "of", "to", "with", "by", "from", "if", "when",
    "while", "after", "before", "so", "yet", "or", "not", "no", "all", "some",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
}


def sentences(text: str) -> Iterator[Span]:
    """(start, end) of each sentence: lines, split where a sentence ends, not after initials,
    numbers or abbreviations ("A. Ranatunga", "1. Lars Riedel", "St. Louis")."""
    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        for end in BOUNDARY.finditer(line):
            last = LAST_WORD.search(line, max(0, end.start() - 64), end.end())  # not quadratic in the line
            word = last.group(1).lower().lstrip("(\"“'") if last else ""
            follows = line[end.end():end.end() + 2].lstrip("\"“‘(")[:1]
            if len(word) > 1 and not word.isdigit() and word not in ABBREVIATIONS and follows.isupper():
                yield start, pos + end.end()
                start = pos + end.end()
        if line[start - pos:].strip():
            yield start, pos + len(line)
        pos += len(line)


def to_read(text: str) -> list[Span]:
    """The spans the model must read: sentences with a capitalised word no earlier read
    sentence had, adjacent ones joined so that the model sees them as they stand."""
    ordinary = {w for w in WORD.findall(text) if w[0].islower()} | ALWAYS_ORDINARY
    seen: set[str] = set()
    spans: list[Span] = []
    for start, end in sentences(text):
        names = set()
        for word in WORD.finditer(text, start, end):
            name = word.group().rstrip(".'’")
            if not name[:1].isupper() or name.lower() in ALWAYS_ORDINARY:
                continue
            if name.lower() in ordinary and not text[start:word.start()].strip(" \"“‘(["):
                continue  # "Markets fell": a sentence's first word, written in lower case elsewhere
            names.add(name)
        if names - seen:
            seen |= names
            if spans and not text[spans[-1][1]:start].strip():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def repeats(found: list[Mention], text: str, read: list[Span]) -> list[Mention]:
    """The names found in the read spans, wherever they recur outside
    them, each with the label the model gave it most often; the longest name where they overlap."""
    if not found:
        return []
    labels: dict[str, Counter] = {}
    for mention in found:
        labels.setdefault(mention.text, Counter())[mention.label] += 1
    first = {mention.text: mention for mention in reversed(found)}
    names = "|".join(re.escape(name) for name in sorted(labels, key=len, reverse=True))
    starts = [start for start, _ in read]
    more = []
    for match in re.finditer(rf"(?<![\w'’-])(?:{names})(?![\w-])", text):
        n = bisect.bisect_right(starts, match.start()) - 1
        if (n >= 0 and match.start() < read[n][1]) or (n + 1 < len(read) and read[n + 1][0] < match.end()):
            continue  # read by the model
        name = match.group()
        more.append(first[name]._replace(label=labels[name].most_common(1)[0][0], start=match.start(),
                                         end=match.end()))
    return more
