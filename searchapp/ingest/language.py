"""The language an article is written in: what its page declares, unless its text says otherwise.

The detector is py3langid, a naive Bayes model over byte n-grams whose model ships inside the
package (4.5 MB, 97 languages with an ISO 639-1 code); lingua was measured beside it and left out
(docs/languages.md has the figures and the reasons). It reads the headline and the start of the
body, READ_CHARS characters, which is as accurate as the whole article on the sample and keeps the
step under a millisecond.

How the declared and the detected language are reconciled (`decide`):
- nothing declared: the detected language, when the detector is at least GUESS sure of it or of it
  and its close kin together (Serbian/Croatian/Bosnian, ...); else "".
- declared, and the text has fewer than MIN_WORDS words: the declared language (a short text is
  too little to overrule the page).
- declared, and the detector finds another language with probability SURE or more that is not a
  close kin of the declared one (Bosnian/Croatian/Serbian, Malay/Indonesian, ...): the detected
  language. This is what "the text contradicts it" means: a page template that says lang="en"
  around a French article, or a translation site whose untranslated pages keep the language
  of the site.
- otherwise the declared language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import numpy as np

from searchapp.languages import code_of

READ_CHARS = 1500  # of headline and body, cut at a space
MIN_WORDS = 15  # fewer words than this never overrule what the page declares
SURE = 0.9  # probability at which the detected language overrules the declared one
GUESS = 0.5  # probability at which a page that declares nothing is given the detected language
# Labels of py3langid that are a variety of a language with a two-letter code.
VARIETIES = {"ary": "ar", "arz": "ar", "hbo": "he", "uzs": "uz", "yue": "zh", "wuu": "zh", "nn": "no"}
# Languages a detector cannot be trusted to tell apart from each other on a few paragraphs.
CLOSE = (frozenset({"bs", "hr", "sr"}), frozenset({"ms", "id"}), frozenset({"no", "da"}),
         frozenset({"cs", "sk"}), frozenset({"gl", "pt"}), frozenset({"ca", "oc"}), frozenset({"fa", "tg"}))
WORD = re.compile(r"[^\W\d_]+")
# Scripts written without spaces between words: two of their characters count as one word.
UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True, slots=True)
class Detected:
    language: str  # ISO 639-1, "" when the text is no language the detector knows
    probability: float
    kin: float = 0.0  # the probability of the language and its close kin together


@dataclass(frozen=True, slots=True)
class Language:
    """The language of an article and how it was decided."""

    code: str  # ISO 639-1, "" unknown
    declared: str = ""  # what the page declared, as a code
    detected: str = ""
    probability: float = 0.0  # the detector's, for `detected`
    rule: str = ""  # declared | detected | declared, short text | detected, contradicts the page | ...


@cache
def identifier():
    """py3langid's model, loaded once per process (before the workers fork: they share it)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    labels = list(dict.fromkeys(model.nb_classes))
    # Columns of the model folded into their ISO 639-1 code; labels without one (zxx "no
    # language", grc, ...) count for no language.
    codes = [VARIETIES.get(label, label) if len(VARIETIES.get(label, label)) == 2 else "" for label in labels]
    return model, labels, codes


def warm() -> None:
    """Load the model now rather than on the first article."""
    identifier()


def excerpt(title: str, body: str, limit: int = READ_CHARS) -> str:
    """The headline and the start of the body, at most `limit` characters, cut at a space."""
    text = f"{title}\n\n{body}" if title else body
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def detect(text: str) -> Detected:
    """The language py3langid finds most likely for a text, with its probability."""
    model, labels, codes = identifier()
    if not text.strip():
        return Detected("", 0.0)
    ranked = dict(model.rank(text))
    totals: dict[str, float] = {}
    for label, code in zip(labels, codes, strict=True):
        if code:
            totals[code] = totals.get(code, 0.0) + ranked.get(label, 0.0)
    code, probability = max(totals.items(), key=lambda item: item[1])
    kin = sum(p for other, p in totals.items() if close(code, other))
    return Detected(code, float(np.clip(probability, 0.0, 1.0)), float(np.clip(kin, 0.0, 1.0)))


def words(text: str) -> int:
    """Words in a text, two characters of Thai, Chinese, Japanese or Korean counting as one."""
    unspaced = len(UNSPACED.findall(text))
    return len(WORD.findall(UNSPACED.sub(" ", text))) + unspaced // 2


def close(one: str, other: str) -> bool:
    return one == other or any(one in kin and other in kin for kin in CLOSE)


def decide(declared: str, detected: Detected, words: int) -> Language:
    """Reconcile what the page declares with what the detector found (see the module's docstring)."""
    code = code_of(declared)
    found = detected.language
    if not code:
        # Serbian, Croatian and Bosnian share most of their words: sure of the group is sure enough.
        sure = found and max(detected.probability, detected.kin) >= GUESS
        return Language(found if sure else "", "", found, detected.probability, "detected" if sure else "unknown")
    if words < MIN_WORDS:
        return Language(code, code, found, detected.probability, "declared, short text")
    if found and not close(found, code) and detected.probability >= SURE:
        return Language(found, code, found, detected.probability, "detected, contradicts the page")
    return Language(code, code, found, detected.probability, "declared")


def identify(title: str, body: str, declared: str = "") -> Language:
    """The language of an article from its headline, its body and what its page declares."""
    text = excerpt(title, body)
    return decide(declared, detect(text), words(text))
