"""The people and places an article mentions, normalised for facets.

Mentions come from the extractors (model, rules, gazetteer); `normalise` folds them into one
name per person ("Erdogan" -> "Recep Tayyip Erdogan") and place ("U.S." -> "United States"),
and lists the countries the places lie in.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from searchapp.ingest.extractors import MODELS, ROLE_WORDS, Extractor, Mention, extractors_for, prepare_text
from searchapp.ingest.gazetteer import (
    implies_country,
    is_prominent,
    is_settlement,
    is_town,
    lookup,
    lookup_in,
    settlement_names,
)
from searchapp.ingest.known_names import forget
from searchapp.ingest.organisations import find_organisations
from searchapp.text import fold as fold_text

# The same names are folded again and again while an article is normalised (a fifth of its time).
fold = lru_cache(maxsize=1 << 16)(fold_text)

PARTICLE_TOKEN = re.compile(r"(?:de|da|di|del|der|van|von|bin|ibn|al|el|le|la|du|dos|das|y)"
                            r"|(?:al|el|ad|as|bin|ibn)-[A-Z][\w'’-]*")
# "Pirelli SpA", "Johnson Controls Inc": companies read as people.
COMPANY = re.compile(r"\b(?:Inc|Corp|Co|Ltd|Plc|SpA|AG|SA|NV|BV|GmbH|Group|Holdings|Bank|Fund|Airlines?|"
                     r"Newsroom|Party|Front|Army|Council|Ministry|Agency|Times|Post|News|Gazette|Herald|Tribune|"
                     r"Journal|Chronicle|Courier|Ledger|Wire|Press|Daily|Observer|Telegraph|Review|"
                     r"Office|Committee|Commission|Bureau|Department|Institute|University|College|Foundation|"
                     r"Association|Union|Alliance|Movement|Organi[sz]ation|Brothers|Exchange|Authority|Cent(?:er|re)|"
                     r"Museum|League|Federation|Club|Board|Gallery)\b\.?")
PLACE_SUFFIX = re.compile(r"\s+(?:province|provinces|region|governorate|district|county|state)$", re.I)
DEMONYM = re.compile(r"(?:ians?|ans|ese|ish|is|ens|i)$")
TOWN_AS_NAME = 200_000  # smaller towns share their names with people ("Clinton", "Dole")
ACRONYM = re.compile(r"^[A-Z]{2,}$")
ROMAN = re.compile(r"^[IVX]+$")
# "Dlrs", "Shr", "Qtr", "Mths": a word of three letters or more without a vowel is an abbreviation.
ABBREVIATION = re.compile(r"^[^\Waeiouy\d_]{3,}\.?$", re.I)
POSSESSIVE = re.compile(r"['’]s?$")
INNER_POSSESSIVE = re.compile(r"['’]s ")
# French civilities before a name ("M. Erdogan", "Mme Merkel"), as ROLE_WORDS are English's.
CIVILITIES = {"fr": {"m", "mm", "mme", "mmes", "mlle", "mgr", "me", "dr", "pr"}}
NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god", "death",
             "quantcast"}


@dataclass(frozen=True, slots=True)
class Entities:
    people: tuple[str, ...]
    places: tuple[str, ...]
    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


def extract_entities(title: str, body: str, extractors: tuple[Extractor, ...] | None = None,
                     language: str = "en") -> Entities:
    """Return the people, places, countries and organisations of an article (title and body; never
    captions) written in `language` (ISO 639-1, "" unknown: read as English)."""
    english = language in ("en", "")
    text = prepare_text(title, body) if english else "\n".join((title, body))
    extractors = extractors if extractors is not None else extractors_for(language)
    found = [extractor.mentions(text) for extractor in extractors]
    mentions = merge_mentions(found)
    if not english:
        mentions = [(label, without_leading_words(name, language)) for label, name in mentions]
    named = normalise(mentions, language=language)
    if not english and language not in MODELS:
        return named  # the gazetteer alone names no organisation
    return replace(named, organisations=find_organisations(text, found, (*named.people, *named.places)))


@cache
def leading_words(language: str) -> frozenset[str]:
    """The words that begin no name in a language: spaCy's stop words for it ("selon", "la", "de")
    and its civilities; none for a language spaCy has no stop words for."""
    try:
        from spacy.util import get_lang_class

        stop_words = get_lang_class(language).Defaults.stop_words
    except ImportError:  # spaCy's "unknown language" (E048)
        stop_words = set()
    return frozenset(stop_words) | frozenset(CIVILITIES.get(language, ()))


def without_leading_words(name: str, language: str) -> str:
    """A name without the words before it that the model took in ("Selon M. Erdogan" -> "Erdogan",
    "La Turquie" -> "Turquie"); a name that is nothing else is left whole."""
    words, drop = name.split(), leading_words(language)
    while len(words) > 1 and (words[0].lower().rstrip(".") in drop or words[0].lower() in drop):
        words = words[1:]
    return " ".join(words)


def warm() -> None:
    """Load the model and the gazetteer's tables now (a rebuild does it before its workers fork,
    so that they share them instead of each building them on its first page); the workers start
    knowing no name (known_names.py), not even the warm-up's."""
    extract_entities("London", "Ministers met in London.", language="en")
    settlement_names()
    forget()


