"""Synthetic archive of saved news pages, for benchmarks of rebuild and search speed at archive scale.

The benchmarks time `searchapp rebuild` and search on 10,000 to 100,000 pages, far more than seeds/
holds; this module writes such an archive into a folder, one page at a time, seeded and reproducible
(same seed and size, byte-identical files): news-like text with Zipf-distributed words, recurring
people and places with a long tail, 50 topics, dates over 2005-2024, ten sites in four templates
(modern HTML, old windows-1252 HTML, minimal HTML, text dumps), captions, ~1% exact re-saves and
~1% near-duplicates. Run: python bench/synthetic.py --n 10000 --seed 7 --out /tmp/synth
"""
from __future__ import annotations

import argparse
import html
import json
import math
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path
from random import Random

COMMON = ["the", "of", "to", "and", "a", "in", "that", "for", "is", "on", "said", "was", "with", "he", "it", "as", "at",
          "by", "from", "his", "be", "have", "has", "are", "an", "not", "but", "they", "were", "who", "had", "this",
          "which", "will", "their", "been", "would", "more", "she", "her", "its", "after", "about", "also", "over",
          "new", "government", "officials", "year", "people", "two", "first", "told", "police", "minister", "president",
          "state", "last", "than", "could", "one", "when", "into", "other", "there", "up", "or", "what", "out", "some",
          "time", "them", "only", "while", "since", "against", "most", "during", "before", "three", "under", "because",
          "including", "between", "percent", "country", "week", "years", "those", "can", "may", "should", "day",
          "former", "security", "public", "national", "international", "report", "says", "according_to", "million",
          "billion", "party", "election", "city", "group", "court", "military", "forces", "month", "law", "plan",
          "talks", "deal", "leaders", "agreement", "support", "local", "economy", "market", "company", "prices",
          "health", "workers", "children", "women", "men", "family", "home", "school", "on_Monday", "on_Tuesday",
          "on_Wednesday", "on_Thursday", "on_Friday", "on_Saturday", "on_Sunday", "last_year", "this_week", "last_week",
          "next_month", "this_year", "according_to_officials", "prime_minister", "chief_executive", "spokesman",
          "spokeswoman", "statement", "announced", "added", "expected", "called", "made", "percent_of", "years_ago",
          "did", "do", "no", "any", "all", "many", "such", "where", "how", "so", "if", "we", "our", "us", "you", "your",
          "i", "me", "my", "him", "then", "now", "still", "just", "back", "down", "off", "well", "even", "already",
          "later", "early", "major", "number", "part", "end", "high", "long", "largest", "second", "third", "four",
          "five", "six", "ten", "hundreds", "thousands", "dozens", "several", "both", "each", "few", "new_rules",
          "area", "region", "capital", "border", "crisis", "war", "peace", "attack", "killed", "injured", "arrested",
          "protest", "protesters", "opposition", "vote", "voters", "parliament", "lawmakers", "senate", "congress",
          "bill", "budget", "tax", "taxes", "funds", "spending", "debt", "bank", "banks", "interest", "rates",
          "inflation", "growth", "jobs", "trade", "exports", "oil", "gas", "energy", "power", "climate", "emissions",
          "water", "food", "hospital", "doctors", "patients", "virus", "cases", "schools", "students", "university",
          "study", "research", "data", "online", "internet", "technology", "phone", "video", "social", "media",
          "television", "newspaper", "reporters", "interview", "press", "conference", "meeting", "summit", "visit",
          "trip", "leader", "director", "head", "chairman", "board", "members", "committee", "council", "agency",
          "ministry", "department", "office", "service", "services", "system", "program", "project", "network",
          "sector", "industry", "business", "businesses", "firms", "investors", "shares", "stock", "stocks", "sales",
          "revenue", "profit", "losses", "costs", "cost", "price", "value", "pay", "wages", "union", "strike",
          "workers_said", "residents", "community", "church", "families", "victims", "witnesses", "suspect", "suspects",
          "investigation", "charges", "trial", "judge", "lawyers", "case", "decision", "ruling", "appeal", "rights",
          "freedom", "issue", "issues", "problem", "problems", "concerns", "question", "questions", "reason", "result",
          "results", "change", "changes", "policy", "policies", "reform", "plans", "efforts", "measures", "steps",
          "move", "moves"]
