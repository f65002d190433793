import pytest

from searchapp.ingest.gazetteer import is_prominent, is_settlement, is_town, lookup


@pytest.mark.parametrize("name, canonical, kind, country", [
    ("U.S.", "United States", "country", "United States"),
    ("USA", "United States", "country", "United States"),
    ("Britain", "United Kingdom", "country", "United Kingdom"),
    ("Syrian Arab Republic", "Syria", "country", "Syria"),
    ("sao paulo", "São Paulo", "city", "Brazil"),
    ("Idlib", "Idlib", "city", "Syria"),
    ("California", "California", "state", "United States"),
    ("Europe", "Europe", "continent", ""),
])
def test_lookup(name, canonical, kind, country):
    place = lookup(name)
    assert (place.name, place.kind, place.country) == (canonical, kind, country)


@pytest.mark.parametrize("name", ["IN", "IT", "Smallville", "the", ""])
def test_unknown_and_word_like_codes(name):
    assert lookup(name) is None


def test_prominence():
    assert is_prominent(lookup("Tehran")) and is_prominent(lookup("Chad")) and not is_prominent(lookup("Idlib"))


NAMES = ["U.S.", "USA", "UN", "EU", "Paris", "PARIS", "paris", "São Paulo", "Sao Paulo", "New York", "York",
         "Clinton", "Georgia", "NY", "Smallville", "", " ", "Côte d’Ivoire", "Jordan"]


def test_cached_lookups_answer_as_the_gazetteer_does():
    lookup.cache_clear()
    assert [lookup(n) for n in NAMES + NAMES] == [lookup.__wrapped__(n) for n in NAMES + NAMES]


@pytest.mark.parametrize("name, known", [
    ("Khan Sheikhoun", True), ("Khan Shaykhun", True), ("Khan-Sheikhoun", True), ("Minas Gerais", True),
    ("Tahrir al-Sham", False), ("Lloyd Bentsen", False), ("Damascus", False),  # one word: lookup's business
])
def test_towns_and_regions_in_any_transliteration(name, known):
    assert is_settlement(name) is known


@pytest.mark.parametrize("name, town", [("Arbil", True), ("Bombay", True), ("Khan Sheikhoun", True),
                                        ("Scientology", False), ("YouTube", False)])
def test_towns_are_known_by_every_latin_name_the_gazetteer_records(name, town):
    assert is_town(name) is town
