"""Normalisation rules, each on a hand-written article or mention list."""
import re

import pytest

from searchapp.ingest.dumps import clean_dump
from searchapp.ingest.entities import Entities, extract_entities, fold, normalise
from searchapp.ingest.extractors import DatelineExtractor, GazetteerExtractor, RuleExtractor

SEED_PEOPLE = {"Recep Tayyip Erdogan", "Vladimir Putin", "Hassan Rouhani", "Mevlut Cavusoglu",
               "Staffan de Mistura", "Bashar al-Assad"}
SEED_PLACES = {"Turkey", "Russia", "Syria", "Iran", "Idlib", "Sochi", "Tehran", "Ghouta"}
FALLBACK = (DatelineExtractor(), RuleExtractor(), GazetteerExtractor())


def test_shared_seed_people_and_places(shared_seed):
    dump = clean_dump(shared_seed.read_text())
    entities = extract_entities(dump.title, dump.body)
    assert set(entities.people) >= SEED_PEOPLE
    assert set(entities.places) >= SEED_PLACES
    assert not {"Erdogan", "Putin", "Cavusoglu", "Tolga Bozoglu", "Hayat Tahrir al-Sham", "UN"} & set(entities.people)
    assert not {"Hayat Tahrir al-Sham", "UN", "U.N."} & set(entities.places)
    assert {"Turkey", "Russia", "Syria", "Iran"} <= set(entities.countries)


ARTICLE = """Turkish President Recep Tayyip Erdogan met Vladimir Putin in Sochi on Monday.
"We agreed," President Erdogan told reporters after Erdogan's talks with Putin ended.
The United Nations envoy for Syria, Staffan de Mistura, welcomed the deal, as did officials in the U.S. and
the United States Congress. Hayat Tahrir al-Sham (HTS), the strongest group in Idlib, did not comment.
Photo credits and bylines never reach this function."""


def test_a_written_article():
    entities = extract_entities("Erdogan and Putin agree Idlib zone", ARTICLE)
    assert entities.people == ("Recep Tayyip Erdogan", "Vladimir Putin", "Staffan de Mistura")
    assert set(entities.places) == {"Idlib", "Sochi", "Syria", "United States"}
    assert set(entities.countries) == {"Syria", "Russia", "United States"}


def test_surnames_and_titles_fold_into_the_full_name():
    mentions = [("PER", "Recep Tayyip Erdogan"), ("PER", "Erdogan"), ("PER", "President Erdogan"),
                ("PER", "Tayyip Erdogan"), ("PER", "Erdogan's"), ("PER", "Putin"), ("PER", "Vladimir Putin")]
    assert normalise(mentions).people == ("Recep Tayyip Erdogan", "Vladimir Putin")


def test_a_lone_first_name_folds_into_the_full_name():
    assert normalise([("PER", "Hillary Clinton"), ("PER", "Hillary")]).people == ("Hillary Clinton",)


def test_case_and_accent_variants_are_one_name():
    mentions = [("PER", "Mevlüt Çavuşoğlu"), ("PER", "Mevlut Cavusoglu"), ("PER", "Mevlüt Çavuşoğlu"),
                ("LOC", "SÃO PAULO"), ("LOC", "São Paulo"), ("LOC", "Sao Paulo")]
    result = normalise(mentions)
    assert (result.people, result.places, result.countries) == (("Mevlüt Çavuşoğlu",), ("São Paulo",), ("Brazil",))


def test_places_are_canonical_and_lose_the_article():
    mentions = [("LOC", "U.S."), ("LOC", "the United States"), ("LOC", "Britain"), ("LOC", "the Gulf"),
                ("LOC", "Iran's"), ("LOC", "Idlib province")]
    assert normalise(mentions).places == ("United States", "United Kingdom", "Gulf", "Iran", "Idlib")


def test_names_as_written_for_the_benchmark():
    assert normalise([("LOC", "U.S.")], canonical=False).places == ("U.S.",)


def test_a_city_implies_its_country_without_becoming_a_place():
    result = normalise([("LOC", "Sochi"), ("LOC", "Aleppo")])
    assert (result.places, result.countries) == (("Sochi", "Aleppo"), ("Russia", "Syria"))


