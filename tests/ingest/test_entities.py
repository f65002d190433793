import pytest

from searchapp.ingest.dumps import clean_dump
from searchapp.ingest.entities import RuleExtractor, extract_entities, fold, normalise

SEED_PEOPLE = {"Recep Tayyip Erdogan", "Vladimir Putin", "Hassan Rouhani", "Mevlut Cavusoglu",
               "Staffan de Mistura", "Bashar al-Assad"}
SEED_PLACES = {"Turkey", "Russia", "Syria", "Iran", "Idlib", "Sochi", "Tehran", "Ghouta"}


def test_shared_seed_people_and_places(shared_seed):
    dump = clean_dump(shared_seed.read_text())
    entities = extract_entities(dump.title, dump.body)
    assert SEED_PEOPLE <= set(entities.people)
    assert SEED_PLACES <= set(entities.places)
    assert not {"Erdogan", "Putin", "Cavusoglu", "Tolga Bozoglu"} & set(entities.people)


def test_surnames_and_titles_fold_into_the_full_name():
    mentions = [("PER", "Recep Tayyip Erdogan"), ("PER", "Erdogan"), ("PER", "President Erdogan"),
                ("PER", "Tayyip Erdogan"), ("PER", "Erdogan's"), ("PER", "Putin"), ("PER", "Vladimir Putin")]
    assert normalise(mentions).people == ("Recep Tayyip Erdogan", "Vladimir Putin")


def test_case_and_accent_variants_are_one_name():
    mentions = [("PER", "Mevlüt Çavuşoğlu"), ("PER", "Mevlut Cavusoglu"), ("PER", "Mevlüt Çavuşoğlu"),
                ("LOC", "SÃO PAULO"), ("LOC", "São Paulo"), ("LOC", "São Paulo")]
    assert normalise(mentions) == normalise(mentions)
    result = normalise(mentions)
    assert (result.people, result.places) == (("Mevlüt Çavuşoğlu",), ("São Paulo",))


def test_places_are_canonical_and_lose_the_article():
    mentions = [("LOC", "U.S."), ("LOC", "the United States"), ("LOC", "Britain"), ("LOC", "the Gulf")]
    assert normalise(mentions).places == ("United States", "United Kingdom", "Gulf")


def test_a_name_read_both_ways_follows_the_majority():
    mentions = [("PER", "Idlib"), ("LOC", "Idlib"), ("LOC", "Idlib"), ("PER", "Jordan Peele"), ("PER", "Jordan Peele")]
    result = normalise(mentions)
    assert (result.people, result.places) == (("Jordan Peele",), ("Idlib",))


@pytest.mark.parametrize("text, expected", [
    ("the UN envoy for Syria, Staffan de Mistura, said", ("PER", "Staffan de Mistura")),
    ("Foreign Minister Mevlut Cavusoglu told", ("PER", "Mevlut Cavusoglu")),
    ("strongholds Idlib and Ghouta provinces", ("LOC", "Ghouta")),
])
def test_rules_find_what_models_miss(text, expected):
    assert expected in RuleExtractor().mentions(text)


def test_rules_alone_are_the_fallback():
    entities = extract_entities("", "Foreign Minister Mevlut Cavusoglu visited Idlib province.", (RuleExtractor(),))
    assert (entities.people, entities.places) == (("Mevlut Cavusoglu",), ("Idlib",))


def test_fold():
    assert fold("Mevlüt ÇAVUŞOĞLU") == fold("mevlut cavusoglu")


def test_surnames_read_as_places_and_capitalised_datelines():
    mentions = [("PER", "Staffan de Mistura"), ("LOC", "De Mistura"), ("PER", "Recep Tayyip Erdogan"),
                ("LOC", "Erdogan"), ("LOC", "MOSCOW"), ("LOC", "Moscow"), ("LOC", "LONDON"), ("LOC", "N.C.")]
    result = normalise(mentions)
    assert result.places == ("Moscow", "London", "N.C.")
    assert result.people == ("Staffan de Mistura", "Recep Tayyip Erdogan")


def test_roles_inside_a_name_are_removed():
    assert normalise([("PER", "Health Minister Jens Spahn")]).people == ("Jens Spahn",)
