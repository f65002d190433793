"""A surname the model read alone is named in full where the text writes a given name before it
(extractors.full_names): news names a person in full at first mention, and the model sometimes
reads that first mention as something else ("Magnus Green" as an organisation) or not at all."""
import re

import pytest

from searchapp.ingest.entities import extract_entities
from searchapp.ingest.extractors import Mention, SpacyExtractor, after_a_dash, default_extractors, full_names


def at(text: str, label: str, name: str, nth: int = 0) -> Mention:
    """The model's mention of `name`, its nth occurrence in the text."""
    match = list(re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text))[nth]
    return Mention(label, name, match.start(), match.end(), label)


def read(text: str, *mentions: tuple[str, str, int], proper=None) -> list[tuple[str, str]]:
    found = sorted((at(text, label, name, nth) for label, name, nth in mentions), key=lambda m: m.start)
    return [(m.label, text[m.start:m.end]) for m in full_names(found, text, proper) if text[m.start:m.end] == m.text]


GREEN = "Magnus Green restored a platform. In Oxnard, Green said the plan was dead. Green left."


def test_a_first_mention_read_as_an_organisation_is_the_person_read_alone_after():
    assert read(GREEN, ("ORG", "Magnus Green", 0), ("PER", "Green", 1), ("PER", "Green", 2)) == [
        ("PER", "Magnus Green"), ("PER", "Green"), ("PER", "Green")]


def test_a_first_mention_the_model_did_not_read_is_taken_whole():
    text = "BEIJING, Sept 10 - Diego de Souza launched a campaign. De Souza said so, de Souza said."
    assert read(text, ("PER", "De Souza", 0), ("PER", "de Souza", 1)) == [
        ("PER", "Diego de Souza"), ("PER", "De Souza"), ("PER", "de Souza")]


@pytest.mark.parametrize("text", [
    "Amit Haddad launched the campaign. Haddad said it would work.",
    "The court ruled on Tuesday. Amit Haddad warned of appeals. Haddad said it would work.",  # after a sentence
])
def test_a_given_name_the_model_left_out_is_taken_in(text):
    assert read(text, ("PER", "Haddad", 0), ("PER", "Haddad", 1)) == [("PER", "Amit Haddad"), ("PER", "Haddad")]


@pytest.mark.parametrize("text", [
    "When Carter spoke, Carter said no.",  # a stop word
    "Senator Carter spoke. Carter said no.",  # a role
    "Moscow Carter spoke. Carter said no.",  # a known place
    "Bright Carter spoke. Carter said it was bright.",  # a word the article writes in lower case
    "In Hong Kong Carter spoke. Carter said no.",  # the end of a longer run of capitalised words
    "At the Rosalynn Carter Institute, Carter said no.",  # after an article
    "Helen Carter spoke. Margaret Carter said Carter would go.",  # read in full: the surname is hers
])
def test_a_word_before_the_surname_that_is_no_given_name_is_left_alone(text):
    carters = [m.start() for m in re.finditer(r"(?<!\w)Carter(?!\w)", text)]
    found = [Mention("PER", "Carter", start, start + 6) for start in carters]
    if "Helen" in text:
        margaret = found[1]._replace(text="Margaret Carter", start=found[1].start - 9)
        found = [Mention("PER", "Helen Carter", 0, 12), margaret, found[2]]
    assert full_names(found, text) == found


def test_a_surname_that_is_a_known_place_is_left_alone():
    text = "Rotor Volgograd must play again. Volgograd said no."
    assert read(text, ("PER", "Volgograd", 0), ("PER", "Volgograd", 1)) == [("PER", "Volgograd"), ("PER", "Volgograd")]


@pytest.mark.parametrize("text, surname", [
    ("Santo Domingo resident raises rents. Officials in Santo Domingo met.", "Domingo"),
    ("Why Rio das Ostras approves the plan. Talks in Rio das Ostras ended.", "das Ostras"),
])
def test_a_town_whose_last_words_the_model_read_as_a_person_is_left_alone(text, surname):
    assert read(text, ("PER", surname, 0)) == [("PER", surname)]


