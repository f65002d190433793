"""The language of an article: what its page declares, unless its text says otherwise."""
from pathlib import Path

import pytest

from searchapp.ingest.language import (
    CHECK_CHARS,
    MIN_WORDS,
    READ_CHARS,
    VARIETIES,
    Detected,
    Language,
    decide,
    detect,
    excerpt,
    identify,
    words,
)
from searchapp.ingest.stages import STAGES, build_article
from searchapp.models import Page

FRENCH = ("Les négociations sur l'avenir de la province d'Idleb ont repris lundi à Genève, où l'envoyé "
          "spécial des Nations unies a reçu séparément les délégations russe, turque et iranienne. Selon un "
          "diplomate présent, les discussions ont porté sur la composition du futur comité constitutionnel.")
ARABIC = ("استؤنفت يوم الاثنين في جنيف المفاوضات حول مستقبل محافظة إدلب، حيث استقبل المبعوث الخاص للأمم "
          "المتحدة الوفود الروسية والتركية والإيرانية كلا على حدة. وقال دبلوماسي حضر الاجتماعات إن المحادثات "
          "تناولت تشكيل اللجنة الدستورية المقبلة.")
ENGLISH = ("Talks on the future of Idlib province resumed in Geneva on Monday, where the United Nations "
           "special envoy received the Russian, Turkish and Iranian delegations one after the other. A "
           "diplomat who attended said the talks turned on the make-up of the constitutional committee.")
CROATIAN = ("Pregovori o budućnosti pokrajine Idlib nastavljeni su u ponedjeljak u Ženevi, gdje je posebni "
            "izaslanik Ujedinjenih naroda odvojeno primio izaslanstva Rusije, Turske i Irana. Prema riječima "
            "jednog diplomata, razgovori su se vodili o sastavu budućeg ustavnog odbora.")


@pytest.mark.parametrize("declared, detected, count, expected", [
    ("", Detected("fr", 0.99, 0.99), 40, Language("fr", "", "fr", 0.99, "detected")),
    ("", Detected("hr", 0.45, 0.95), 40, Language("hr", "", "hr", 0.45, "detected")),  # sure of the kin
    ("", Detected("fr", 0.3, 0.3), 40, Language("", "", "fr", 0.3, "unknown")),
    ("en-GB", Detected("en", 0.99, 0.99), 40, Language("en", "en", "en", 0.99, "declared")),
    ("en", Detected("fr", 0.99, 0.99), 40, Language("fr", "en", "fr", 0.99, "detected, contradicts the page")),
    ("en", Detected("fr", 0.99, 0.99), MIN_WORDS - 1, Language("en", "en", "fr", 0.99, "declared, short text")),
    ("en", Detected("fr", 0.6, 0.6), 40, Language("en", "en", "fr", 0.6, "declared")),  # the detector is unsure
    ("hr", Detected("bs", 0.95, 0.99), 40, Language("hr", "hr", "bs", 0.95, "declared")),  # close kin
    ("und", Detected("fr", 0.99, 0.99), 40, Language("fr", "", "fr", 0.99, "detected")),  # no language declared
])
def test_how_declared_and_detected_are_reconciled(declared, detected, count, expected):
    assert decide(declared, detected, count) == expected


@pytest.mark.parametrize("title, body, declared, code", [
    ("", FRENCH, "", "fr"),
    ("", ARABIC, "", "ar"),
    ("", ENGLISH, "", "en"),
    ("", CROATIAN, "", "hr"),
    ("Idleb : reprise des négociations à Genève", FRENCH, "en", "fr"),  # a template that says English
    ("", ARABIC, "en-US", "ar"),
    ("", ENGLISH, "fr_FR", "en"),  # a translation site's page left in English
    ("", ENGLISH, "en", "en"),
    ("", FRENCH, "fr", "fr"),
    ("Talks resume", "in Geneva on Monday.", "fr", "fr"),  # too short to overrule the page
    ("", "", "de", "de"),
    ("", "", "", ""),
    ("", "12 345 678 -- 2018-09-17 !!", "", ""),  # no language in it
])
def test_identify(title, body, declared, code):
    assert identify(title, body, declared).code == code