FEMALE = ["Anna", "Maria", "Sarah", "Emma", "Laura", "Julia", "Sofia", "Elena", "Olga", "Natalia", "Irina", "Tatiana",
          "Fatima", "Aisha", "Leila", "Yasmin", "Mariam", "Noor", "Zeynep", "Elif", "Ayse", "Priya", "Anjali", "Sunita",
          "Deepa", "Mei", "Xiu", "Yuki", "Haruka", "Akiko", "Min-ji", "Ji-woo", "Amara", "Ngozi", "Chiamaka", "Wanjiru",
          "Amina", "Zainab", "Inês", "Beatriz", "Camila", "Valentina", "Lucía", "Carmen", "Isabel", "Claire", "Sophie",
          "Camille", "Chloé", "Marie", "Ingrid", "Astrid", "Greta", "Helga", "Katarzyna", "Agnieszka", "Magdalena",
          "Giulia", "Francesca", "Chiara", "Alessia", "Rachel", "Hannah", "Rebecca", "Emily", "Jessica", "Olivia",
          "Grace", "Margaret", "Helen", "Susan", "Karen", "Linda", "Patricia", "Nadia", "Svetlana", "Ana", "Marta",
          "Eva", "Lena", "Kamala", "Nkechi", "Thandiwe", "Siobhan"]
MALE = ["James", "John", "Michael", "David", "Robert", "William", "Thomas", "Daniel", "Paul", "Mark", "Peter",
        "Richard", "Andrew", "Christopher", "Ahmed", "Mohammed", "Omar", "Ali", "Hassan", "Khalid", "Yusuf", "Ibrahim",
        "Mustafa", "Mehmet", "Emre", "Burak", "Ivan", "Sergei", "Dmitri", "Alexei", "Vladimir", "Nikolai", "Andrei",
        "Wei", "Jian", "Hao", "Hiroshi", "Takeshi", "Kenji", "Min-jun", "Ji-hoon", "Raj", "Arjun", "Vikram", "Rahul",
        "Sanjay", "Amit", "Chinedu", "Emeka", "Oluwaseun", "Kwame", "Kofi", "Juma", "Luis", "Carlos", "José", "Javier",
        "Pedro", "Diego", "Miguel", "João", "Rafael", "Pierre", "Jean", "Louis", "Antoine", "François", "Hans", "Klaus",
        "Stefan", "Markus", "Lukas", "Giovanni", "Marco", "Luca", "Matteo", "Piotr", "Tomasz", "Krzysztof", "Lars",
        "Erik", "Magnus", "Seamus", "Tariq", "Hamid"]
SURNAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
            "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker",
            "Allen", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts",
            "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy",
            "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward",
            "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "Hughes", "Price", "Sanders", "Myers",
            "Ross", "Foster", "O'Brien", "O'Connor", "Murray", "Sullivan", "Walsh", "Byrne", "Ryan", "Doyle",
            "McCarthy", "Kennedy", "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
            "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Reyes", "Morales", "Ortiz",
            "Castillo", "Romero", "Álvarez", "Ruiz", "Mendoza", "Silva", "Santos", "Oliveira", "Souza", "Costa",
            "Pereira", "Ferreira", "Almeida", "Carvalho", "Ribeiro", "Barbosa", "Rocha", "Dubois", "Moreau", "Laurent",
            "Lefebvre", "Leroy", "Girard", "Bonnet", "Fontaine", "Rousseau", "Mercier", "Blanc", "Faure", "Chevalier",
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz",
            "Koch", "Richter", "Klein", "Neumann", "Schwarz", "Zimmermann", "Braun", "Hartmann", "Krause", "Rossi",
            "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Gallo",
            "Conti", "Mancini", "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
            "Szymański", "Ivanov", "Petrov", "Smirnov", "Sokolov", "Popov", "Lebedev", "Kozlov", "Novikov", "Morozov",
            "Volkov", "Pavlov", "Fedorov", "Orlov", "Kuznetsov", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız",
            "Aydın", "Öztürk", "Arslan", "Doğan", "Kılıç", "Haddad", "Khoury", "Mansour", "Nasser", "Hamdan", "Saleh",
            "Aziz", "Rahman", "Hussain", "Qureshi", "Siddiqui", "Karimi", "Hosseini", "Mousavi", "Rezaei", "Ahmadi",
            "Sharma", "Patel", "Singh", "Kumar", "Gupta", "Mehta", "Reddy", "Nair", "Iyer", "Chopra", "Kapoor", "Joshi",
            "Desai", "Rao", "Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Xu", "Sun", "Zhu", "Guo",
            "Lin", "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yoshida",
            "Sato", "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Okafor", "Okonkwo", "Adeyemi",
            "Balogun", "Mensah", "Owusu", "Boateng", "Mwangi", "Otieno", "Kamau", "Njoroge", "Abubakar", "Bello",
            "Diallo", "Traoré", "Keita", "Ndiaye", "Diop", "Nkosi", "Dlamini", "Andersson", "Johansson", "Karlsson",
            "Nilsson", "Larsson", "Eriksson", "Hansen", "Jensen", "Nielsen", "Pedersen", "Haugen", "Virtanen",
            "Korhonen", "Jansen", "de_Vries", "van_Dijk", "van_der_Berg", "al-Rashid", "al-Masri", "de_Souza",
            "da_Silva", "dos_Santos", "Papadopoulos", "Georgiou", "Nikolaidis", "Novak", "Horvat", "Kovač", "Popescu",
            "Ionescu", "Nagy", "Szabó", "Tóth", "Dvořák", "Cohen", "Levi", "Mizrahi", "Friedman", "Goldberg", "Katz",
            "Nguyen", "Tran", "Pham", "Hoang", "Cruz", "Bautista"]