def test_a_place_the_model_read_there_is_left_alone():
    text = "Bethnal Green voted. Green said no."
    assert read(text, ("LOC", "Bethnal Green", 0), ("PER", "Green", 1)) == [("LOC", "Bethnal Green"), ("PER", "Green")]


def test_the_given_name_must_be_a_proper_noun_to_the_tagger():
    text = "Yesterday Carter received guests. Carter said no."
    mentions = (("PER", "Carter", 0), ("PER", "Carter", 1))
    assert read(text, *mentions, proper=lambda text, start: not text.startswith("Yesterday", start)) == [
        ("PER", "Carter"), ("PER", "Carter")]
    assert read(text, *mentions, proper=lambda text, start: True) == [("PER", "Yesterday Carter"), ("PER", "Carter")]


def model() -> SpacyExtractor:
    extractor = next((e for e in default_extractors() if isinstance(e, SpacyExtractor)), None)
    if extractor is None:
        pytest.skip("the spaCy model is not installed")
    return extractor


@pytest.mark.parametrize("sentence, given, proper", [
    ("Yesterday Mohamed received guests.", "Yesterday", False),
    ("Instead Joubert kicked another penalty.", "Instead", False),
    ("Amit Haddad launched the campaign.", "Amit", True),
    ("The deal was done, Magnus Green said.", "Magnus", True),
])
def test_the_model_s_tagger_tells_a_given_name_from_an_adverb(sentence, given, proper):
    text = f"Officials met on Monday.\n{sentence} Nobody else spoke."
    assert model().proper_noun(text, text.index(given)) is proper


# Generated agency copy (bench/realistic.py, seed 7, page 311): the model reads "Magnus" as no
# given name ("Magnus Brown", "Magnus Carlsen": organisations) and "Green" alone as a person.
STORY = """Magnus Green promised almost half of governments on Thursday in Suwon, South Korea, the supreme court said.

Sunita Miller launched a program review in Moscow.

Miller criticised a software deal after the key outage was signed. Miller announced a plan in Moscow, Green said.

Green said the World Bank approved the software of the health ministry, and that Green warned the regulator."""


def test_an_article_names_the_person_in_full_not_a_firm():
    found = extract_entities("Why Moscow reviews the budget", STORY)
    if not any(isinstance(e, SpacyExtractor) for e in default_extractors()):
        pytest.skip("the spaCy model is not installed")
    assert found.people == ("Magnus Green", "Sunita Miller")
    assert "Magnus Green" not in found.organisations


@pytest.mark.parametrize("name, expected", [
    ("Sept 4 - Dr Miguel Mwangi", "Dr Miguel Mwangi"),  # a dateline's date run on into the name
    ("12 – Danie van Schalkwyk", "Danie van Schalkwyk"),
    ("Anna-Lena Kessler", "Anna-Lena Kessler"),  # a hyphen inside a name stays
])
def test_a_person_s_name_begins_after_a_spaced_dash(name, expected):
    text = f"HARBIN, {name} backed two policies."
    start = text.index(name)
    cut = after_a_dash(Mention("PER", name, start, start + len(name)))
    assert (cut.text, text[cut.start:cut.end]) == (expected, expected)


def test_a_first_mention_after_a_dateline_s_date_is_the_person_s_full_name():
    import spacy

    nlp = spacy.blank("en")  # a model that reads the dateline's date and the name after it as one name
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PERSON", "pattern": "Sept 4 - Dr Miguel Mwangi"}, {"label": "PERSON", "pattern": "Mwangi"}])
    text = "HARBIN, Sept 4 - Dr Miguel Mwangi backed two policies last week. Mwangi said he would oppose it."
    found = extract_entities("Mwangi begins task", text, (SpacyExtractor(nlp, every=True),))
    assert found.people == ("Miguel Mwangi",)