def merge_mentions(found: list[list[Mention]]) -> list[tuple[str, str]]:
    """Earlier extractors win where mentions overlap, except that a person or place found by a
    later one replaces what the model took for an organisation ("envoy ..., Staffan de Mistura");
    a name the text says is a place (a dateline, "the town of Tavildara") is one wherever the model
    read it as a person."""
    said = {fold(m.text) for mentions in found for m in mentions if m.said and m.label == "LOC"}
    if said:
        found = [[m._replace(label="LOC") if m.label == "PER" and fold(m.text) in said else m for m in mentions]
                 for mentions in found]
    taken: list[Mention] = []
    organisations: list[Mention] = []  # all of them vote, wherever they are
    for mentions in found:
        for mention in mentions:
            if mention.label == "ORG":
                organisations.append(mention)
            overlapping = [t for t in taken if mention.start < t.end and t.start < mention.end]
            if not overlapping:
                taken.append(mention)
            elif mention.label != "ORG" and all(t.label == "ORG" and covers(mention, t) for t in overlapping):
                taken = [t for t in taken if t not in overlapping] + [mention]
                organisations = [o for o in organisations if o not in overlapping]
    kept = [m for m in taken if m.label != "ORG"] + organisations
    return [(m.label, m.text) for m in sorted(kept, key=lambda m: m.start)]


def covers(mention: Mention, organisation: Mention) -> bool:
    """A person may take an organisation's place; a place only the whole of it ("Colorado" is
    no place in "University of Colorado")."""
    return mention.label == "PER" or (mention.start <= organisation.start and organisation.end <= mention.end)


def normalise(mentions: list[tuple[str, str]], canonical: bool = True, language: str = "en") -> Entities:
    """Fold mentions into one display name per person and place.

    With canonical=False places keep the spelling the article used ("U.S."), which is what
    the evaluation data lists; the index always stores canonical names. Places in another
    language are known by that language's names too, and stored under the English one
    ("Idleb", "إدلب" -> "Idlib").
    """
    people, places = [], []
    organisations = Counter(fold(tidy(text)) for label, text in mentions if label == "ORG")
    name_parts = {fold(t) for label, text in mentions if label == "PER" for t in tidy(text).split()[:-1] or ()}
    name_parts |= {fold(tidy(text).split()[-1]) for label, text in mentions if label == "PER" and " " in tidy(text)}
    titled = {fold(clean_person(text)) for label, text in mentions if label == "PER" and has_role(text)}
    read_alone = {fold(tidy(text)) for label, text in mentions if label == "PER" and " " not in tidy(text)}
    for label, text in mentions:
        if label == "PER" and is_place_name(tidy(text), name_parts, titled, language):
            label = "LOC"  # "Grozny", "Jordan" read as people when nobody in the article bears the name
        if label == "PER" and (name := clean_person(text, read_alone)):
            people.append(name)
        elif label == "LOC" and (name := clean_place(text, language)):
            places.append(name)
    # A name read both ways goes with its majority; a tie makes it a place, since models
    # mistake place names in datelines and headlines for people more than the reverse.
    place_votes = Counter(fold(p) for p in places)
    person_votes = Counter(fold(p) for p in people)
    kinds = kinds_of_things(person_votes)
    named_people = fold_people([p for p in people if not is_a_kind(p, kinds) and person_votes[fold(p)]
                                > place_votes[fold(p)] + organisation_votes(p, organisations)])
    # "Erdogan" or "De Mistura" read as a place is a person's surname when the article names them.
    surnames = {fold(" ".join(p.split()[-n:])) for p in named_people for n in (1, 2) if len(p.split()) > n}
    places = [p for p in places if place_votes[fold(p)] >= person_votes[fold(p)] and fold(p) not in surnames
              and (lookup_in(p, language) or is_town(p) or place_votes[fold(p)] > organisation_votes(p, organisations))]
    if language not in ("en", ""):
        # A model's place no gazetteer knows, one word said once, is more often a common noun it
        # capitalised ("État") than a village.
        places = [p for p in places if lookup_in(p, language) or " " in p or place_votes[fold(p)] > 1]
    known = [lookup_in(p, language) for p in places]
    if canonical:
        places = [k.name if k else p for p, k in zip(places, known, strict=True)]
    named = {k.name for k in known if k and k.kind == "country"}
    countries = tuple(dict.fromkeys(k.country for k in known if k and (implies_country(k) or k.country in named)))
    return Entities(people=named_people, places=pick_forms(places), countries=countries)


def kinds_of_things(names: Counter) -> set[str]:
    """Names of more than one word, read alone too, that begin two or more other names ("Space
    Shuttle", "Space Shuttle Atlantis", "Space Shuttle Discovery"): the name of a kind of thing,
    not a person's ("Miguel Angel Jimenez" and "Miguel Angel Martin" are two people)."""
    starts: Counter[str] = Counter()
    for name in names:
        words = name.split()
        for n in range(2, len(words)):
            starts[" ".join(words[:n])] += 1
    return {start for start, count in starts.items() if count >= 2 and start in names}


