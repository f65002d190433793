import pytest

from searchapp.ingest.entities import merge_mentions, normalise
from searchapp.ingest.extractors import Mention, SpacyExtractor, default_extractors
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
