"""Clean plain-text dumps of saved pages (the "Quantcast <Site> - <Title>" format and kin)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from searchapp.errors import PageError
from searchapp.ingest.boilerplate import MIN_WORDS, is_credit, is_navigation, split_paragraphs, words

# Tracker names that page-dump tools leave in front of the site name on the first line.
TRACKERS = re.compile(r"^(?:(?:quantcast|google\s+analytics|chartbeat|comscore|gtm)\s+)+", re.I)
SHORT_LINE_PENALTY = 6
SENTENCE_END = re.compile(r"""[.!?。！？]["'”’)」』]*$|[.!?]\s*["'”’]$""")
CONTACT = re.compile(r"\S+@\S+\.\w+|https?://|www\.|©|\ball rights reserved\b", re.I)


@dataclass(frozen=True, slots=True)
class Dump:
    title: str
    source: str
    body: str
    captions: tuple[str, ...]


def clean_dump(text: str) -> Dump:
    """Split a text dump into title, source, body and captions."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = cut_navigation_tail(lines)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        raise PageError("no article text")
    first = lines[nonblank[0]].strip()
    title, source, start, repeated = first, "", nonblank[0] + 1, False
    # The title is repeated on its own line; what precedes it on the first line is the site.
    for i in nonblank[1:4]:
        candidate = lines[i].strip()
        if len(candidate) > 8 and first.endswith(candidate) and candidate != first:
            title = candidate
            source = TRACKERS.sub("", first[: -len(candidate)]).strip(" -|–—:")
            start, repeated = i + 1, True
            break
    else:
        title, source = split_title_line(first)
    blocks = paragraph_blocks(lines[start:])
    # Caption and teaser lines follow the title only in dumps that repeat it right away.
    captions, paragraphs = leading_captions(blocks) if repeated else ([], [line for b in blocks for line in b])
    body, credit_lines = split_paragraphs(main_region(paragraphs))
    if words(body) < MIN_WORDS:  # rather than lose the article, let its lines hold links and addresses
        body, credit_lines = split_paragraphs(main_region(paragraphs, contact=True))
    if words(body) < MIN_WORDS:
        raise PageError("no article text")
    return Dump(title=title, source=source, body="\n\n".join(body), captions=tuple(captions + credit_lines))


def split_title_line(first: str) -> tuple[str, str]:
    """Read "Tracker Site - Title" when the title is not repeated; else the line is the title."""
    stripped = TRACKERS.sub("", first)
    if stripped != first and " - " in stripped:
        source, title = stripped.split(" - ", 1)
        return title.strip(), source.strip()
    return first, ""


def cut_navigation_tail(lines: list[str]) -> list[str]:
    """Drop everything from the first prev/next-article line of the page's last lines on."""
    tail_start = max(0, len(lines) - 12)
    for i in range(tail_start, len(lines)):
        if lines[i].strip() and is_navigation(lines[i]):
            return lines[:i]
    return lines


def paragraph_blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into blocks separated by blank lines."""
    blocks, block = [], []
    for line in lines:
        if line.strip():
            block.append(line.strip())
        elif block:
            blocks.append(block)
            block = []
    if block:
        blocks.append(block)
    return blocks


def leading_captions(blocks: list[list[str]]) -> tuple[list[str], list[str]]:
    """Separate the caption and teaser lines that dumps put between the title and the story.

    Before the first real paragraph, lines that do not end a sentence are captions; lines that
    repeat the start of a later paragraph are teasers and are dropped.
    """
    captions: list[str] = []
    text = " ".join(line for block in blocks for line in block)
    first_paragraph = len(blocks)
    for index, block in enumerate(blocks):
        paragraph = len(block) == 1 and ends_sentence(block[0]) and not is_credit(block[0])
        if paragraph or any(words([line]) >= 60 for line in block):
            first_paragraph = index
            break
        captions.extend(line for line in block if text.count(line.rstrip(".")) == 1 and len(line.split()) >= 5)
    paragraphs = [line for block in blocks[first_paragraph:] for line in block]
    return captions, paragraphs


def main_region(lines: list[str], contact: bool = False) -> list[str]:
    """Keep the densest run of running text; menus, link lists and footers around it go.

    Each line weighs its word count when it reads like prose and a penalty otherwise; the
    article is the run of lines with the largest total (Kadane's maximum subarray). Lines with
    an address or a link count as prose only with contact=True (an article that gives a web
    address in every paragraph).
    """
    best, best_span, total, start = 0, (0, 0), 0, 0
    for index, line in enumerate(lines):
        weight = prose_weight(line) if is_prose(line, contact) else -SHORT_LINE_PENALTY
        if total <= 0:
            total, start = 0, index
        total += weight
        if total > best:
            best, best_span = total, (start, index + 1)
    region = lines[best_span[0]:best_span[1]]
    return [line for line in region if is_prose(line, contact) or ends_sentence(line, min_words=1) or is_credit(line)]


def is_prose(line: str, contact: bool = False) -> bool:
    """Tell whether a line reads like a paragraph of an article rather than a menu or a headline."""
    count = words([line])
    return (contact or not CONTACT.search(line)) and (count >= 14 or (count >= 5 and ends_sentence(line, min_words=5)))


def prose_weight(line: str) -> int:
    """Words a line adds to a region: full for sentences, half for run-on lines without an end."""
    count = min(words([line]), 120)
    return count if ends_sentence(line, min_words=1) else count // 2


def ends_sentence(line: str, min_words: int = 6) -> bool:
    """Tell whether a line ends like a sentence of running text."""
    return bool(SENTENCE_END.search(line.strip())) and words([line]) >= min_words
