"""People and places: milliseconds per real article, and where they go (issue 15: at most 40 ms
a real 700-word article, one core).

Articles: the 56 real article bodies of ../shared/eval/extraction/ground-truth.json (read at run
time, never copied; they have no headline), each through `extract_entities` as the loader calls
it. Rows, measured in the same run, best of --rounds passes over all the articles, wall clock and
CPU time of this process (the CPU time holds better on a shared machine):
  searchapp                    the extractors as the loader runs them
  spaCy running the model      the same, with the model run by spaCy as it stands (BLIS, its
    (baseline)                 compiled decisions): what ingest/entity_model.py saves
Then one pass split by part: the model (spaCy's tokenizer; its network and decisions) and the
rest (choosing what the model reads, datelines, rules, gazetteer, merging, normalising).
Usage: taskset -c 0 python bench/entity_time.py [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUND_TRUTH = ROOT.parent / "shared" / "eval" / "extraction" / "ground-truth.json"
sys.path.insert(0, str(ROOT))

from searchapp.config import setting  # noqa: E402
from searchapp.ingest import entities as entities_module  # noqa: E402
from searchapp.ingest import entity_model, gazetteer  # noqa: E402
from searchapp.ingest import extractors as extractor_module  # noqa: E402
from searchapp.ingest.entities import extract_entities, merge_mentions, normalise  # noqa: E402
from searchapp.ingest.extractors import SpacyExtractor, default_extractors, prepare_text  # noqa: E402

WORDS = 700


def real_bodies() -> list[str]:
    articles = json.loads(GROUND_TRUTH.read_text())
    return [a["articleBody"] for a in articles.values() if a.get("articleBody")]


class AsSpacyRuns:
    """A spaCy pipeline that entity_model cannot see into, so spaCy runs it as it stands."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def __call__(self, text: str):
        return self.nlp(text)


def stock_extractors(extractors: tuple) -> tuple:
    """The same extractors with a fresh copy of the model, run by spaCy itself."""
    import spacy

    stock = AsSpacyRuns(spacy.load(setting("ENTITY_MODEL"), enable=["ner"]))
    return tuple(SpacyExtractor(stock) if isinstance(e, SpacyExtractor) else e for e in extractors)


def forget() -> None:
    """Empty the caches of folded names and looked-up places, so that no pass is helped by an earlier one."""
    entities_module.fold.cache_clear()
    gazetteer.lookup.cache_clear()


def best_pass(bodies: list[str], extractors: tuple, best: tuple[float, float]) -> tuple[float, float]:
    """The best (wall, CPU) seconds so far, with one more pass over all the bodies."""
    forget()
    wall, cpu = time.perf_counter(), time.process_time()
    for body in bodies:
        extract_entities("", body, extractors)
    return min(best[0], time.perf_counter() - wall), min(best[1], time.process_time() - cpu)


class Clock:
    """CPU seconds spent per part, summed over calls."""

    def __init__(self) -> None:
        self.spent: Counter = Counter()

    def timed(self, part: str, function):
        def call(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[part] += time.process_time() - start
        return call


def parts(bodies: list[str], extractors: tuple) -> Counter:
    """CPU seconds per part over one pass, each extractor and stage timed on its own."""
    clock = Clock()
    model = next((e for e in extractors if isinstance(e, SpacyExtractor)), None)
    patched = [(extractor_module, "to_read", "choosing sentences (reading.to_read)"),
               (entity_model, "decode", "model: network and decisions")]
    if model:
        patched.append((model.nlp, "make_doc", "model: tokenizer"))
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]
    forget()
    for owner, name, part in patched:
        setattr(owner, name, clock.timed(part, getattr(owner, name)))
    try:
        for body in bodies:
            text = clock.timed("prepare_text", prepare_text)("", body)
            found = [clock.timed(type(e).__name__, e.mentions)(text) for e in extractors]
            merged = clock.timed("merge_mentions", merge_mentions)(found)
            clock.timed("normalise", normalise)(merged)
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
        if model:
            del model.nlp.make_doc  # back to the class's method
    # SpacyExtractor's time includes the model and the choice of sentences: keep only its own rest.
    inside = sum(v for k, v in clock.spent.items() if k.startswith(("model:", "choosing")))
    if "SpacyExtractor" in clock.spent:
        clock.spent["SpacyExtractor (mapping, names completed, repeats)"] = clock.spent.pop("SpacyExtractor") - inside
    return clock.spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not GROUND_TRUTH.exists():
        sys.exit(f"evaluation kit not found at {GROUND_TRUTH}")
    bodies = real_bodies()
    words = sum(len(b.split()) for b in bodies) / len(bodies)
    extractors = default_extractors()
    rows = {"searchapp": extractors}
    if any(isinstance(e, SpacyExtractor) for e in extractors):
        rows["spaCy running the model (baseline)"] = stock_extractors(extractors)
    best = {name: (float("inf"), float("inf")) for name in rows}
    for chosen in rows.values():
        extract_entities("", "Warm-up: Tatiana Eriksson met Alexei Fontaine in Lisbon.", chosen)
    for _ in range(args.rounds):  # alternately, keeping each one's fastest: the machine is shared
        for name, chosen in rows.items():
            best[name] = best_pass(bodies, chosen, best[name])
    print(f"{len(bodies)} real article bodies, {words:.0f} words on average, best of {args.rounds} passes, one process")
    print(f"{'':36} {'ms/article':>10} {'ms/700 words':>12} {'CPU ms/article':>14} {'CPU ms/700 words':>16}")
    for name, (wall, cpu) in best.items():
        wall_ms, cpu_ms = 1000 * wall / len(bodies), 1000 * cpu / len(bodies)
        print(f"{name:36} {wall_ms:10.1f} {wall_ms * WORDS / words:12.1f} "
              f"{cpu_ms:14.1f} {cpu_ms * WORDS / words:16.1f}")
    spent = parts(bodies, extractors)
    total = sum(spent.values())
    model = sum(v for k, v in spent.items() if k.startswith("model:"))
    print(f"searchapp, one pass by part (CPU ms an article; {1000 * total / len(bodies):.1f} in all, timers included):")
    for part, seconds in sorted(spent.items(), key=lambda kv: (not kv[0].startswith("model:"), -kv[1])):
        print(f"  {part:52} {1000 * seconds / len(bodies):6.2f}")
    print(f"  {'model':52} {1000 * model / len(bodies):6.2f}")
    print(f"  {'everything else':52} {1000 * (total - model) / len(bodies):6.2f}")


if __name__ == "__main__":
    main()
