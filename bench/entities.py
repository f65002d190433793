"""People and places quality and speed on ../shared/eval/entities (CoNLL-2003 dev, news subset)
or ../shared/eval/entities-gum (12 Wikinews articles, --kit gum).

Figure that counts: facet_merged F1 for PER and LOC, and for ORG (organisations.py, every spelling
the article used; see bench/organisations.py for what the kits' ORG gold is worth). Rows, all
measured in the same run:
  spaCy alone (baseline)   the small English model's PERSON / GPE+LOC / ORG entities, nothing else
  searchapp                our extractors and normalisation, names as the article spelt them, the
                           model knowing the names it read in earlier articles as a rebuild's
                           worker does (ingest/known_names.py; SEARCHAPP_ENTITY_MEMORY=1)
  searchapp, each article  the same with each article read alone, skipping only names already
    alone                  read in that article (SEARCHAPP_ENTITY_MEMORY=0)
  searchapp, model reads   the same with the model reading every sentence, not only those that
    every sentence         may name someone new (ingest/reading.py): what that choice costs
  searchapp, canonical     the same with canonical place names, exactly as the index stores them
                           (the gold data lists "U.S." and "Britain" as written, so this row is
                           lower by construction)
  fallback (no model)      rules and gazetteer alone, what runs when the model is not installed
The articles are read in sequence by one process, as a worker reads its pages; what the model
learns from one article serves the next, so the order matters: the rows that learn are measured
again in each further --orders order (reversed, shuffled with --seed), the spread being the noise.
Usage: python bench/entities.py [--kit both|conll|gum] [--subset news|sports|all] [--orders file,reversed]
(both, the default, prints CoNLL and GUM one after the other: a change is kept only if it helps on both)
"""
from __future__ import annotations

import argparse
import random
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
    extend_name,
    prepare_text,
)
from searchapp.ingest.known_names import KnownNames  # noqa: E402
from searchapp.ingest.organisations import find_organisations  # noqa: E402

TYPES = ("PER", "LOC", "ORG")


def predictor(extractors, canonical: bool):
    """A scorer callable: CoNLL text (headline on the first line) -> (type, name) pairs."""
    def predict(text: str):
        title, _, body = text.partition("\n")
        prepared = prepare_text(title, body)
        mentions = [e.mentions(prepared) for e in extractors]
        found = normalise(merge_mentions(mentions), canonical=canonical)
        organisations = find_organisations(prepared, mentions, (*found.people, *found.places), canonical=canonical)
        return ([("PER", p) for p in found.people] + [("LOC", p) for p in found.places]
                + [("ORG", o) for o in organisations])
    return predict


def spacy_alone(model: SpacyExtractor):
    """The model's own mentions of the whole text, people's names completed as they were when the
    baseline was first measured, nothing else."""
    def predict(text: str):
        found = [extend_name(m, text) if m.label == "PER" else m for m in model.read(text, [(0, len(text))])]
        return [("ORG" if m.kind == "ORG" else m.label, m.text) for m in found
                if m.label in ("PER", "LOC") or m.kind == "ORG"]
    return predict


def in_order(docs: list, order: str, seed: int) -> list:
    """The kit's articles in file order, reversed, or shuffled."""
    if order == "reversed":
        return docs[::-1]
    if order == "shuffled":
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        return shuffled
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kit", default="both", choices=["both", *sorted(KITS)])
    parser.add_argument("--subset", default="news", choices=["news", "sports", "all"])
    parser.add_argument("--orders", default="file,reversed", help="file, reversed, shuffled: comma-separated")
    parser.add_argument("--seed", type=int, default=1, help="the shuffle's seed")
    args = parser.parse_args()
    for kit in (sorted(KITS) if args.kit == "both" else [args.kit]):
        report(kit, args.subset, args.orders.split(","), args.seed)


def report(kit: str, subset_name: str, orders: list[str], seed: int) -> None:
    """Print every row for one kit."""
    folder, split = KITS[kit]
    if not folder.exists():
        sys.exit(f"evaluation kit not found at {folder}")
    sys.path.insert(0, str(KIT))
    import score

    score.TYPES = TYPES  # the kit's scorer counts organisations too, by the same code
    docs = score.load_docs(split, str(folder))

    extractors = default_extractors()
    model = next((e for e in extractors if isinstance(e, SpacyExtractor)), None)
    memory = KnownNames()  # what the rows that learn know: emptied before each of them
    rows = []  # (name, predict, learns across articles)
    if model:
        rows.append(("spaCy alone (baseline)", spacy_alone(SpacyExtractor(model.nlp, every=True)), False))
        knowing = tuple(SpacyExtractor(model.nlp, known=memory) if e is model else e for e in extractors)
        rows.append(("searchapp", predictor(knowing, canonical=False), True))
        alone = tuple(SpacyExtractor(model.nlp) if e is model else e for e in extractors)
        rows.append(("searchapp, each article alone", predictor(alone, canonical=False), False))
        every = tuple(SpacyExtractor(model.nlp, every=True) if e is model else e for e in extractors)
        rows.append(("searchapp, model reads all", predictor(every, canonical=False), False))
        rows.append(("searchapp, canonical places", predictor(knowing, canonical=True), True))
    rows.append(("fallback (no model)", predictor((DatelineExtractor(), RuleExtractor(), GazetteerExtractor()),
                                                  canonical=False), False))
    subset = None if subset_name == "all" or kit == "gum" else subset_name  # every GUM article is news
    print(f"{kit} {split}, subset {subset or 'all'}: facet_merged P / R / F1, documents per second (one core)")
    print(f"{'extractor':30} {'order':>8} " + "   ".join(f"{t + ' P':>6} {t + ' R':>6} {t + ' F1':>6}" for t in TYPES)
          + f" {'docs/s':>7}")
    for n, order in enumerate(orders):
        for name, predict, learns in rows:
            if n and not learns:
                continue  # the same whatever the order
            memory.clear()  # every row starts knowing no name
            result = score.evaluate(predict, docs=in_order(docs, order, seed), subset=subset)
            merged = result["facet_merged"]
            print(f"{name:30} {order:>8} " + "   ".join(
                f"{merged[t]['p']:6.3f} {merged[t]['r']:6.3f} {merged[t]['f1']:6.3f}" for t in TYPES)
                + f" {result['docs_per_s']:7.1f}")


if __name__ == "__main__":
    main()
