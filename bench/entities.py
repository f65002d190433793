"""People and places quality and speed on ../shared/eval/entities (CoNLL-2003 dev, news subset)
or ../shared/eval/entities-gum (12 Wikinews articles, --kit gum).

Figure that counts: facet_merged F1 for PER and LOC. Rows, all measured in the same run:
  spaCy alone (baseline)   the small English model's PERSON / GPE+LOC entities, nothing else
  searchapp                our extractors and normalisation, names as the article spelt them
  searchapp, model reads   the same with the model reading every sentence, not only those that
    every sentence         may name someone new (ingest/reading.py): what that choice costs
  searchapp, canonical     the same with canonical place names, exactly as the index stores them
                           (the gold data lists "U.S." and "Britain" as written, so this row is
                           lower by construction)
  fallback (no model)      rules and gazetteer alone, what runs when the model is not installed
Usage: python bench/entities.py [--kit both|conll|gum] [--subset news|sports|all]
(both, the default, prints CoNLL and GUM one after the other: a change is kept only if it helps on both)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT.parent / "shared" / "eval" / "entities"
KITS = {"conll": (KIT, "eng.testa"), "gum": (ROOT.parent / "shared" / "eval" / "entities-gum", "eng.dev")}
sys.path.insert(0, str(ROOT))

from searchapp.ingest.entities import merge_mentions, normalise  # noqa: E402
from searchapp.ingest.extractors import (  # noqa: E402
    DatelineExtractor,
    GazetteerExtractor,
    RuleExtractor,
    SpacyExtractor,
    default_extractors,
    prepare_text,
)


def predictor(extractors, canonical: bool):
    """A scorer callable: CoNLL text (headline on the first line) -> (type, name) pairs."""
    def predict(text: str):
        title, _, body = text.partition("\n")
        prepared = prepare_text(title, body)
        found = normalise(merge_mentions([e.mentions(prepared) for e in extractors]), canonical=canonical)
        return [("PER", p) for p in found.people] + [("LOC", p) for p in found.places]
    return predict


def spacy_alone(model: SpacyExtractor):
    labels = {"PER": "PER", "LOC": "LOC"}
    return lambda text: [(labels[m.label], m.text) for m in model.mentions(text) if m.label in labels]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kit", default="both", choices=["both", *sorted(KITS)])
    parser.add_argument("--subset", default="news", choices=["news", "sports", "all"])
    args = parser.parse_args()
    for kit in (sorted(KITS) if args.kit == "both" else [args.kit]):
        report(kit, args.subset)


def report(kit: str, subset_name: str) -> None:
    """Print every row for one kit."""
    folder, split = KITS[kit]
    if not folder.exists():
        sys.exit(f"evaluation kit not found at {folder}")
    sys.path.insert(0, str(KIT))
    from score import evaluate, load_docs

    docs = load_docs(split, str(folder))

    extractors = default_extractors()
    model = next((e for e in extractors if isinstance(e, SpacyExtractor)), None)
    rows = []
    if model:
        rows.append(("spaCy alone (baseline)", spacy_alone(SpacyExtractor(model.nlp, every=True))))
        rows.append(("searchapp", predictor(extractors, canonical=False)))
        every = tuple(SpacyExtractor(model.nlp, every=True) if e is model else e for e in extractors)
        rows.append(("searchapp, model reads all", predictor(every, canonical=False)))
        rows.append(("searchapp, canonical places", predictor(extractors, canonical=True)))
    rows.append(("fallback (no model)", predictor((DatelineExtractor(), RuleExtractor(), GazetteerExtractor()),
                                                  canonical=False)))
    subset = None if subset_name == "all" or kit == "gum" else subset_name  # every GUM article is news
    print(f"{kit} {split}, subset {subset or 'all'}: facet_merged P / R / F1, documents per second (one core)")
    print(f"{'extractor':30} {'PER P':>6} {'PER R':>6} {'PER F1':>6}   "
          f"{'LOC P':>6} {'LOC R':>6} {'LOC F1':>6} {'docs/s':>7}")
    for name, predict in rows:
        result = evaluate(predict, docs=docs, subset=subset)
        per, loc = result["facet_merged"]["PER"], result["facet_merged"]["LOC"]
        print(f"{name:30} {per['p']:6.3f} {per['r']:6.3f} {per['f1']:6.3f}   "
              f"{loc['p']:6.3f} {loc['r']:6.3f} {loc['f1']:6.3f} {result['docs_per_s']:7.1f}")


if __name__ == "__main__":
    main()
