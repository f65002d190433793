"""People and places: milliseconds per real article, and where they go (issue 15: at most 40 ms
a real 700-word article, one core).

Articles: the 56 real article bodies of ../shared/eval/extraction/ground-truth.json (read at run
time, never copied; they have no headline), each through `extract_entities` as the loader calls
it. Reports the best of --rounds passes over all of them, per article and scaled to 700 words,
then one timed pass split by part: the model (spaCy's tokenizer, its NER component) and the rest
(choosing what the model reads, datelines, rules, gazetteer, merging, normalising).
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

from searchapp.ingest import extractors as extractor_module  # noqa: E402
from searchapp.ingest.entities import extract_entities, merge_mentions, normalise  # noqa: E402
from searchapp.ingest.extractors import SpacyExtractor, default_extractors, prepare_text  # noqa: E402

WORDS = 700


def real_bodies() -> list[str]:
    articles = json.loads(GROUND_TRUTH.read_text())
    return [a["articleBody"] for a in articles.values() if a.get("articleBody")]


class Clock:
    """Seconds spent per part, summed over calls."""

    def __init__(self) -> None:
        self.spent: Counter = Counter()

    def timed(self, part: str, function):
        def call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[part] += time.perf_counter() - start
        return call


class TimedModel:
    """The spaCy pipeline, run as Language.__call__ runs it, timing the tokenizer and each component."""

    def __init__(self, nlp, clock: Clock) -> None:
        self.nlp, self.clock = nlp, clock

    def __call__(self, text: str):
        doc = self.clock.timed("model: tokenizer", self.nlp.make_doc)(text)
        for name, component in self.nlp.pipeline:
            doc = self.clock.timed(f"model: {name}", component)(doc)
        return doc


def best_pass(bodies: list[str], rounds: int) -> float:
    """Seconds for the fastest of `rounds` passes over all the bodies."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for body in bodies:
            extract_entities("", body)
        best = min(best, time.perf_counter() - start)
    return best


def parts(bodies: list[str]) -> Counter:
    """Seconds per part over one pass, each extractor and stage timed on its own."""
    clock = Clock()
    extractors = default_extractors()
    model = next((e for e in extractors if isinstance(e, SpacyExtractor)), None)
    reading = extractor_module.to_read
    extractor_module.to_read = clock.timed("choosing sentences (reading.to_read)", reading)
    if model:
        nlp, model.nlp = model.nlp, TimedModel(model.nlp, clock)
    try:
        for body in bodies:
            text = clock.timed("prepare_text", prepare_text)("", body)
            found = [clock.timed(type(e).__name__, e.mentions)(text) for e in extractors]
            merged = clock.timed("merge_mentions", merge_mentions)(found)
            clock.timed("normalise", normalise)(merged)
    finally:
        extractor_module.to_read = reading
        if model:
            model.nlp = nlp
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
    extract_entities("", "Warm-up: Tatiana Eriksson met Alexei Fontaine in Lisbon.")
    per_article = 1000 * best_pass(bodies, args.rounds) / len(bodies)
    print(f"{len(bodies)} real article bodies, {words:.0f} words on average, best of {args.rounds} passes:")
    print(f"  {per_article:.1f} ms an article, {per_article * WORDS / words:.1f} ms per {WORDS} words")
    spent = parts(bodies)
    total = sum(spent.values())
    model = sum(v for k, v in spent.items() if k.startswith("model:"))
    print(f"one pass by part (ms an article; {1000 * total / len(bodies):.1f} in all, timers included):")
    for part, seconds in sorted(spent.items(), key=lambda kv: (not kv[0].startswith("model:"), -kv[1])):
        print(f"  {part:52} {1000 * seconds / len(bodies):6.2f}")
    print(f"  {'model':52} {1000 * model / len(bodies):6.2f}")
    print(f"  {'everything else':52} {1000 * (total - model) / len(bodies):6.2f}")


if __name__ == "__main__":
    main()
