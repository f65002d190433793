import json
from pathlib import Path

import pytest

from searchapp.config import setting
from searchapp.ingest.entity_model import decodable, entities, multiply_with_numpy

spacy = pytest.importorskip("spacy")

# Real article bodies (read where the evaluation kits are, never copied; skipped without them).
REAL_BODIES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "extraction" / "ground-truth.json"

# Varied shapes: headlines, datelines, names across line breaks and at the very end, initials,
# whitespace runs, tables of results, other scripts, one word, nothing.
TEXTS = [
    "Tatiana Eriksson met Alexei Fontaine in Lisbon on Tuesday; Eriksson said talks went well.",
    "Russia Says Talks With Chechens Go Well\nMOSCOW, Oct. 2 (Meridian Post) - Russia said on Wednesday "
    "that the Organisation for Security and Cooperation in Europe would send envoys to Grozny.",
    "Prime Minister Kengo wa Dondo said\nKen\nGreen and George\nPanayiotopoulos won in New York\n\n\nAtlanta",
    "American League\nEastern Division\nW L Pct Gb\nNew York 74 57 .565 -\nBaltimore 70 61 .534 4",
    "The U.S. Federal Reserve and the European Central Bank ( ECB ) met in Frankfurt , Germany .",
    "  Leading   spaces,\ttabs\tand  double  spaces around Angela Merkel  and  Emmanuel Macron .  ",
    "Сегодня в Москве Дарья Калугина встретилась с Олегом Ивановым.",
    "He left. Then the talks with Recep Tayyip Erdogan",
    "Erdogan",
    "Mr. Smith\n\nwent to Washington.\n\n",
    "\n",
    "",
]


@pytest.fixture(scope="module")
def models():
    """spaCy's own run of the model, and the same model as the loader runs it."""
    try:
        stock = spacy.load(setting("ENTITY_MODEL"), enable=["ner"])
        fast = spacy.load(setting("ENTITY_MODEL"), enable=["ner"])
    except OSError:
        pytest.skip("the spaCy model is not installed")
    multiply_with_numpy(fast)
    return stock, fast


@pytest.mark.parametrize("text", TEXTS)
def test_the_decoded_entities_are_spacys_own(models, text):
    stock, fast = models
    assert decodable(fast) is not None
    expected = [(e.label_, e.start_char, e.end_char, e.text) for e in stock(text).ents]
    assert [tuple(e) for e in entities(fast, text)] == expected


@pytest.mark.skipif(not REAL_BODIES.exists(), reason="evaluation kit not found")
def test_the_decoded_entities_are_spacys_own_on_real_articles(models):
    stock, fast = models
    bodies = [a["articleBody"] for a in json.loads(REAL_BODIES.read_text()).values() if a.get("articleBody")]
    differing = [body[:60] for body in bodies
                 if [tuple(e) for e in entities(fast, body)]
                 != [(e.label_, e.start_char, e.end_char, e.text) for e in stock(body).ents]]
    assert differing == []


def test_numpy_products_find_the_same_entities(models):
    stock, fast = models
    for text in TEXTS:
        assert [(e.label_, e.start, e.end) for e in fast(text).ents] == \
            [(e.label_, e.start, e.end) for e in stock(text).ents]


def test_other_pipelines_are_run_by_spacy(models):
    stock, _ = models
    blank = spacy.blank("en")
    ruler = blank.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Eriksson"}])
    assert decodable(blank) is None
    assert [tuple(e) for e in entities(blank, "Eriksson left.")] == [("PERSON", 0, 8, "Eriksson")]
    assert decodable(lambda text: stock(text)) is None


def test_pipelines_without_a_network_are_left_as_they_are():
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    multiply_with_numpy(blank)
    assert [s.text for s in blank("One. Two.").sents] == ["One.", "Two."]
