"""Which sentences the entity model reads: those that may name someone it has not read yet.

The model is most of a rebuild's cost, and news repeats its names: "Tatiana Eriksson said ...",
then "Eriksson said" ten times. So the model reads each sentence holding a capitalised word that
no sentence it read held (a capitalised first word that the article also writes in lower case is
an ordinary word), and the names it found are matched in the sentences it skipped. With the
names known from earlier articles (known_names.py), "no sentence it read" reaches across the
articles this process read, and the names found there are matched too (docs/entities.md).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Container, Iterator, Mapping
from typing import NamedTuple

Span = tuple[int, int]


class Mention(NamedTuple):
    label: str  # PER, LOC, or ORG (organisations mask text for other extractors, and make their facet)
    text: str
    start: int
    end: int
    kind: str = ""  # the model's own label ("NORP" for peoples, which mask text but are no organisation)
    said: bool = False  # the text's wording says what it is (a dateline, "the town of ..."): no model's guess


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


class Plan(NamedTuple):
    spans: list[Span]  # what the model reads
    words: set[str]  # the article's capitalised words, ordinary ones left out
    runs: set[str]  # the runs of capitalised words in what the model reads: "Alexander Lebed"


def to_read(text: str) -> list[Span]:
    """The spans the model must read in an article read alone."""
    return plan_reading(text).spans


def plan_reading(text: str, known: Container[str] = frozenset()) -> Plan:
    """The spans the model must read: sentences with a capitalised word that no earlier read
    sentence had, unless the run of capitalised words it stands in is `known` (read in an earlier
    article), adjacent ones joined so that the model sees them as they stand."""
    ordinary = {w for w in WORD.findall(text) if w[0].islower()} | ALWAYS_ORDINARY
    seen: set[str] = set()
    runs_read: set[str] = set()
    spans: list[Span] = []
    for start, end in sentences(text):
        runs: list[list[str]] = []
        last_end = -1
        for word in WORD.finditer(text, start, end):
            name = word.group().rstrip(".'’")
            if not name[:1].isupper() or name.lower() in ALWAYS_ORDINARY:
                continue
            if name.lower() in ordinary and not text[start:word.start()].strip(" \"“‘(["):
                continue  # "Markets fell": a sentence's first word, written in lower case elsewhere
            if runs and word.start() == last_end + 1 and text[last_end] == " ":
                runs[-1].append(name)
            else:
                runs.append([name])
            last_end = word.start() + len(name)
        joined = [" ".join(run) for run in runs]
        # a run holding a word new to the article that no earlier article's read sentence held whole
        new = any(not seen.issuperset(run) and whole not in known for run, whole in zip(runs, joined, strict=True))
        seen.update(*runs)
        if new:
            runs_read.update(joined)
            if spans and not text[spans[-1][1]:start].strip():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return Plan(spans, seen, runs_read)


def repeats(found: list[Mention], text: str, read: list[Span],
            known: Mapping[str, Counter[tuple[str, str]]] | None = None) -> list[Mention]:
    """The names found in the read spans, and the `known` names found before (name -> how often
    the model read it as each (label, kind)), wherever they recur outside the read spans, each with
    the label the model gave it most often (in this article if it read the name here, else before);
    the longest name where they overlap."""
    labels: dict[str, Counter] = {}
    for mention in found:
        labels.setdefault(mention.text, Counter())[mention.label] += 1
    first = {mention.text: mention for mention in reversed(found)}
    for name, readings in (known or {}).items():
        if name not in first and readings:
            label, kind = majority(readings)
            first[name], labels[name] = Mention(label, name, 0, 0, kind), Counter({label: 1})
    if not labels:
        return []
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


def majority(readings: Counter[tuple[str, str]]) -> tuple[str, str]:
    """The (label, kind) of a name read several ways: the label given most often, and its kind given most often."""
    by_label: Counter[str] = Counter()
    for (label, _), count in readings.items():
        by_label[label] += count
    label = by_label.most_common(1)[0][0]
    _, kind = max((pair for pair in readings if pair[0] == label), key=lambda pair: readings[pair])
    return label, kind
