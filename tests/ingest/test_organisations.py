"""Organisations from mentions: one value each, peoples and the article's own people and places left out."""
from __future__ import annotations

import re

import pytest

from searchapp.ingest.entities import extract_entities
from searchapp.ingest.extractors import Mention, RuleExtractor
from searchapp.ingest.organisations import clean_organisation, find_organisations


def model(text: str, *labelled: tuple[str, str, str]) -> list[Mention]:
    """What a model would say: (label, spaCy's label, text) at every place the text holds it."""
    return [Mention(label, name, m.start(), m.end(), kind) for label, kind, name in labelled
            for m in re.finditer(re.escape(name), text)]


def organisations(text: str, *labelled: tuple[str, str, str], taken=(), canonical=True) -> tuple[str, ...]:
    found = [model(text, *labelled), RuleExtractor().mentions(text)]
    return find_organisations(text, found, taken, canonical=canonical)


def test_initials_and_short_forms_join_the_full_name_the_article_gives():
    text = ("Hayat Tahrir al-Sham (HTS) said it would stay. HTS controls the province. "
            "The United Nations warned that the U.N. could not deliver aid. Tahrir al-Sham did not answer.")
    found = organisations(text, ("ORG", "ORG", "HTS"), ("ORG", "ORG", "United Nations"), ("ORG", "ORG", "U.N."),
                          ("ORG", "ORG", "Tahrir al-Sham"))
    assert found == ("Hayat Tahrir al-Sham", "United Nations")


def test_every_spelling_is_kept_apart_when_not_canonical():
    text = "The United Nations warned that the U.N. could not deliver aid."
    assert organisations(text, ("ORG", "ORG", "United Nations"), ("ORG", "ORG", "U.N."),
                         canonical=False) == ("United Nations", "U.N.")


def test_unlinked_initials_lose_their_dots_so_archives_agree():
    assert organisations("The U.N. said so.", ("ORG", "ORG", "U.N.")) == ("UN",)


def test_peoples_people_places_units_and_sign_offs_are_no_organisations():
    text = ("ARBIL, Iraq 1996-08-22\nSyrian troops and Kurdish fighters met the KDP at 1430 GMT, Wang said.\n"
            "Li Wang of Sinopec spoke.\n-- Bucharest Newsroom +40-1 3120264")
    found = [model(text, ("ORG", "NORP", "Syrian"), ("ORG", "NORP", "Kurdish"), ("ORG", "ORG", "KDP"),
                   ("ORG", "ORG", "GMT"), ("ORG", "ORG", "Wang"), ("ORG", "ORG", "Sinopec"),
                   ("ORG", "ORG", "Bucharest Newsroom"), ("ORG", "ORG", "Arbil"))]
    assert find_organisations(text, found, taken=("Li Wang", "Erbil", "Iraq")) == ("KDP", "Sinopec")


def test_a_country_or_state_named_alone_is_no_organisation():
    text = "South Africa and Michigan said the Michigan National Bank would lend."
    found = organisations(text, ("ORG", "ORG", "South Africa"), ("ORG", "ORG", "Michigan"),
                          ("ORG", "ORG", "Michigan National Bank"))
    assert found == ("Michigan National Bank",)


def test_a_mention_covered_by_a_person_or_place_is_not_an_organisation():
    text = "Envoy Staffan de Mistura arrived."
    found = [model(text, ("ORG", "ORG", "Staffan de Mistura")), [Mention("PER", "Staffan de Mistura", 6, 24)]]
    assert find_organisations(text, found) == ()


def test_a_word_of_a_title_is_no_organisation_but_a_body_with_a_spokesman_is():
    text = "Russian Defence Minister Sergei Shoigu and Kremlin spokesman Dmitry Peskov spoke."
    assert organisations(text, ("ORG", "ORG", "Defence"), ("ORG", "ORG", "Kremlin")) == ("Kremlin",)


def test_a_name_described_as_a_group_is_an_organisation():
    text = "Hayat Tahrir al-Sham, the jihadist alliance that controls Idlib, said nothing. Naji Mustafa, a spokesman"
    assert organisations(text) == ("Hayat Tahrir al-Sham",)


@pytest.mark.parametrize("mention, name", [
    ("the U.N.'s", "U.N."), ("Interfax news agency", "Interfax"), ("State Department spokesperson", "State Department"),
    ("Monday Chicago NAPM", "Chicago NAPM"), ("Workers’ Party", "Workers’ Party"), ("182nd", ""), ("the", ""),
    ("European Union (EU)", "European Union"),
])
def test_mentions_are_tidied(mention, name):
    assert clean_organisation(mention) == name


def test_names_in_capitals_are_written_as_names():
    assert organisations("UNITED NATIONS (Reuters) - talks.", ("ORG", "ORG", "UNITED NATIONS")) == ("United Nations",)


def test_extract_entities_fills_organisations_without_a_model():
    found = extract_entities("Rebels meet", "Members of the Kurdistan Democratic Party (KDP) met. The KDP left.",
                             extractors=(RuleExtractor(),))
    assert found.organisations == ("Kurdistan Democratic Party",)


def test_the_legal_end_of_a_firm_s_name_is_no_organisation_of_its_own():
    text = "Clement Celik and Sons said profits rose. Walter Carrow and Co Inc agreed."
    found = organisations(text, ("PER", "PERSON", "Clement Celik"), ("ORG", "ORG", "Sons"),
                          ("PER", "PERSON", "Walter Carrow"), ("ORG", "ORG", "Co Inc"))
    assert "Sons" not in found and "Co Inc" not in found
    assert clean_organisation("Sons") == "" and clean_organisation("Johnson & Sons") == "Johnson & Sons"


def test_partners_of_a_firm_and_sons_are_no_people():
    entities = extract_entities("Profits rise", "Clement Celik and Sons said on Monday that profits rose. "
                                "Treasurer Hans Walsh told analysts that rates would hold. Walsh said more.")
    assert entities.people == ("Hans Walsh",)


def test_partners_with_capitals_of_any_latin_alphabet_are_a_firm_s():
    entities = extract_entities("Profits rise", "Clement Çelik and Sons said on Monday that profits rose. "
                                "Clement Çelik said the outlook was good.")
    assert "Clement Çelik" not in entities.people


def test_a_firm_s_first_partner_alone_is_the_firm_for_short():
    entities = extract_entities("Deal", "Morales, Turner, Moreau Inc said on Monday it would buy the bank. "
                                "Morales said the deal was good. Analyst Jane Fox agreed.")
    assert entities.people == ("Jane Fox",)
