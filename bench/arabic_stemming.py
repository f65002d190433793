"""Which Arabic stemmer: Whoosh's ISRI (root-based) or light stemming (Light10, search/arabic.py).

A word-family sample written for this measure (no Arabic relevance collection is at hand): 29
news words, each with the forms an archive writes it in (with the article al-, the clitics
wa-, bi-, li-, fa-, sound plurals and duals, feminine forms, broken plurals), several of them
words of one root that readers keep apart (maktaba "library", kaatib "writer", maktab "office";
madrasa "school", dars "lesson"; naar "fire", nuur "light"). For each stemmer:

* joined: the share of pairs of forms of one word that get one stem (what a query in one form
  finds of the others), and the words all of whose forms get one stem;
* merged: the share of pairs of forms of different words that get one stem (what a query finds
  that it should not).

    python bench/arabic_stemming.py
"""
from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh.lang.isri import ISRIStemmer  # noqa: E402

from searchapp.search.arabic import light_stem, normalise  # noqa: E402

FAMILIES = {
    "negotiations": "مفاوضات المفاوضات والمفاوضات بالمفاوضات للمفاوضات مفاوضة المفاوضة ومفاوضات",
    "government": "حكومة الحكومة حكومات الحكومات والحكومة للحكومة وحكومات",
    "city": "مدينة المدينة بالمدينة والمدينة مدن المدن",
    "school": "مدرسة المدرسة مدارس المدارس",
    "book": "كتاب الكتاب بالكتاب",
    "refugee": "لاجئ اللاجئين لاجئون اللاجئون للاجئين لاجئة",
    "Syrian": "سوري السوري السورية سوريون السوريين",
    "elections": "انتخابات الانتخابات انتخاب والانتخابات بالانتخابات",
    "president": "رئيس الرئيس للرئيس والرئيس رؤساء الرؤساء",
    "minister": "وزير الوزير وزراء الوزراء وزيرة",
    "forces": "قوات القوات قوة القوة",
    "opposition": "معارضة المعارضة والمعارضة للمعارضة",
    "civilian": "مدني المدنيين مدنيون مدنيين",
    "attack": "هجوم الهجوم هجمات الهجمات",
    "army": "جيش الجيش جيوش والجيش",
    "agreement": "اتفاق الاتفاق اتفاقات الاتفاقات",
    "organisation": "منظمة المنظمة منظمات المنظمات",
    "hospital": "مستشفى المستشفى مستشفيات المستشفيات",
    "journalist": "صحفي الصحفي صحفيون الصحفيين صحفية",
    "official": "مسؤول المسؤول مسؤولون المسؤولين",
    "capital": "عاصمة العاصمة عواصم",
    "library": "مكتبة المكتبة مكتبات",
    "writer": "كاتب الكاتب كاتبة",
    "office": "مكتب المكتب مكاتب",
    "lesson": "درس الدرس دروس",
    "fire": "نار النار",
    "light": "نور النور",
    "ceasefire": "هدنة الهدنة والهدنة وهدنة",
    "delegation": "وفد الوفد وفود الوفود ووفد",
}

ISRI = ISRIStemmer()
STEMMERS = {
    "normalised, unstemmed": normalise,
    "ISRI (whoosh.lang, root)": ISRI.stem,
    "normalised + ISRI": lambda word: ISRI.stem(normalise(word)),
    "normalised + light (Light10, chosen)": lambda word: light_stem(normalise(word)),
}


def scores(stem) -> tuple[float, int, float]:
    """(share of same-word pairs joined, words fully joined, share of different-word pairs merged)."""
    stems = {word: [stem(form) for form in forms.split()] for word, forms in FAMILIES.items()}
    same = [a == b for found in stems.values() for a, b in combinations(found, 2)]
    whole = sum(len(set(found)) == 1 for found in stems.values())
    different = [a == b for (w1, f1), (w2, f2) in combinations(stems.items(), 2) for a in f1 for b in f2]
    return sum(same) / len(same), whole, sum(different) / len(different)


def main() -> None:
    forms = sum(len(f.split()) for f in FAMILIES.values())
    print(f"{len(FAMILIES)} words, {forms} forms")
    print("| stemmer | same-word pairs joined | words fully joined | different-word pairs merged |")
    print("|---|---|---|---|")
    for name, stem in STEMMERS.items():
        joined, whole, merged = scores(stem)
        print(f"| {name} | {joined:.3f} | {whole} / {len(FAMILIES)} | {merged:.4f} |")


if __name__ == "__main__":
    main()
