"""The organisations an article names, one value each: parties, armed groups, companies, agencies,
international bodies (what the NYT index calls organizations).

They come from the model's ORG mentions and the rules' "Name (INITIALS)" ones. Mentions are tidied
("the U.N.'s" -> "U.N.", "Interfax news agency" -> "Interfax"); initials and short forms join the
one full name the article gives them ("HTS" -> "Hayat Tahrir al-Sham", "U.N." -> "United Nations",
"Tahrir al-Sham" -> "Hayat Tahrir al-Sham"). Left out: peoples and creeds (the model's NORP:
"Syrian", "Muslims"), names the article's people and places hold ("Arbil" in a dateline, "Wang"),
and news desks' sign-offs ("-- Bucharest Newsroom +40-1 ...").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from searchapp.ingest.extractors import LEGAL_ENDS, NOT_NAME_WORDS, ROLES, Mention
from searchapp.ingest.gazetteer import lookup
from searchapp.text import fold

INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}$")  # "U.N.", "HTS", "AT&T"
SIGN_OFF = re.compile(r"[ \t]*--")  # a wire story's last line: desk and telephone number
AFTER_NUMBER = re.compile(r"\d ?$")
TITLE_WORD = re.compile(rf" (?:{ROLES})\b")  # "Defence" in "Defence Minister Sergei Shoigu" is part of a title
WORD_SPLIT = re.compile(r"[\s-]+")
# The words of a firm's name's legal end ("and Sons", "Co Inc"), as extractors.FIRM reads them.
LEGAL_SUFFIX = re.compile(rf"{LEGAL_ENDS}|Sons?|and|&")
# "Hayat Tahrir al-Sham, the jihadist alliance that ...": a name described by a word for a group.
# The words are English's own nouns for organisations, not names: they hold on any archive.
GROUP_WORDS = (r"group|alliance|coalition|party|movement|militia|front|organi[sz]ation|company|firm|agency|"
               r"bank|union|council|committee|network|faction|insurgency|bloc|federation|association")
DESCRIBED = re.compile(rf"\b([A-Z][\w'’-]*(?: (?:of |for |the |de )?(?:al-)?[A-Z][\w'’-]*)*), (?:the|an?) "
                       rf"(?:(?!(?:of|for|to|in|at|with|from|by|on|who|that) )[\w'’-]+ ){{0,4}}?(?:{GROUP_WORDS})\b")


def find_organisations(text: str, found: list[list[Mention]], taken: Iterable[str] = (),
                       canonical: bool = True) -> tuple[str, ...]:
    """One display name per organisation in the extractors' mentions, none of the names in `taken`
    (the article's people and places). With canonical=False every spelling the article used is
    kept apart ("U.N." and "United Nations"), as the evaluation data lists them."""
    mentions = [m for mentions in found for m in mentions]
    mentions += [Mention("ORG", m.group(1), m.start(1), m.end(1)) for m in DESCRIBED.finditer(text)]
    # A name a rule reads as a person or place ("envoy Staffan de Mistura") is none, whatever the model says.
    ruled_out = {fold(m.text) for m in mentions if m.label != "ORG" and not m.kind}
    names = [name for m in mentions if is_organisation(m, mentions, text) and (name := clean_organisation(m.text))
             and fold(m.text) not in ruled_out]
    others = {fold(name) for name in taken}
    others |= {fold(" ".join(name.split()[-n:])) for name in taken for n in (1, 2) if len(name.split()) > n}
    names = [name for name in names if not is_taken(name, others)]
    if canonical:
        names = [full_names(names).get(fold(name), without_dots(name)) for name in names]
    return pick_spelling(names)


def is_taken(name: str, others: set[str]) -> bool:
    """Whether the name is one of the article's people or places, as spelt or as the gazetteer names
    it ("Arbil" when the article's places hold "Erbil")."""
    if fold(name) in others or fold(without_dots(name)) in others:
        return True
    place = lookup(name)
    return place is not None and (fold(place.name) in others or place.kind in ("country", "state", "continent"))


def is_organisation(mention: Mention, mentions: list[Mention], text: str) -> bool:
    """An ORG mention that no person or place mention covers, not a people (NORP), not in a sign-off,
    not a unit."""
    if mention.label != "ORG" or mention.kind == "NORP":
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    if SIGN_OFF.match(text, line_start):
        return False
    if INITIALS.match(mention.text) and AFTER_NUMBER.search(text[max(0, mention.start - 2):mention.start]):
        return False  # "1430 GMT", "50 MW": initials after a number are a unit
    title = TITLE_WORD.match(text, mention.end)
    if title and title.group()[1].isupper() and " " not in mention.text and not INITIALS.match(mention.text):
        return False
    return not any(m.label != "ORG" and m.start <= mention.start and mention.end <= m.end for m in mentions)


def clean_organisation(text: str) -> str:
    """An organisation's name without "the", possessives, descriptions in lower case or what the
    model glued on; "" if nothing like a name is left."""
    name = re.split(r"[\n;(]", text)[0]
    name = re.sub(r"\s+", " ", name).strip(" \t,:\"“”[]-")
    name = re.sub(r"['’]s?$", "", name)
    words = name.split()
    while words and (words[0].lower() == "the" or words[0] in NOT_NAME_WORDS):
        words = words[1:]
    while words and not any(ch.isupper() or ch.isdigit() or ch == "&" for ch in words[-1]):
        words = words[:-1]  # "Interfax news agency", "State Department spokesperson"
    name = " ".join(words)
    if all(LEGAL_SUFFIX.fullmatch(word) for word in words):
        return ""  # "Sons", "Co Inc": the end of a firm's name the model read apart from the partners' names
    if len(name) < 2 or not name[0].isupper() or not any(ch.islower() or ch.isupper() for ch in name[1:]):
        return ""
    return name


def full_names(names: list[str]) -> dict[str, str]:
    """{folded short form: the one longer name it stands for in the article}: initials
    ("HTS", "U.N.") and last words ("Tahrir al-Sham") of exactly one longer name."""
    longer = list(dict.fromkeys(name for name in names if len(name.split()) > 1))
    found = {}
    for name in dict.fromkeys(names):
        if INITIALS.match(name):
            letters = without_dots(name).replace("&", "").lower()
            matches = [full for full in longer if initials(full) == letters]
        else:
            tokens = fold(name).split()
            matches = [full for full in longer if len(full.split()) > len(tokens)
                       and fold(full).split()[-len(tokens):] == tokens]
        matches = list(dict.fromkeys(matches))
        if len(matches) == 1:
            found[fold(name)] = matches[0]
    return found


def initials(name: str) -> str:
    """The first letters of a name's capitalised words: "Hayat Tahrir al-Sham" -> "hts"."""
    return "".join(word[0] for word in WORD_SPLIT.split(name) if word[:1].isupper()).lower()


def without_dots(name: str) -> str:
    """"U.N." -> "UN": initials are written both ways, and are one value."""
    return name.replace(".", "") if INITIALS.match(name) and "." in name else name


def pick_spelling(names: list[str]) -> tuple[str, ...]:
    """One display form per name, ignoring case and accents: the most used, then the first; a name
    in capitals that is no initials ("UNITED NATIONS" in a dateline) as a name is written."""
    forms: dict[str, Counter] = {}
    for name in names:
        forms.setdefault(fold(name), Counter())[name] += 1
    best = (max(counter, key=lambda f: (not shouted(f), counter[f])) for counter in forms.values())
    return tuple(name.title() if shouted(name) else name for name in best)


def shouted(name: str) -> bool:
    return name.isupper() and not INITIALS.match(name) and len(name) > 6
