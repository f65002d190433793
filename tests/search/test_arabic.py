import pytest

from searchapp.search.arabic import light_stem, normalise, strip_marks


@pytest.mark.parametrize("written, normal", [
    ("أحمد", "احمد"), ("إدلب", "ادلب"), ("آلاف", "الاف"), ("ٱلله", "الله"),  # alef forms -> bare alef
    ("مستشفى", "مستشفي"),  # alef maqsura -> yeh
    ("مدرسة", "مدرسه"),  # taa marbuta -> heh
    ("مُفاوَضاتٌ", "مفاوضات"), ("الشّام", "الشام"), ("أيضاً", "ايضا"),  # harakat, shadda, tanween
    ("الـمفاوضات", "المفاوضات"),  # tatweel
    ("Idlib", "Idlib"),  # other scripts untouched
])
def test_normalise_makes_the_spellings_readers_take_for_one_word_one(written, normal):
    assert normalise(written) == normal


def test_strip_marks_keeps_the_letters_as_written():
    assert strip_marks("مُفاوَضةٌ في إدلـب") == "مفاوضة في إدلب"


@pytest.mark.parametrize("forms", [
    ["مفاوضات", "المفاوضات", "والمفاوضات", "بالمفاوضات", "للمفاوضات", "فالمفاوضات", "مفاوضة", "ومفاوضات"],
    ["حكومة", "الحكومة", "حكومات", "والحكومة", "للحكومة"],
    ["سورية", "السورية", "السوري", "سوري"],
    ["مدني", "المدنيين", "مدنيون", "مدنيين"],
    ["مدينة", "المدينة", "بالمدينة", "والمدينة", "كالمدينة"],
])
def test_light_stemming_joins_a_words_article_clitics_and_inflections(forms):
    stems = {light_stem(normalise(form)) for form in forms}
    assert len(stems) == 1, stems


@pytest.mark.parametrize("apart", [
    ("مكتبة", "كاتب"),  # library, writer: one root, two words (ISRI joins them)
    ("مدرسة", "درس"),  # school, lesson
    ("النار", "نور"),  # fire, light
])
def test_light_stemming_keeps_words_of_one_root_apart(apart):
    first, second = (light_stem(normalise(word)) for word in apart)
    assert first != second


def test_short_words_keep_their_letters():
    assert light_stem("ولد") == "ولد"  # three letters: the "and" prefix is not taken off
    assert light_stem("الم") == "الم"
