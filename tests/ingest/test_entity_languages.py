"""People and places in articles in other languages (docs/entities.md, "Other languages"): no
English model or English rule reads them; places get their English (gazetteer) name."""
import pytest

from searchapp.ingest import extractors
from searchapp.ingest.entities import extract_entities, without_leading_words
from searchapp.ingest.extractors import ForeignGazetteerExtractor, SpacyExtractor, extractors_for
from searchapp.ingest.gazetteer import lookup_in

FRENCH_TITLE = "Idleb : la Turquie renforce ses postes"
FRENCH_BODY = (
    "Selon M. Erdogan, la Turquie ne laissera pas tomber Idleb. Le président Recep Tayyip Erdogan "
    "s'est entretenu avec Vladimir Poutine à Sotchi, sur la mer Noire. La Syrie et l'Iran n'ont pas "
    "réagi. Les combats ont repris au sud d'Alep, et Damas a promis de reprendre la province. "
    "M. Poutine a salué l'accord, signé à Genève."
)
ARABIC_TITLE = "روسيا وتركيا تتفقان على منطقة حول إدلب"
ARABIC_BODY = (
    "اتفقت روسيا وتركيا على إقامة منطقة منزوعة السلاح في محافظة إدلب شمال غرب سوريا. "
    "وقال الرئيس التركي إن القصف على ريف حلب توقف، وأن دمشق لم تعلق بعد. "
    "وسيعقد اجتماع جديد في جنيف الشهر المقبل بحضور ممثلين عن إيران."
)


def test_french_people_are_the_models_names_without_the_words_before_them():
    found = extract_entities(FRENCH_TITLE, FRENCH_BODY, language="fr")
    assert set(found.people) == {"Recep Tayyip Erdogan", "Vladimir Poutine"}


def test_french_places_carry_their_english_names():
    found = extract_entities(FRENCH_TITLE, FRENCH_BODY, language="fr")
    assert {"Idlib", "Turkey", "Syria", "Iran", "Aleppo", "Damascus", "Sochi", "Geneva"} <= set(found.places)
    assert not {"Idleb", "Turquie", "La Turquie", "Alep", "Damas", "Syrie"} & set(found.places)
    assert {"Syria", "Turkey", "Iran"} <= set(found.countries)


def test_a_town_by_its_own_name_in_a_french_headline_needs_the_model():
    found = extract_entities("L'ouragan Florence touche terre", "La tempête Florence a touché terre vendredi.",
                             language="fr")
    assert "Florence" not in found.places


def test_arabic_places_come_from_the_gazetteer_under_english_names_and_no_people():
    found = extract_entities(ARABIC_TITLE, ARABIC_BODY, language="ar")
    assert set(found.places) == {"Russia", "Turkey", "Idlib", "Syria", "Aleppo", "Damascus", "Geneva", "Iran"}
    assert found.people == () and found.organisations == ()


def test_an_arabic_word_that_is_also_a_towns_alternate_name_is_no_place():
    # "وأن" (and that) folds to "وان", an alternate name of Van in Turkey.
    found = ForeignGazetteerExtractor("ar").mentions("وأن الحكومة قررت ذلك")
    assert found == []


def test_arabic_joined_prefixes_are_read_off_the_place():
    found = ForeignGazetteerExtractor("ar").mentions("وإدلب بسوريا")
    assert [(m.text, lookup_in(m.text, "ar").name) for m in found] == [("إدلب", "Idlib"), ("سوريا", "Syria")]


@pytest.mark.parametrize("name, language, english", [
    ("Idleb", "fr", "Idlib"), ("Alep", "fr", "Aleppo"), ("Syrie", "fr", "Syria"),
    ("Caroline du Nord", "fr", "North Carolina"),
    ("إدلب", "ar", "Idlib"), ("ادلب", "ar", "Idlib"), ("حلب", "ar", "Aleppo"), ("سوريا", "ar", "Syria"),
    ("Siria", "es", "Syria"), ("Türkei", "de", "Turkey"),
])
def test_place_names_in_other_languages_are_the_english_place(name, language, english):
    assert lookup_in(name, language).name == english


def test_english_lookups_know_no_foreign_name():
    assert lookup_in("Idleb", "en") is None and lookup_in("Syrie", "") is None


def test_no_english_extractor_reads_another_language():
    english = set(map(type, extractors_for("en")))
    for language in ("fr", "ar", "es", "de"):
        chosen = extractors_for(language)
        assert not {type(e) for e in chosen if not isinstance(e, SpacyExtractor)} & english
        models = [e for e in chosen if isinstance(e, SpacyExtractor)]
        assert all(m.nlp.lang == language for m in models)
    assert [e.nlp.lang for e in extractors_for("fr") if isinstance(e, SpacyExtractor)] == ["fr"]


def test_a_language_without_a_model_gets_places_but_no_people():
    found = extract_entities("Acuerdo sobre Idlib", "Rusia y Turquía firmaron en Sochi. Vladimir Putin habló.",
                             language="es")
    assert {"Russia", "Turkey", "Idlib", "Sochi"} <= set(found.places) and found.people == ()


def test_the_french_model_is_loaded_on_the_first_french_article_only(monkeypatch):
    loaded = []
    import spacy

    real = spacy.load
    monkeypatch.setattr(spacy, "load", lambda name, **kw: loaded.append(name) or real(name, **kw))
    extractors.extractors_for.cache_clear()
    try:
        extract_entities("London", "Ministers met in London.", language="en")
        extract_entities("Madrid", "Los ministros se reunieron en Madrid.", language="es")
        assert "fr_core_news_sm" not in loaded
        extract_entities("Paris", "Les ministres se sont réunis à Paris.", language="fr")
        assert loaded.count("fr_core_news_sm") == 1
    finally:
        extractors.extractors_for.cache_clear()


@pytest.mark.parametrize("name, bare", [
    ("Selon M. Erdogan", "Erdogan"), ("La Turquie", "Turquie"), ("de Caroline", "Caroline"), ("Mme Merkel", "Merkel"),
    ("Le", "Le"),
])
def test_french_words_before_a_name_are_not_part_of_it(name, bare):
    assert without_leading_words(name, "fr") == bare


def test_english_articles_are_read_as_before():
    text = "President Vladimir Putin met Recep Tayyip Erdogan in Sochi on the Black Sea."
    assert extract_entities("Summit", text) == extract_entities("Summit", text, language="en")
    assert extract_entities("Summit", text, language="") == extract_entities("Summit", text)