def test_a_name_read_both_ways_follows_the_majority():
    mentions = [("PER", "Idlib"), ("LOC", "Idlib"), ("LOC", "Idlib"), ("PER", "Jordan Peele"), ("PER", "Jordan Peele")]
    result = normalise(mentions)
    assert (result.people, result.places) == (("Jordan Peele",), ("Idlib",))


def test_known_places_read_as_people_become_places():
    result = normalise([("PER", "Tehran"), ("PER", "Recep Tayyip Erdogan")])
    assert (result.people, result.places) == (("Recep Tayyip Erdogan",), ("Tehran",))


def test_a_surname_that_is_also_a_town_stays_a_person():
    assert normalise([("PER", "Bill Clinton"), ("PER", "Clinton")]).people == ("Bill Clinton",)


def test_surnames_read_as_places_and_capitalised_datelines():
    mentions = [("PER", "Staffan de Mistura"), ("LOC", "De Mistura"), ("PER", "Recep Tayyip Erdogan"),
                ("LOC", "Erdogan"), ("LOC", "MOSCOW"), ("LOC", "Moscow"), ("LOC", "LONDON")]
    result = normalise(mentions)
    assert result.places == ("Moscow", "London")
    assert result.people == ("Staffan de Mistura", "Recep Tayyip Erdogan")


@pytest.mark.parametrize("mention, expected", [
    ("Health Minister Jens Spahn", "Jens Spahn"),
    ("Belgian King Baudouin I", "Baudouin I"),
    ("Lieutenant Colonel Max Marriner", "Max Marriner"),
    ("broker Khurshid Alam", "Khurshid Alam"),
    ("Deborah Charles, Rangoon", "Deborah Charles"),
    ("Jim Adams\nWashington", "Jim Adams"),
])
def test_roles_and_what_models_glue_to_names_are_removed(mention, expected):
    assert normalise([("PER", mention)]).people == (expected,)


@pytest.mark.parametrize("mention", ["Pirelli SpA", "Johnson Controls Inc", "KDP", "Atlas Bangladesh", "Monday",
                                     "Reuters Newsroom"])
def test_organisations_and_non_names_are_not_people(mention):
    assert normalise([("PER", mention)]).people == ()


def test_organisations_outvote_a_stray_person_reading():
    assert normalise([("ORG", "Ericsson"), ("ORG", "Ericsson"), ("PER", "Ericsson")]).people == ()


def test_an_organisation_s_first_word_alone_is_its_short_name_not_a_person():
    mentions = [("ORG", "Jones Medical Industries Inc"), ("PER", "Jones"), ("ORG", "Jones Medical"), ("PER", "Jones")]
    assert normalise(mentions).people == ()
    assert normalise([*mentions, ("PER", "Jones"), ("PER", "Ann Jones")]).people == ("Ann Jones",)


@pytest.mark.parametrize("mention", ["Chechens", "Kuwaiti", "Ukrainian"])
def test_peoples_are_not_places(mention):
    assert normalise([("LOC", mention)]).places == ()


def test_fallback_without_a_model():
    entities = extract_entities("", "MOSCOW, Oct. 2 (Agency) - Foreign Minister Mevlut Cavusoglu visited "
                                "Idlib province and Damascus on Tuesday.", FALLBACK)
    assert entities == Entities(people=("Mevlut Cavusoglu",), places=("Moscow", "Idlib", "Damascus"),
                                countries=("Russia", "Syria"))


def test_fold():
    assert fold("Mevlüt ÇAVUŞOĞLU") == fold("mevlut cavusoglu")


@pytest.mark.parametrize("mention", ["UN", "U.N.", "EU", "NATO"])
def test_initials_of_organisations_are_not_places(mention):
    assert normalise([("LOC", mention)]).places == ()


def test_small_towns_do_not_imply_a_country():
    result = normalise([("LOC", "Conway"), ("LOC", "Kilis"), ("LOC", "Turkey")])
    assert result.countries == ("Turkey",)


def test_one_word_said_once_is_dropped_but_kept_when_repeated():
    assert normalise([("PER", "Twitter")]).people == ()
    assert normalise([("PER", "Banksy"), ("PER", "Banksy")]).people == ("Banksy",)


def test_cached_folding_folds_as_text_fold_does():
    from searchapp.text import fold as fold_text

    names = ["Çavuşoğlu", "ÇAVUŞOĞLU", "Recep Tayyip Erdoğan", "straße", "Ǆ", "", "U.S."]
    assert [fold(n) for n in names + names] == [fold_text(n) for n in names + names]


