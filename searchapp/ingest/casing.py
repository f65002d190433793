"""Headlines and table rows whose capitals say nothing about names, recased before the model reads them.

A Title-Case or upper-case headline capitalises every word ("Reagan Urges Fulfillment Of
Exchange"), so the model reads whole headlines as names. Such a line is rewritten with the casing
the article itself gives each word: "Reagan" where the body writes "Reagan" inside a sentence,
"urges" where it writes "urges" or never writes the word at all. The first word of a table row
("Shr 62 cts vs 55 cts", "Avg shrs 6.4 mln") is capitalised by its place only, so it loses it.
"""
from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"”’')]*\s+)[\"“‘(\[]*$")
DIGIT = re.compile(r"\d")
ROW_LABEL = re.compile(r"^(\s*)([A-Z][a-z]+)(?=\s)")
TITLE_CASE_SHARE = 0.8  # of a line's words capitalised: a headline set in Title Case or in capitals
TITLE_CASE_WORDS = 4  # shorter lines are names, labels or datelines as often as headlines
TABLE_ROW_WORDS = 8  # "Shr loss 14 cts vs profit nine cts"; longer lines are prose


def recase(title: str, body: str) -> list[str]:
    """The title and body lines, with headlines in doubt recased as the body writes their words."""
    lines = [title, *body.split("\n")] if title else body.split("\n")
    in_doubt = {i for i, line in enumerate(lines)
                if is_title_case(line) and ((i == 0 and bool(title)) or is_shouting(line))}
    forms = written_forms(line for i, line in enumerate(lines) if i not in in_doubt) if in_doubt else {}
    return [recased(line, forms) if i in in_doubt else line.title() if is_shouting(line)
            else table_row(line) if i or not title else line for i, line in enumerate(lines)]


def written_forms(lines) -> dict[str, str]:
    """How the article writes each word where its case means something: lower-case anywhere, or
    capitalised inside a sentence ("Reagan", "AEP"), which wins."""
    forms: dict[str, str] = {}
    for line in lines:
        for match in WORD.finditer(line):
            word = match.group().rstrip(".'’")
            key = word.lower()
            if word.islower():
                forms.setdefault(key, word)
            elif not starts_sentence(line, match.start()) and not is_table_label(line, match):
                forms[key] = word
    return forms


def starts_sentence(line: str, at: int) -> bool:
    return bool(SENTENCE_START.search(line, max(0, at - 8), at))


def recased(line: str, forms: dict[str, str]) -> str:
    """The line with each word as the article writes it; unknown words in lower case, the first
    one capitalised."""
    first = WORD.search(line)

    def form(match: re.Match) -> str:
        word = match.group()
        stem = word.rstrip(".'’")
        known = forms.get(stem.lower(), stem.lower())
        if match.start() == first.start() and known.islower():  # type: ignore[union-attr]
            known = known[:1].upper() + known[1:]
        return known + word[len(stem):]
    return WORD.sub(form, line)


def table_row(line: str) -> str:
    """ "shr 62 cts vs 55 cts": a table row's label in lower case; other lines unchanged."""
    match = ROW_LABEL.match(line)
    if match and is_table_label(line, match, 2):
        return line[:match.start(2)] + match.group(2).lower() + line[match.end(2):]
    return line


def is_table_label(line: str, match: re.Match, group: int = 0) -> bool:
    """A line's first word followed by figures and lower-case words only, no full stop or clause, as in
    "Revs 512.3 mln vs 498.7 mln" (a sentence, "Smith scored 12 points.", ends with one)."""
    if line[:match.start(group)].strip():
        return False
    rest = line[match.end(group):].rstrip()
    words = WORD.findall(rest)
    return (bool(DIGIT.search(rest)) and bool(words) and all(w.islower() for w in words)
            and not rest.endswith((".", "!", "?")) and ", " not in rest and len(words) <= TABLE_ROW_WORDS)


def is_title_case(line: str) -> bool:
    """Most words capitalised, as in "Reagan Urges Fulfillment Of Exchange" or "AEP> UNIT TO BUY"."""
    words = WORD.findall(line)
    return len(words) >= TITLE_CASE_WORDS and sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def is_shouting(line: str) -> bool:
    """A line in capitals (a headline or dateline), which models cannot read."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