FIRST_NAMES = FEMALE + MALE
COUNTRIES = """United States|China|Russia|India|Brazil|Japan|Germany|France|United Kingdom|Italy|Spain|Canada|Mexico|
Australia|Indonesia|Turkey|Iran|Iraq|Syria|Israel|Egypt|Saudi Arabia|Pakistan|Afghanistan|Nigeria|South Africa|Kenya|
Ethiopia|Argentina|Colombia|Venezuela|Chile|Peru|Ukraine|Poland|Sweden|Norway|Netherlands|Belgium|Switzerland|Austria|
Greece|Portugal|Ireland|South Korea|North Korea|Vietnam|Thailand|Philippines|Malaysia|Bangladesh|Lebanon|Jordan|Qatar|
Yemen|Libya|Sudan|Algeria|Morocco|Tunisia|Ghana|Senegal|Mali|Somalia|Uganda|Tanzania|Zimbabwe|Cuba|Haiti|Ecuador|
Bolivia|Finland|Denmark|Hungary|Romania|Serbia|Belarus|Georgia|Armenia|Kazakhstan|Myanmar|Nepal|Sri Lanka|New Zealand|
Taiwan|Mongolia|Czech Republic|Bulgaria|Croatia|Kuwait|Oman|Cyprus|Iceland|Estonia""".replace("\n", "").split("|")
CITIES = """Washington|New York|London|Paris|Berlin|Moscow|Beijing|Tokyo|Brussels|Geneva|Rome|Madrid|Istanbul|Ankara|
Cairo|Tehran|Baghdad|Damascus|Beirut|Jerusalem|Tel Aviv|Riyadh|Dubai|Doha|Kabul|Islamabad|Karachi|Lahore|New Delhi|
Mumbai|Kolkata|Bangalore|Dhaka|Bangkok|Jakarta|Manila|Hanoi|Seoul|Shanghai|Hong Kong|Singapore|Sydney|Melbourne|
Toronto|Montreal|Vancouver|Mexico City|São Paulo|Rio de Janeiro|Buenos Aires|Bogotá|Lima|Santiago|Caracas|Havana|
Los Angeles|Chicago|Houston|Miami|San Francisco|Boston|Seattle|Atlanta|Dallas|Philadelphia|Detroit|New Orleans|Lagos|
Abuja|Nairobi|Addis Ababa|Johannesburg|Cape Town|Kinshasa|Khartoum|Algiers|Casablanca|Tunis|Tripoli|Accra|Dakar|Kyiv|
Warsaw|Prague|Vienna|Budapest|Bucharest|Athens|Lisbon|Dublin|Amsterdam|Stockholm|Oslo|Copenhagen|Helsinki|Zurich|
Munich|Frankfurt|Hamburg|Milan|Naples|Barcelona|Marseille|Lyon|Manchester|Birmingham|Glasgow|Edinburgh|St Petersburg|
Minsk|Tbilisi|Baku|Tashkent|Almaty|Kathmandu|Colombo|Yangon|Kuala Lumpur|Taipei|Osaka|Wuhan|Shenzhen|Guangzhou|
Chongqing|Aleppo|Idlib|Mosul|Basra|Gaza|Sanaa|Aden|Benghazi|Mogadishu|Kampala|Dar es Salaam|Harare|Luanda""".replace(
    "\n", "").split("|")
TOPICS = """Elections|Parliament|Diplomacy|Defence|Terrorism|Refugees|Courts|Policing|Economy|Markets|Banking|Trade|
Energy|Oil|Climate|Weather|Agriculture|Health|Pandemic|Education|Housing|Transport|Aviation|Technology|Telecoms|Space|
Science|Football|Tennis|Cricket|Athletics|Motor racing|Film|Music|Books|Art|Fashion|Food|Travel|Religion|Labour|Tax|
Budget|Crime|Immigration|Cybersecurity|Media|Royals|Wildlife|Shipping""".replace("\n", "").split("|")
ROLES = ["President", "Prime Minister", "Foreign Minister", "Finance Minister", "Senator", "Governor", "Mayor",
         "Judge", "Dr", "General", "chief executive", "opposition leader", "coach"]
