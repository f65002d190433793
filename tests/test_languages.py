"""Languages by their ISO 639-1 code: declared tags read, names, writing direction."""
import pytest

from searchapp.languages import code_of, direction, name_of


@pytest.mark.parametrize("tag, code", [
    ("fr", "fr"), ("fr-FR", "fr"), ("fr_CA", "fr"), ("FR", "fr"), (" en-US ", "en"), ("zh-Hans-CN", "zh"),
    ("fra", "fr"), ("fre", "fr"), ("ara", "ar"), ("iw", "he"), ("nb-NO", "no"), ("sr@latin", "sr"),
    ("", ""), ("und", ""), ("x-klingon", ""), ("zz", ""), ("english", ""), ("1", ""),
])
def test_code_of_a_declared_tag(tag, code):
    assert code_of(tag) == code


@pytest.mark.parametrize("code, name", [
    ("en", "English"), ("fr", "French"), ("ar", "Arabic"), ("he", "Hebrew"), ("el", "Greek"),
    ("ms", "Malay"), ("no", "Norwegian"), ("fa", "Persian"), ("qq", "qq"),
])
def test_name_of(code, name):
    assert name_of(code) == name


@pytest.mark.parametrize("code, way", [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("en", "ltr"),
                                       ("fr", "ltr"), ("ku", "ltr"), ("", "ltr")])
def test_direction(code, way):
    assert direction(code) == way
