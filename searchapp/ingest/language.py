"""The language an article is written in: what its page declares, unless its text says otherwise.

The detector is py3langid, a naive Bayes model over byte n-grams whose model ships inside the
package (4.5 MB, 97 languages with an ISO 639-1 code); lingua was measured beside it and left out
(docs/languages.md has the figures and the reasons). It reads the headline and the start of the
body, READ_CHARS characters, which is as accurate as the whole article on the sample; a declared
language is first checked on CHECK_CHARS, and the rest is read only when those disagree with it.

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
CHECK_CHARS = 500  # read to confirm a declared language
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


@dataclass(frozen=True, slots=True)
class Model:
    """py3langid's identifier and how its columns fold into two-letter codes."""

    identifier: object
    codes: tuple[str, ...]  # the two-letter codes, in the order of `totals`
    column: np.ndarray  # for each column of the model, its code's place in `codes`, -1 for none
    kin: tuple[np.ndarray, ...]  # for each code, the places of it and its close kin


@cache
def model() -> Model:
    """py3langid's model, loaded once per process (before the workers fork: they share it)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The model's weights in float32 rather than float16: numpy multiplies float16 without BLAS,
    # so scoring a text took 3-4 times as long, for the same scores (test_language.py compares
    # them with py3langid's own). py3langid is pinned (setup.cfg): these are its 0.4.0 attributes.
    weights = np.asarray(found.nb_ptc, dtype=np.float32)
    found.nb_ptc = weights
    found._full_model = (weights, found.nb_pc, found.nb_classes)
    # Labels folded into their ISO 639-1 code; those without one (zxx "no language", grc, ...)
    # count for no language.
    folded = [VARIETIES.get(label, label) for label in found.nb_classes]
    codes = tuple(sorted({code for code in folded if len(code) == 2}))
    place = {code: i for i, code in enumerate(codes)}
    column = np.array([place.get(code, -1) for code in folded], dtype=np.int64)
    kin = tuple(np.array([place[other] for other in codes if close(code, other)]) for code in codes)
    return Model(found, codes, column, kin)


def warm() -> None:
    """Load the model now rather than on the first article."""
    model()


def excerpt(title: str, body: str, limit: int = READ_CHARS) -> str:
    """The headline and the start of the body, at most `limit` characters, cut at a space."""
    text = f"{title}\n\n{body}" if title else body
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def detect(text: str) -> Detected:
    """The language py3langid finds most likely for a text, with its probability."""
    if not text.strip():
        return Detected("", 0.0)
    found = model()
    # _decide: the probability of every column, those of a label's second script (srl, Serbian
    # in Latin letters) already added to its first; rank() is the same, sorted into a list.
    scores = found.identifier._decide(text)  # type: ignore[attr-defined]
    known = found.column >= 0
    totals = np.bincount(found.column[known], weights=scores[known], minlength=len(found.codes))
    top = int(totals.argmax())
    probability, kin = float(totals[top]), float(totals[found.kin[top]].sum())
    return Detected(found.codes[top], min(max(probability, 0.0), 1.0), min(max(kin, 0.0), 1.0))


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
    whole = excerpt(title, body)
    if code_of(declared):
        # Most pages declare their language rightly: the first CHECK_CHARS that agree confirm it at
        # a third of the cost; when they do not, the whole excerpt decides.
        start = excerpt(title, body, CHECK_CHARS)
        found = detect(start)
        if close(found.language, code_of(declared)) or start == whole:
            return decide(declared, found, words(start))
    return decide(declared, detect(whole), words(whole))