AGENCIES = ["AP", "Reuters", "AFP", "Getty Images", "EPA", "Pool Photo via AP", "Bloomberg", "Staff"]
CAPTIONS = ["{name} speaks to reporters in {place} on {day}", "{name} arrives for talks in {place} on {day}",
            "Supporters of {name} gather in {place} on {day}", "{name} at a news conference in {place}",
            "A view of {place}, where {name} visited on {day}"]
HEADLINES = ["{s} says {t[0]} {t[1]} will {t[2]}", "{t[0]} {t[1]} in {place} as {s} {t[2]} {t[3]}",
             "{place} {t[0]} {t[1]} after {t[2]} {t[3]}", "{titled} {t[0]} {t[1]} over {t[2]}",
             "{t[0]} {t[1]}: {s} {t[2]} {place} {t[3]}", "{s} and {place} {t[0]} {t[1]} {t[2]}"]
ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "b", "d", "k", "l",
          "m", "n", "p", "r", "s", "t", "br", "ch", "cr", "dr", "fl", "gr", "pl", "pr", "sh", "st", "tr", "th"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ea", "ou"]
CODAS = ["", "", "", "", "", "n", "r", "s", "l", "m", "t", "nd", "st"]
SUFFIXES = ["", "", "", "", "", "ing", "ed", "tion", "ment", "er", "ly", "ity", "al", "ous", "ist"]
TOWN_ENDS = ["ville", "burg", "ton", "field", "port", "stad", "abad", "pur", "dorf", "haven", "ford", "wick", "mouth"]
TOWN_STARTS = ["Port ", "San ", "New ", "Lake ", "Mount ", "Saint ", "El ", "Novo "]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June",
          "July", "August", "September", "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
START, DAYS = datetime(2005, 1, 1), 7305  # 2005-01-01 to 2024-12-31
PSEUDO_WORDS, PEOPLE, PLACES, TOPIC_WORDS, TOPICAL_SHARE = 30_000, 5_000, 2_000, 150, 0.12
DUPLICATES, NEAR_DUPLICATES = 0.01, 0.01
MONTH_FOLDERS_ABOVE = 200_000  # pages; keeps folders under ~2,000 files


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    domain: str
    template: str  # modern, old, minimal, text
    weight: int
    utc_offset: int


SITES = (Site("The Capital Herald", "capitalherald.example", "modern", 16, -5),
         Site("Northbridge Daily", "northbridgedaily.example", "modern", 13, 1),
         Site("Atlantic Dispatch", "atlanticdispatch.example", "modern", 11, 0),
         Site("Pacific Ledger", "pacificledger.example", "modern", 8, -8),
         Site("Harbourview Gazette", "harbourviewgazette.example", "old", 10, 0),
         Site("The Evening Clarion", "eveningclarion.example", "old", 7, 0),
         Site("Riverside Echo", "riversideecho.example", "minimal", 7, 0),
         Site("Plainsfield Online", "plainsfield.example", "minimal", 5, 0),
         Site("Gulf Courier", "gulfcourier.example", "text", 13, 0),
         Site("Meridian Wire", "meridianwire.example", "text", 10, 0))
SITE_CUM = list(accumulate(site.weight for site in SITES))


@dataclass(frozen=True, slots=True)
class Person:
    first: str
    last: str
    role: str
    female: bool

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def titled(self) -> str:
        return f"{self.role} {self.full}" if self.role else self.full


@dataclass(frozen=True, slots=True)
class Story:
    number: int
    site: Site
    topic: int
    published: datetime  # UTC
    people: tuple[Person, ...]
    places: tuple[tuple[str, str], ...]  # (name, country named after a town; "" for well-known places)
    author: str
    wire: bool  # opens with a dateline on every site, not only on minimal pages and dumps
    headline: str
    paragraphs: tuple[tuple[str, ...], ...]
    caption: str
    credit: str


