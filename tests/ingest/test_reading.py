import re

import pytest

from searchapp.ingest.entities import merge_mentions, normalise
from searchapp.ingest.extractors import Mention, SpacyExtractor, default_extractors
from searchapp.ingest.known_names import KnownNames, remembering
from searchapp.ingest.reading import repeats, sentences, to_read


def split(text):
    return [text[start:end].strip() for start, end in sentences(text)]


def read(text):
    return [text[start:end] for start, end in to_read(text)]


def test_sentences_end_at_full_stops_and_lines_but_not_after_initials_numbers_or_abbreviations():
    text = ("Talks began in St. Louis on Sept. 3 again. A. Ranatunga scored. Mr. Smith left!\n"
            "1. Lars Riedel (Germany) 66.30\n\n\"Yes.\" Then nothing")
    assert split(text) == ["Talks began in St. Louis on Sept. 3 again.", "A. Ranatunga scored.", "Mr. Smith left!",
                           "1. Lars Riedel (Germany) 66.30", "\"Yes.\"", "Then nothing"]


def test_spans_cover_the_text_exactly():
    text = "One. Two here.\nThree?  Four\n"
    assert [text[s:e] for s, e in sentences(text)] == ["One. ", "Two here.\n", "Three?  ", "Four\n"]


def test_the_model_reads_sentences_with_new_names_and_skips_repeats():
    text = ("Tatiana Eriksson said on Thursday that talks in Plabenford failed. Eriksson said markets fell. "
            "Markets fell again on Friday, and markets had fallen before.\n"
            "Talks went on in Plabenford with Alexei Fontaine. Fontaine said nothing.")
    assert read(text) == [
        "Tatiana Eriksson said on Thursday that talks in Plabenford failed. ",
        "Talks went on in Plabenford with Alexei Fontaine. ",
    ]


def test_a_capitalised_first_word_is_a_name_unless_the_article_writes_it_in_lower_case():
    assert read("Brilirbom left. Eriksson stayed.") == ["Brilirbom left. Eriksson stayed."]
    assert read("He left. Markets fell, markets said.") == []


def test_capitals_of_any_script_are_names():
    assert read("Сегодня приехала Дарья Калугина. Калугина сказала. сегодня") == ["Сегодня приехала Дарья Калугина. "]


def test_repeats_are_found_outside_what_was_read_with_the_most_given_label():
    text = "Jordan Peel met Jordan. Jordan Peel left; Jordan stayed. Jordanian Jordan-ish."
    found = [Mention("PER", "Jordan Peel", 0, 11), Mention("LOC", "Jordan", 16, 22)]
    more = repeats(found, text, [(0, 24)])
    assert [(m.label, m.text, text[m.start:m.end], m.start) for m in more] == [
        ("PER", "Jordan Peel", "Jordan Peel", 24), ("LOC", "Jordan", "Jordan", 42)]


@pytest.fixture(scope="module")
def model():
    found = [e for e in default_extractors() if isinstance(e, SpacyExtractor)]
    if not found:
        pytest.skip("the spaCy model is not installed")
    return found[0]


ARTICLE = """Putin and Erdogan agree on Idlib buffer zone
Russian President Vladimir Putin and Turkish President Tayyip Erdogan agreed on Monday in Sochi to create a demilitarised zone in Syria's Idlib province.
Putin said the zone would be 15 to 20 km deep. Erdogan said the agreement would prevent a humanitarian crisis.
The talks in Sochi lasted four hours, and Putin said Russia and Turkey would patrol the zone together.
Damascus welcomed the deal, the Syrian state news agency said. Erdogan flew back to Ankara on Monday night.
Opposition leaders in Idlib said they doubted that Putin could hold Damascus to it."""  # noqa: E501 - one line, one paragraph of the text under test


def test_the_model_finds_in_what_it_reads_what_it_finds_reading_everything(model):
    every = SpacyExtractor(model.nlp, every=True)
    assert not any("Putin said the zone" in ARTICLE[start:end] for start, end in to_read(ARTICLE))
    mentions = model.mentions(ARTICLE)
    assert all(ARTICLE[m.start:m.end] == m.text for m in mentions)
    people = {(m.text, m.start) for m in mentions if m.label == "PER"}
    assert {(m.text, m.start) for m in every.mentions(ARTICLE) if m.label == "PER"} <= people
    assert normalise(merge_mentions([mentions])) == normalise(merge_mentions([every.mentions(ARTICLE)]))


