"""Organisations quality on both entity kits: ../shared/eval/entities (CoNLL-2003 dev, news subset
and all) and ../shared/eval/entities-gum (12 Wikinews articles), every row in the same run.

Figure that counts: facet_merged F1 for ORG, computed by the kits' own scorer (score.py scores the
types in its TYPES; ORG is added there for this run, so its names are normalised, and its facets
made and counted, by the same code as people and places; merging touches people only, so for
organisations facet_merged is the set of distinct names per article). Rows:
  spaCy alone (baseline)   the small English model's ORG entities as it spells them, nothing else
  searchapp                our extractors and organisations.py, every spelling the article used
  searchapp, canonical     one value per organisation, exactly as the index stores it ("HTS" and
                           "Hayat Tahrir al-Sham" one name; the gold lists both, so this row is
                           lower by construction)
Neither kit's ORG gold was checked name by name: CoNLL's is the shared task's; GUM's README says
its ORG labels are "a by-product of the same rules", not checked (only PER and LOC are).
Usage: python bench/organisations.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT.parent / "shared" / "eval" / "entities"
GUM = ROOT.parent / "shared" / "eval" / "entities-gum"
sys.path.insert(0, str(ROOT))

from searchapp.ingest.entities import extract_entities, merge_mentions, normalise  # noqa: E402
from searchapp.ingest.extractors import SpacyExtractor, default_extractors, prepare_text  # noqa: E402
from searchapp.ingest.organisations import find_organisations  # noqa: E402


def predictor(extractors, canonical: bool):
    """A scorer callable: kit text (headline on the first line) -> ("ORG", name) pairs."""
    def predict(text: str):
        title, _, body = text.partition("\n")
        if canonical:
            return [("ORG", name) for name in extract_entities(title, body, extractors).organisations]
        prepared = prepare_text(title, body)
        found = [e.mentions(prepared) for e in extractors]
        named = normalise(merge_mentions(found))
        return [("ORG", name) for name in find_organisations(prepared, found, (*named.people, *named.places),
                                                            canonical=False)]
    return predict


def spacy_alone(nlp):
    model = SpacyExtractor(nlp, every=True)  # the model's own mentions of the whole text, nothing else
    return lambda text: [("ORG", m.text) for m in model.read(text, [(0, len(text))]) if m.kind == "ORG"]


def main() -> None:
    if not KIT.exists() or not GUM.exists():
        sys.exit(f"evaluation kits not found at {KIT} and {GUM}")
    sys.path.insert(0, str(KIT))
    import score
    score.TYPES = (*score.TYPES, "ORG")

    extractors = default_extractors()
    model = next((e for e in extractors if isinstance(e, SpacyExtractor)), None)
    if model is None:
        sys.exit("the spaCy model is not installed: the baseline and our rows need it")
    rows = [("spaCy alone (baseline)", spacy_alone(model.nlp)),
            ("searchapp", predictor(extractors, canonical=False)),
            ("searchapp, canonical", predictor(extractors, canonical=True))]
    conll = score.load_docs("eng.testa", str(KIT))
    kits = [("CoNLL dev, news", conll, "news"), ("CoNLL dev, all", conll, None),
            ("GUM dev", score.load_docs("eng.dev", str(GUM)), None)]
    print("facet_merged ORG P / R / F1 (distinct organisations per article), documents per second (one core)")
    print(f"{'kit':18} {'extractor':24} {'P':>6} {'R':>6} {'F1':>6} {'docs/s':>7}")
    for kit, docs, subset in kits:
        for name, predict in rows:
            result = score.evaluate(predict, docs=docs, subset=subset)
            org = result["facet_merged"]["ORG"]
            print(f"{kit:18} {name:24} {org['p']:6.3f} {org['r']:6.3f} {org['f1']:6.3f} {result['docs_per_s']:7.1f}")


if __name__ == "__main__":
    main()