def zipf_cum(n: int, exponent: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for ranks 1..n, for random.choices(cum_weights=...)."""
    return list(accumulate(1 / rank ** exponent for rank in range(1, n + 1)))


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def base36(number: int) -> str:
    """A short id for URLs and file names."""
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not number:
            return digits


def slugify(text: str, max_words: int = 8) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain)[:max_words])


def long_date(day: datetime) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def pseudo_word(rng: Random, syllables: int) -> str:
    """A pronounceable made-up word, sometimes with an English suffix."""
    core = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
    return core + rng.choice(SUFFIXES)


class Cast:
    """The people and places of one article; a person is named in full once, then by surname."""

    def __init__(self, people: tuple[Person, ...], places: tuple[tuple[str, str], ...], introduced: bool = False):
        self.people, self.places = people, places
        self.introduced = set(range(len(people))) if introduced else set()
        self.named_places: set[int] = set()
        self.last = people[0]

    def person(self, rng: Random, main: bool = False) -> str:
        index = 0 if main or rng.random() < 0.5 else rng.randrange(len(self.people))
        person = self.last = self.people[index]
        if index in self.introduced:
            return person.last
        self.introduced.add(index)
        return person.titled if rng.random() < 0.8 else person.full

    def speaker(self, rng: Random) -> str:
        if self.people.index(self.last) in self.introduced and rng.random() < 0.4:
            return "she" if self.last.female else "he"
        return self.person(rng)

    def place(self, rng: Random) -> str:
        index = 0 if rng.random() < 0.5 else rng.randrange(len(self.places))
        name, country = self.places[index]
        if country and index not in self.named_places:
            self.named_places.add(index)
            return f"{name}, {country}"
        return name


class Newsroom:
    """Vocabulary, people, places and topics built from a seed; writes the story numbered n."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        rng = Random(f"{seed}:newsroom")
        common = [word.replace("_", " ") for word in dict.fromkeys(COMMON)]
        seen, pseudo = set(common), []
        while len(pseudo) < PSEUDO_WORDS:
            word = pseudo_word(rng, 1 + int(rng.random() * 1.2 + math.log10(len(pseudo) + 10) / 3))
            if word not in seen:
                seen.add(word)
                pseudo.append(word)
        self.vocab, self.vocab_cum = common + pseudo, zipf_cum(len(common) + len(pseudo))
        self.topics = [[name.lower(), *rng.sample(pseudo[500:], TOPIC_WORDS - 1)] for name in TOPICS]
        self.topic_cum, self.topic_pick_cum = zipf_cum(TOPIC_WORDS), zipf_cum(len(TOPICS), 0.6)
        self.people = self.cast_people(rng)
        self.places = self.cast_places(rng, pseudo)
        self.people_cum, self.places_cum = zipf_cum(len(self.people), 0.9), zipf_cum(len(self.places))

    @staticmethod
    def cast_people(rng: Random) -> list[Person]:
        people: dict[tuple[str, str], Person] = {}
        while len(people) < PEOPLE:
            female = rng.random() < 0.45
            first, last = rng.choice(FEMALE if female else MALE), rng.choice(SURNAMES).replace("_", " ")
            role = rng.choice(ROLES) if rng.random() < 0.55 else ""
            people.setdefault((first, last), Person(first, last, role, female))
        return list(people.values())

    @staticmethod
    def cast_places(rng: Random, pseudo: list[str]) -> list[tuple[str, str]]:
        known = [(name, "") for name in COUNTRIES + CITIES]
        rng.shuffle(known)
        towns: dict[str, str] = {}
        while len(known) + len(towns) < PLACES:
            root = capital(pseudo_word(rng, rng.choice((1, 2))).rstrip("aeiou") or "Ost")
            name = rng.choice(TOWN_STARTS) + root if rng.random() < 0.2 else root + rng.choice(TOWN_ENDS)
            towns.setdefault(name, rng.choice(COUNTRIES))
        return known + list(towns.items())

    def story(self, number: int) -> Story:
        """The story numbered `number`: the same every time, whoever asks for it."""
        rng = Random(f"{self.seed}:story:{number}")
        site = rng.choices(SITES, cum_weights=SITE_CUM)[0]
        topic = rng.choices(range(len(TOPICS)), cum_weights=self.topic_pick_cum)[0]
        published = START + timedelta(minutes=rng.randrange(DAYS * 1440))
        people = tuple(self.distinct(rng, self.people, self.people_cum, rng.choice((1, 2, 2, 3, 3, 4, 5, 6))))
        places = tuple(self.distinct(rng, self.places, self.places_cum, rng.choice((1, 2, 2, 3, 4))))
        cast = Cast(people, places)
        target = min(1460, max(200, round(rng.lognormvariate(math.log(580), 0.3))))
        weekday = WEEKDAYS[(published + timedelta(hours=site.utc_offset)).weekday()]
        lede = f"{capital(cast.person(rng, main=True))} said on {weekday} {self.clause(rng, topic, 14)} in " \
               f"{cast.place(rng)}."
        paragraphs, count, sentences = [], len(lede.split()), [lede]
        while count < target:
            size = rng.randint(2, 5)
            while len(sentences) < size and count < target:
                sentences.append(self.sentence(rng, topic, cast))
                count += len(sentences[-1].split())
            paragraphs.append(tuple(sentences))
            sentences = []
        caption = rng.choice(CAPTIONS).format(name=people[0].full, place=places[0][0], day=weekday)
        credit = f"({self.name(rng)}/{rng.choice(AGENCIES)})"
        return Story(number, site, topic, published, people, places, self.name(rng), rng.random() < 0.5,
                     self.headline(rng, topic, people[0], places[0][0]), tuple(paragraphs), caption, credit)

    def republished(self, story: Story, rng: Random, number: int) -> Story:
        """The story as another site ran it: its own headline, one sentence rewritten."""
        others = [site for site in SITES if site != story.site]
        site = rng.choices(others, weights=[s.weight for s in others])[0]
        paragraphs = [list(p) for p in story.paragraphs]
        which = rng.randrange(len(paragraphs))
        cast = Cast(story.people, story.places, introduced=True)
        paragraphs[which][rng.randrange(len(paragraphs[which]))] = self.sentence(rng, story.topic, cast)
        headline = self.headline(rng, story.topic, story.people[0], story.places[0][0])
        return replace(story, number=number, site=site, wire=True, headline=headline,
                       published=story.published + timedelta(hours=rng.randint(0, 30)),
                       paragraphs=tuple(tuple(p) for p in paragraphs))

    @staticmethod
    def distinct(rng: Random, pool: list, cum: list[float], count: int) -> list:
        found: dict = {}
        while len(found) < count:
            found.setdefault(rng.choices(pool, cum_weights=cum)[0], None)
        return list(found)

    def name(self, rng: Random) -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES).replace('_', ' ')}"

    def clause(self, rng: Random, topic: int, length: int) -> str:
        """Words drawn by Zipf rank from the vocabulary, with the topic's words mixed in."""
        words = rng.choices(self.vocab, cum_weights=self.vocab_cum, k=length)
        topical = int(length * TOPICAL_SHARE + rng.random())
        for word in rng.choices(self.topics[topic], cum_weights=self.topic_cum, k=topical):
            words[rng.randrange(length)] = word
        if length > 10 and rng.random() < 0.3:
            words[rng.randrange(3, length - 3)] += ","
        return " ".join(words)

    def sentence(self, rng: Random, topic: int, cast: Cast) -> str:
        clause, kind = self.clause(rng, topic, int(rng.triangular(8, 25, 14))), rng.random()
        if kind < 0.45:
            where = f" in {cast.place(rng)}" if rng.random() < 0.35 else ""
            return f"{capital(clause)}{where}."
        if kind < 0.65:
            return f"{capital(clause)}, {cast.person(rng)} said."
        if kind < 0.75:
            return f"{capital(cast.person(rng))} said {clause}."
        if kind < 0.9:
            return f'"{capital(clause)}," {cast.speaker(rng)} said.'
        if kind < 0.95:
            return f"Officials in {cast.place(rng)} said {clause}."
        return f"{capital(clause)}, according to {cast.person(rng)}."

    def headline(self, rng: Random, topic: int, person: Person, place: str) -> str:
        words = rng.choices(self.topics[topic], cum_weights=self.topic_cum, k=4)
        form = rng.choice(HEADLINES)
        return capital(form.format(t=words, s=person.last, titled=person.titled, place=place))

    def other_headlines(self, rng: Random, count: int) -> list[str]:
        """Headlines of other stories, for related links and prev/next pointers."""
        return [self.headline(rng, rng.randrange(len(TOPICS)), rng.choice(self.people), rng.choice(self.places)[0])
                for _ in range(count)]