@pytest.mark.parametrize("mentions, people, places", [
    ([("PER", "Khan Sheikhoun"), ("LOC", "Syria")], (), ("Khan Sheikhoun", "Syria")),  # a town, however spelt
    ([("PER", "President Ho Chi Minh"), ("PER", "Ho Chi Minh")], ("Ho Chi Minh",), ()),  # the text says who
    ([("PER", "Tahrir al-Sham"), ("ORG", "Hayat Tahrir al-Sham")], (), ()),
    ([("PER", "Accounting Office"), ("PER", "U.S. Dlrs"), ("PER", "Shr"), ("PER", "Shr")], (), ()),
])
def test_towns_groups_and_abbreviations_are_not_people(mentions, people, places):
    result = normalise(mentions)
    assert (result.people, result.places) == (people, places)


def test_a_possessive_inside_a_name_ends_it():
    assert normalise([("PER", "Theresa May"), ("PER", "May’s Brexit")]).people == ("Theresa May",)


def test_a_place_named_inside_an_organisation_is_not_read_there():
    from searchapp.ingest.entities import merge_mentions
    from searchapp.ingest.extractors import Mention
    model = [Mention("ORG", "University of Colorado", 10, 32), Mention("ORG", "Idlib", 40, 45)]
    gazetteer = [Mention("LOC", "Colorado", 24, 32), Mention("LOC", "Idlib", 40, 45)]
    assert merge_mentions([model, gazetteer]) == [("ORG", "University of Colorado"), ("LOC", "Idlib")]


@pytest.mark.parametrize("mentions, places", [
    ([("ORG", "Church of Scientology"), ("LOC", "Scientology")], ()),  # read more often as an organisation
    ([("LOC", "YouTube"), ("ORG", "YouTube")], ()),
    ([("LOC", "Zorvak"), ("LOC", "Zorvak"), ("ORG", "Zorvak")], ("Zorvak",)),  # more often a place
    ([("LOC", "Arbil"), ("ORG", "Arbil"), ("ORG", "Arbil")], ("Arbil",)),  # Erbil's other spelling: a town
    ([("LOC", "Turkey"), ("ORG", "Turkey")], ("Turkey",)),
])
def test_a_place_no_gazetteer_knows_is_none_when_read_as_an_organisation_as_often(mentions, places):
    assert normalise(mentions).places == places


def test_a_name_read_alone_that_begins_other_names_is_a_kind_of_thing():
    shuttles = [("PER", "Space Shuttle"), ("PER", "Space Shuttle Atlantis"), ("PER", "Space Shuttle Discovery"),
                ("PER", "Space Shuttle"), ("PER", "Sally Ride")]
    assert normalise(shuttles).people == ("Sally Ride",)
    golfers = [("PER", "Miguel Angel Jimenez"), ("PER", "Miguel Angel Martin"), ("PER", "Jimenez")]
    assert normalise(golfers).people == ("Miguel Angel Jimenez", "Miguel Angel Martin")


def test_a_country_s_name_ending_a_person_s_name_is_a_surname_when_the_article_reads_it_alone_as_one():
    assert normalise([("PER", "Atlas Bangladesh"), ("PER", "Atlas Bangladesh")]).people == ()
    mentions = [("PER", "Neil Jordan"), ("PER", "Jordan"), ("PER", "Jordan")]
    assert normalise(mentions).people == ("Neil Jordan",)


def test_a_name_the_text_says_is_a_place_is_one_wherever_the_model_read_a_person():
    from searchapp.ingest.entities import merge_mentions
    from searchapp.ingest.extractors import DatelineExtractor, Mention, RuleExtractor

    text = "Troops take town\nKHOROG, Tajikistan 1996-08-30\nTroops entered Khorog. The town of Khorog fell."
    model = [Mention("PER", "Khorog", m.start(), m.end(), "PERSON") for m in re.finditer("Khorog", text)]
    merged = merge_mentions([DatelineExtractor().mentions(text), model, RuleExtractor().mentions(text)])
    assert normalise(merged).people == ()
    assert "Khorog" in normalise(merged).places
    assert normalise(merge_mentions([model])).people == ("Khorog",)  # without the dateline and the rule
