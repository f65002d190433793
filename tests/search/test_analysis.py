import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.lang import has_stopwords, languages, stopwords_for_language

from searchapp.search.analysis import (
    ANALYSES,
    DEFAULT_LANGUAGE,
    MARK,
    NAME_ANALYZER,
    PLAIN,
    TEXT_ANALYZER,
    analysis_of,
    marked,
    stemmer,
    text_analyzer,
    unmarked,
    vocabulary_form,
    words,
)
from searchapp.text import fold

ENGLISH = "The talks in Çavuşoğlu's Ankara: İstanbul, U.S.A. running runners 20,000 e-mail\n\nle régime"


@pytest.mark.parametrize("language, analysis", [
    ("", "en"), ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("english", "en"), ("fr", "fr"), ("fr-CA", "fr"),
    ("fra", "fr"), ("ar", "ar"), ("de_DE", "de"), ("tr", "tr"), ("pl", PLAIN), ("zh-Hant", PLAIN), ("xx", PLAIN),
])
def test_each_language_has_its_analysis(language, analysis):
    assert analysis_of(language) == analysis


def test_every_language_of_whoosh_lang_is_an_analysis():
    assert set(ANALYSES) == set(languages) | {PLAIN} and len(ANALYSES) == 17


@pytest.mark.parametrize("language", ["", "en", "en-US"])
def test_english_and_unknown_languages_are_analysed_as_before(language):
    assert words("text", ENGLISH, language) == [t.text for t in TEXT_ANALYZER(ENGLISH)]
    assert words("name", ENGLISH, language) == [t.text for t in NAME_ANALYZER(ENGLISH)]
    assert text_analyzer(analysis_of(language)) is TEXT_ANALYZER


@pytest.mark.parametrize("forms", [
    ("syrienne", "syrien", "syriens", "syriennes"),
    ("négociations", "négociation", "negociation", "négocier"),
    ("élections", "élection"),
    ("chevaux", "cheval"),
])
def test_french_singular_plural_and_inflected_forms_are_one_word(forms):
    assert len({tuple(words("text", form, "fr")) for form in forms}) == 1
    assert words("text", forms[0], "fr")[0].startswith(MARK + "fr:")


def test_french_stop_words_and_elisions_are_left_out():
    assert words("text", "Les négociations", "fr") == ["!fr:negoci"]
    assert words("text", "Le régime syrien et l'armée d'Idleb qu'il a vue", "fr") == [
        "!fr:regim", "!fr:syrien", "!fr:arme", "!fr:idleb", "!fr:vu"]


@pytest.mark.parametrize("forms", [
    ("مفاوضات", "المفاوضات", "والمفاوضات", "بالمفاوضات", "مُفاوَضاتٌ", "الـمفاوضات", "مفاوضة"),
    ("إدلب", "ادلب", "أدلب"),
])
def test_arabic_spellings_clitics_and_inflections_are_one_word(forms):
    assert {tuple(words("text", form, "ar")) for form in forms} == {tuple(words("text", forms[0], "ar"))}


def test_diacritised_arabic_is_one_word_not_three():
    assert words("text", "مُفاوَضاتٌ في جنيف", "ar") == ["!ar:مفاوض", "!ar:في", "!ar:جنيف"]
    assert words("name", "مُفاوَضاتٌ في جنيف", "ar") == ["مفاوضات", "في", "جنيف"]


@pytest.mark.parametrize("analysis", [a for a in ANALYSES if a not in (DEFAULT_LANGUAGE, "ar", PLAIN)])
def test_each_languages_stop_list_and_stemmer_are_applied(analysis):
    if has_stopwords(analysis):  # every one but Romanian (and Arabic)
        stop = sorted(w for w in stopwords_for_language(analysis) if len(w) > 1)[0]
        assert words("text", stop, analysis) == []
    stem = stemmer(analysis)
    if stem is not None:
        word = {"da": "husene", "nl": "huizen", "fi": "taloissa", "fr": "maisons", "de": "Häusern", "hu": "házakban",
                "it": "case", "no": "husene", "pt": "casas", "ro": "casele", "ru": "домами", "es": "casas",
                "sv": "husen"}[analysis]
        assert words("text", word, analysis) == [marked(analysis, fold(stem(word.lower())))]


def test_a_language_without_a_stemmer_keeps_its_folded_words():
    assert words("text", "Rozmowy pokojowe w Genewie, Łódź", "pl") == [
        "!plain:rozmowy", "!plain:pokojowe", "!plain:genewie", "!plain:lodz"]
    assert words("text", "müzakereler ve bir", "tr") == ["!tr:muzakereler"]  # Turkish: stop words only


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(ANALYSES))
def test_no_indexed_word_of_one_analysis_is_a_word_of_another(text, analysis):
    for word in words("text", text, analysis):
        assert unmarked(word)[0] == analysis
        assert (MARK in word) == (analysis != DEFAULT_LANGUAGE)


def test_vocabulary_form_is_the_words_a_page_gives_the_vocabulary():
    for word, language in [("Négociations", "fr"), ("مُفاوَضةٌ", "ar"), ("Łódź", "pl"), ("Talks", "")]:
        assert [vocabulary_form(word)] == words("name", word, language)