@dataclass(frozen=True, slots=True)
class View:
    """One saved page of a story: what differs between copies is here, not in the story."""
    story: Story
    url: str
    local: datetime
    paragraphs: list[str]
    others: list[str]
    rng: Random


def url_of(story: Story, local: datetime) -> str:
    slug, sid = slugify(story.headline), base36(story.number)
    if story.site.template == "old":
        return f"https://www.{story.site.domain}/{slugify(TOPICS[story.topic])}/{slug}-{local:%Y%m%d}-{sid}.html"
    return f"https://www.{story.site.domain}/{local:%Y/%m/%d}/{slug}-{sid}"


def dateline(story: Story, local: datetime, with_year: bool, dash: str) -> str:
    year = f", {local.year}" if with_year else ""
    place, month = story.places[0][0].upper(), AP_MONTHS[local.month - 1]
    return f"{place}, {month} {local.day}{year} ({story.site.name}) {dash} "


def modern_page(view: View) -> bytes:
    """UTF-8 page with meta tags, JSON-LD, nav, cookie banner, share widget, related links, analytics."""
    s, rng, e, url = view.story, view.rng, html.escape, view.url
    iso = f"{view.local:%Y-%m-%dT%H:%M:00}{s.site.utc_offset:+03d}:00"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": s.headline, "datePublished": iso,
          "author": {"@type": "Person", "name": s.author},
          "publisher": {"@type": "Organization", "name": s.site.name}, "mainEntityOfPage": url}
    body = [f"<p>{e(p, quote=False)}</p>" for p in view.paragraphs]
    body.insert(rng.randint(2, 3), f'<div class="ad-slot" id="ad-{rng.randrange(10**6)}">Advertisement</div>')
    related = "".join(f'<li><a href="/{slugify(t)}">{e(t)}</a></li>' for t in view.others)
    tag, nl = f"G-{rng.randrange(16**8):08X}", "\n"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(s.headline)} | {e(s.site.name)}</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="{e(s.site.name)}">