class Entity:
    def __init__(self, label, text, start):
        self.label_, self.text, self.start_char, self.end_char = label, text, start, start + len(text)


class CountingModel:
    """A model that knows some names, labelling each occurrence in turn from `labels`, and keeps what it is given."""

    def __init__(self, **labels):
        self.labels = {name.replace("_", " "): list(given) for name, given in labels.items()}
        self.given: list[str] = []

    def __call__(self, text):
        self.given.append(text)
        ents, taken = [], set()
        for name, given in sorted(self.labels.items(), key=lambda item: -len(item[0])):
            for match in re.finditer(rf"\b{re.escape(name)}\b", text):
                if not taken & set(range(*match.span())):
                    taken |= set(range(*match.span()))
                    ents.append(Entity(given.pop(0) if len(given) > 1 else given[0], name, match.start()))
        return type("Doc", (), {"ents": ents})()


FIRST = "Tatiana Eriksson met ministers in Plabenford. Eriksson said talks failed."
SECOND = "On Friday Tatiana Eriksson said nothing. In Plabenford talks went on."


def test_a_name_read_in_one_article_is_found_in_the_next_without_the_model_reading_it():
    nlp = CountingModel(Tatiana_Eriksson=["PERSON"], Plabenford=["GPE"])
    model = SpacyExtractor(nlp, known=KnownNames())
    model.mentions(FIRST)
    found = model.mentions(SECOND)
    assert nlp.given == ["Tatiana Eriksson met ministers in Plabenford. "]
    assert found == [Mention("PER", "Tatiana Eriksson", 10, 26, "PERSON"), Mention("LOC", "Plabenford", 44, 54, "GPE")]


def test_each_article_alone_the_model_reads_the_name_again():
    nlp = CountingModel(Tatiana_Eriksson=["PERSON"])
    model = SpacyExtractor(nlp)
    model.mentions(FIRST)
    model.mentions(SECOND)
    assert nlp.given[1:] == [SECOND]


def test_a_new_name_made_of_known_words_is_read():
    nlp = CountingModel(Tatiana_Eriksson=["PERSON"], Plabenford=["GPE"], Eriksson_Plabenford=["ORG"])
    model = SpacyExtractor(nlp, known=KnownNames())
    model.mentions(FIRST)
    model.mentions("Shares of Eriksson Plabenford rose.")
    assert nlp.given[-1] == "Shares of Eriksson Plabenford rose."


def test_known_names_take_the_label_the_model_gave_most_often():
    nlp = CountingModel(Kemble=["PERSON", "GPE", "GPE"])
    known = KnownNames()
    model = SpacyExtractor(nlp, known=known)
    for other in ("Ada", "Bo", "Cy"):
        model.mentions(f"Kemble met {other}.")  # read for the new name
    assert known.names["Kemble"] == {("PER", "PERSON"): 1, ("LOC", "GPE"): 2}
    assert model.mentions("Kemble spoke again.") == [Mention("LOC", "Kemble", 0, 6, "GPE")]
    assert len(nlp.given) == 3


def test_an_article_that_reads_a_name_itself_keeps_its_own_label():
    known = KnownNames()
    known.see_words(["Kemble"])
    known.learn([("LOC", "GPE", "Kemble")] * 3)
    nlp = CountingModel(Kemble_Baxter=["PERSON"], Kemble=["PERSON"])
    found = SpacyExtractor(nlp, known=known).mentions("Kemble Baxter and Kemble spoke. Kemble left.")
    assert [(m.label, m.text) for m in found] == [("PER", "Kemble Baxter"), ("PER", "Kemble"), ("PER", "Kemble")]


def test_told_not_to_remember_each_article_is_read_alone(monkeypatch):
    monkeypatch.setenv("SEARCHAPP_ENTITY_MEMORY", "0")
    nlp = CountingModel(Tatiana_Eriksson=["PERSON"], Plabenford=["GPE"])
    model = SpacyExtractor(nlp, known=remembering())
    model.mentions(FIRST)
    assert model.mentions(SECOND) == SpacyExtractor(CountingModel(Tatiana_Eriksson=["PERSON"], Plabenford=["GPE"])
                                                    ).mentions(SECOND)
    assert nlp.given[1:] == [SECOND]