def is_a_kind(name: str, kinds: set[str]) -> bool:
    key = fold(name)
    return any(key == kind or key.startswith(kind + " ") for kind in kinds)


def organisation_votes(name: str, organisations: Counter) -> int:
    """How often the article names an organisation that is, or ends with, this name."""
    key = fold(name)
    return sum(count for org, count in organisations.items()
               if org == key or org.endswith(" " + key) or (" " not in key and org.startswith(key + " ")))


def is_place_name(name: str, name_parts: set[str], titled: frozenset[str] | set[str] = frozenset(),
                  language: str = "en") -> bool:
    """A known place that is not part of a person's name in the same article; a town's or
    region's name in any transliteration ("Khan Sheikhoun") unless the article gives it a title."""
    place = lookup_in(name, language)
    if not place:
        return " " in name and is_settlement(name) and fold(name) not in titled
    if " " in name or (place.kind == "city" and place.population < TOWN_AS_NAME):
        return is_prominent(place)
    return fold(name) not in name_parts


def fold_people(names: list[str]) -> tuple[str, ...]:
    """Fold "Erdogan" and "Tayyip Erdogan" into "Recep Tayyip Erdogan" when the article has it."""
    full = [n for n in names if len(n.split()) > 1]
    counts = Counter(fold(n) for n in names)
    folded = []
    for name in names:
        tokens = fold(name).split()
        longer = [f for f in full if len(f.split()) > len(tokens) and fold(f).split()[-len(tokens):] == tokens]
        if not longer and len(tokens) == 1:  # a lone first name: "Hillary" -> "Hillary Clinton"
            longer = [f for f in full if fold(f).split()[0] == tokens[0]]
        if longer:
            name = max(longer, key=lambda f: (counts[fold(f)], len(f)))
        elif len(tokens) == 1 and counts[fold(name)] < 2:
            continue  # one word said once, nobody's surname: more often a model's slip ("Twitter")
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


def clean_person(text: str, read_alone: frozenset[str] | set[str] = frozenset()) -> str:
    """A person's name without roles, possessives or what a model glued to it; "" if not a name.
    `read_alone`: the one-word names the article reads as people ("Jordan" for "Neil Jordan")."""
    name = tidy(INNER_POSSESSIVE.split(re.split(r"[\n,;(]", text)[0])[0])  # "May's Brexit" -> "May"
    tokens = name.split()
    while tokens and (tokens[0].lower().rstrip(".") in ROLE_WORDS or is_nationality(tokens[0], tokens[1:])):
        tokens = tokens[1:]
    name = " ".join(tokens)
    if not tokens or len(tokens) > 5 or not all(t[0].isupper() or PARTICLE_TOKEN.fullmatch(t) for t in tokens):
        return ""
    if any(ch.isdigit() for ch in name) or fold(name) in NOT_NAMES or len(name) < 3 or COMPANY.search(name):
        return ""
    if any(ABBREVIATION.match(t) and not t.isupper() for t in tokens):
        return ""  # "U.S. Dlrs", "Avg Shr": abbreviations of wire tables
    if any(ACRONYM.match(t) and not ROMAN.match(t) for t in tokens):
        return ""  # "KDP", "Kurdish KDP": organisations' initials
    if any((place := lookup(t)) and place.kind == "country" and fold(t) not in read_alone for t in tokens[1:]):
        return ""  # "Atlas Bangladesh": a company named after a place, unless the article reads it as a surname
    return name


def has_role(text: str) -> bool:
    """ "President Ho Chi Minh": a mention that says it names a person."""
    first = tidy(text).split(" ", 1)[0].lower().rstrip(".")
    return first in ROLE_WORDS and first != "the"


def is_nationality(token: str, rest: list[str]) -> bool:
    """ "Belgian" in "Belgian King Baudouin": an adjective before a role word."""
    return bool(rest) and rest[0].lower().rstrip(".") in ROLE_WORDS and bool(DEMONYM.search(token.lower()))


def clean_place(text: str, language: str = "en") -> str:
    """A place name without "the", possessives or a trailing "province"; "" if not a place."""
    name = tidy(re.split(r"[\n;(]", text)[0])
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    name = PLACE_SUFFIX.sub("", name)
    if language not in ("en", ""):  # scripts without capitals too: no lower-case start ("mer Noire")
        name = name.rstrip(".")
        return "" if len(name) < 2 or name[0].islower() or any(ch.isdigit() for ch in name) else name
    if len(name) < 2 or any(ch.isdigit() for ch in name) or not name[0].isupper() or fold(name) in NOT_NAMES:
        return ""
    if " " not in name and not lookup(name) and DEMONYM.search(name.lower()) and name.lower() != "paris":
        return ""  # "Chechens", "Kuwaiti", "Ukrainian": peoples, not places
    if ACRONYM.match(name.replace(".", "")) and not lookup(name):
        return ""  # "UN", "EU", "NATO": organisations
    return name


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" \t\n,;:\"“”()[]-")
    return POSSESSIVE.sub("", text).strip()