def test_detect_gives_two_letter_codes_and_a_probability():
    found = detect(ARABIC)
    assert (found.language, found.probability > 0.99, found.kin >= found.probability) == ("ar", True, True)
    assert detect("   ") == Detected("", 0.0)


@pytest.fixture(scope="module")
def stock():
    """py3langid as it ships, with its float16 weights."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.mark.parametrize("text", [FRENCH, ARABIC, ENGLISH, CROATIAN, "Talks resume", "12 345", "日本語の文章です"])
def test_detect_gives_py3langids_own_probabilities_folded_into_codes(stock, text):
    totals: dict[str, float] = {}
    for label, probability in stock.rank(text):
        code = VARIETIES.get(label, label)
        if len(code) == 2:
            totals[code] = totals.get(code, 0.0) + probability
    best = max(totals, key=lambda code: totals[code])
    found = detect(text)
    assert found.language == best and found.probability == pytest.approx(totals[best], abs=1e-6)


def test_a_declared_language_is_confirmed_on_the_start_and_contradicted_on_the_whole():
    long_french = " ".join([FRENCH] * 10)
    assert len(long_french) > READ_CHARS > CHECK_CHARS
    assert identify("", long_french, "fr") == Language("fr", "fr", "fr", detect(excerpt("", long_french, CHECK_CHARS))
                                                       .probability, "declared")
    # English at the start, French after: the start agrees with a page that says English
    assert identify("", ENGLISH + " " + ENGLISH + " " + long_french, "en").code == "en"
    assert identify("", long_french, "en") == Language("fr", "en", "fr", detect(excerpt("", long_french)).probability,
                                                       "detected, contradicts the page")


def test_the_excerpt_is_the_headline_and_the_start_of_the_body_cut_at_a_space():
    body = " ".join(["négociation"] * 1000)
    text = excerpt("Titre", body)
    assert text.startswith("Titre\n\nnégociation ") and len(text) <= READ_CHARS
    assert text.endswith("négociation") and not text.endswith(" ")
    assert excerpt("", "court") == "court"


@pytest.mark.parametrize("text, count", [
    ("Talks resume in Geneva", 4),
    ("l'envoyé spécial, 17 septembre 2018", 4),  # l, envoyé, spécial, septembre
    ("日本語の文章です", 4),  # 8 characters written without spaces
    ("", 0),
])
def test_words(text, count):
    assert words(text) == count


def page(html: str) -> Page:
    return Page(path=Path("/archive/site/2018-09-17-page.html"), text=html, kind="html")


def html(lang: str, title: str, paragraphs: list[str]) -> str:
    declared = f' lang="{lang}"' if lang else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html{declared}><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


@pytest.mark.parametrize("lang, paragraphs, expected", [
    ("", [FRENCH, FRENCH.replace("lundi", "mardi")], "fr"),  # declares nothing: detected
    ("en", [FRENCH, FRENCH.replace("lundi", "mardi")], "fr"),  # declares English, written in French
    ("ar", [ARABIC, ARABIC.replace("الاثنين", "الثلاثاء")], "ar"),
    ("en-GB", [ENGLISH, ENGLISH.replace("Monday", "Tuesday")], "en"),
])
def test_the_loader_gives_every_article_its_language(lang, paragraphs, expected):
    article = build_article(page(html(lang, "Idlib", paragraphs)))
    assert article.language == expected


def test_the_language_stage_runs_after_clean_and_before_entities():
    names = [stage.__name__ for stage in STAGES]
    assert names.index("clean") < names.index("language") < names.index("entities")


def test_without_the_language_stage_the_declared_language_is_kept():
    stages = tuple(stage for stage in STAGES if stage.__name__ != "language")
    article = build_article(page(html("en-US", "Idlib", [FRENCH, FRENCH])), stages)
    assert article.language == "en"