<meta property="og:title" content="{e(s.headline)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{iso}">
<meta property="article:section" content="{TOPICS[s.topic]}">
<meta name="author" content="{e(s.author)}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<link rel="stylesheet" href="/assets/site.{rng.randrange(16**6):06x}.css">
</head>
<body>
<header class="site-header"><a class="logo" href="/">{e(s.site.name)}</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to personalise content and ads.
<button>Accept all</button> <a href="/privacy">Manage settings</a></p></div>
<main>
<article>
<h1>{e(s.headline)}</h1>
<p class="byline">By {e(s.author)}</p>
<time datetime="{iso}">{long_date(view.local)}</time>
<figure><img src="/media/{view.local:%Y/%m}/{slugify(s.headline)}.jpg" alt="">
<figcaption>{e(s.caption)}. <span class="credit">{e(s.credit)}</span></figcaption></figure>
<div class="share-tools"><a href="https://www.facebook.com/sharer.php?u={url}">Facebook</a>
<a href="https://twitter.com/intent/tweet?url={url}">Tweet</a> <a href="mailto:?body={url}">Email</a></div>
<div class="entry-content">
{nl.join(body)}
</div>
<div class="newsletter-signup"><p>Sign up for our daily briefing</p><form><input type="email">
<button>Subscribe</button></form></div>
</article>
<aside class="related"><h2>Related articles</h2><ul>{related}</ul></aside>
</main>
<footer class="site-footer"><p>&copy; {view.local.year} {e(s.site.name)}. All rights reserved.</p>
<a href="/about">About us</a> <a href="/contact">Contact</a></footer>
<script async src="https://www.googletagmanager.com/gtag/js?id={tag}"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}
gtag('js',new Date());gtag('config','{tag}');</script>
<script>var _qevents=_qevents||[];_qevents.push({{qacct:"p-{rng.randrange(10**9)}"}});
var _sf_async_config={{uid:{rng.randrange(10**5)},domain:"{s.site.domain}"}};</script>
</body>
</html>
""".encode()


def old_page(view: View) -> bytes:
    """Div-based page in windows-1252, dated by <span class="date"> and <time datetime>."""
    s, rng, e, url = view.story, view.rng, html.escape, view.url
    curly = [re.sub(r'"(.*?)," ', "\u201c\\1,\u201d ", p).replace("'", "\u2019") for p in view.paragraphs]
    site_name = f'<meta name="og:site_name" content="{e(s.site.name)}" />\n' if rng.random() < 0.7 else ""
    sidebar = "".join(f'<li><a href="/{slugify(t)}.html">{e(t)}</a></li>' for t in view.others)
    body = "\n".join(f"<p>{e(p, quote=False)}</p>" for p in curly)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252" />
<title>{e(s.headline)} - {e(s.site.name)}</title>
{site_name}<link rel="canonical" href="{url}" />
<link rel="stylesheet" type="text/css" href="/css/main.css?v={rng.randint(2006, 2012)}" />
<script type="text/javascript" src="/js/jquery-1.4.2.min.js"></script>
</head>
<body class="story">
<div id="wrapper">
<div id="header"><div id="masthead"><a href="/"><img src="/img/logo.gif" alt="{e(s.site.name)}" /></a></div>
<div id="topnav"><a href="/news/">News</a> | <a href="/world/">World</a> | <a href="/sport/">Sport</a></div></div>
<div id="content"><div id="main-col">
<h1 class="story-title">{e(s.headline)}</h1>
<div class="story-meta"><span class="author">By {e(s.author)}</span> |
<span class="date">{long_date(view.local)}</span> |
<time datetime="{view.local:%Y-%m-%d}">Updated {view.local:%H:%M}</time></div>
<div class="social-buttons"><a href="http://www.facebook.com/share.php?u={url}">Facebook</a>
<a href="http://twitter.com/share?url={url}">Tweet</a></div>
<div class="story-photo"><img src="/images/{view.local:%Y/%m}/{slugify(s.headline)}.jpg" alt="" />
<p class="photo-caption">{e(s.caption)}. {e(s.credit)}</p></div>
<div class="story-body">
{body}
</div>
<div class="comment-widget"><a href="#comments"><span class="count">{rng.randrange(400)}</span> comments</a></div>
</div>
<div id="sidebar"><h3>Most read</h3><ul>{sidebar}</ul></div>
</div>
<div id="footer">Copyright &copy; {view.local.year} {e(s.site.name)}. All rights reserved. |
<a href="/privacy">Privacy</a></div>
</div>
<script type="text/javascript">var _gaq=_gaq||[];_gaq.push(['_setAccount','UA-{rng.randrange(10**7)}-1']);
_gaq.push(['_trackPageview']);</script>
</body>
</html>
"""
    return page.encode("cp1252", errors="xmlcharrefreplace")


def minimal_page(view: View) -> bytes:
    """Only a <title> and <p>s; the dateline is the only date."""
    title = html.escape(f"{view.story.headline} - {view.story.site.name}")
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in view.paragraphs)
    return f"<html><head><title>{title}</title></head><body>\n{body}\n</body></html>\n".encode()


def text_dump(view: View) -> bytes:
    """A page-dump tool's text: "Quantcast Site - Title", title, caption, paragraphs, prev/next links."""
    s = view.story
    lines = [f"Quantcast {s.site.name} - {s.headline}", s.headline, s.caption, *view.paragraphs]
    if s.number % 3:
        lines.insert(5, s.credit + "\\")
    tail = f"8Previous article{view.others[0]}\n8Next article{view.others[1]}\n"
    return ("\n\n".join(lines) + "\n\n\n" + tail).encode()


TEMPLATES = {"modern": (modern_page, ".html"), "old": (old_page, ".html"), "minimal": (minimal_page, ".html"),
             "text": (text_dump, ".txt")}


def plan(seed: int, index: int) -> tuple[str, int]:
    """What page `index` holds: ("story", index), or a ("duplicate" | "near_duplicate", earlier story)."""
    rng = Random(f"{seed}:plan:{index}")
    roll = rng.random()
    if index < 100 or roll >= DUPLICATES + NEAR_DUPLICATES:
        return "story", index
    for _ in range(20):
        earlier = rng.randrange(max(0, index - 5000), index)
        if Random(f"{seed}:plan:{earlier}").random() >= DUPLICATES + NEAR_DUPLICATES:
            return ("duplicate" if roll < DUPLICATES else "near_duplicate"), earlier
    return "story", index


def write_page(newsroom: Newsroom, folder: Path, index: int, n: int) -> tuple[str, str, int]:
    """Write page `index`; return its kind, template and body word count."""
    kind, number = plan(newsroom.seed, index)
    rng = Random(f"{newsroom.seed}:page:{index}")
    story = newsroom.story(number)
    if kind == "near_duplicate":
        story = newsroom.republished(story, rng, index)
    local = story.published + timedelta(hours=story.site.utc_offset)
    paragraphs = [" ".join(p) for p in story.paragraphs]
    if story.wire or story.site.template in ("minimal", "text"):
        dash = "\u2014" if story.site.template == "old" else "-"
        paragraphs[0] = dateline(story, local, story.number % 2 == 0, dash) + paragraphs[0]
    view = View(story, url_of(story, local), local, paragraphs, newsroom.other_headlines(rng, 4), rng)
    render, suffix = TEMPLATES[story.site.template]
    shelf = folder / story.site.domain.removesuffix(".example") / str(local.year)
    if n > MONTH_FOLDERS_ABOVE:
        shelf = shelf / f"{local.month:02d}"
    shelf.mkdir(parents=True, exist_ok=True)
    (shelf / f"{local:%Y-%m-%d}-{slugify(story.headline)}-{base36(index)}{suffix}").write_bytes(render(view))
    return kind, story.site.template, sum(len(p.split()) for p in paragraphs)


def generate(folder: Path, n: int = 100_000, seed: int = 7) -> dict:
    """Write n saved pages under folder; return counts: pages, by template, duplicates, near_duplicates, words."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    newsroom = Newsroom(seed)
    kinds, templates, words = Counter(), Counter(), 0
    for index in range(n):
        kind, template, count = write_page(newsroom, folder, index, n)
        kinds[kind] += 1
        templates[template] += 1
        words += count
    return {"pages": n, "by_template": dict(sorted(templates.items())), "duplicates": kinds["duplicate"],
            "near_duplicates": kinds["near_duplicate"], "words": words}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="pages to write (default 100,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.out, args.n, args.seed)
    elapsed = time.perf_counter() - started
    print(json.dumps(counts, indent=2))
    print(f"{args.n} pages in {elapsed:.1f} s ({args.n / elapsed:.0f} pages/s) under {args.out}")


if __name__ == "__main__":
    main()
