"""People and places: milliseconds per real article, and where they go (issue 15: at most 40 ms
a real 700-word article, one core).

Articles: the 56 real article bodies of ../shared/eval/extraction/ground-truth.json (read at run
time, never copied; they have no headline), and --stories N stories of the realistic archive
(bench/realistic_text.py, headline and paragraphs), each through `extract_entities` as the loader
calls it, in sequence by one process as a rebuild's worker reads its pages. Rows, measured in the
same run, best of --rounds passes over all the articles (each pass starting knowing no name),
wall clock and CPU time of this process (the CPU time holds better on a shared machine):
  searchapp                    the extractors as the loader runs them, the model knowing the
                               names it read in earlier articles (ingest/known_names.py)
  searchapp, each article      the same with each article read alone (SEARCHAPP_ENTITY_MEMORY=0)
    alone
  spaCy running the model      each article alone, with the model run by spaCy as it stands (BLIS,
    (baseline; real bodies)    its compiled decisions): what ingest/entity_model.py saves
with, for each, the share of the text the model read and how many of the people, places and
organisations are those found reading each article alone.
Then one pass split by part: the model (spaCy's tokenizer; its network and decisions) and the
rest (choosing what the model reads, datelines, rules, gazetteer, merging, normalising).
Usage: taskset -c 0 python bench/entity_time.py [--rounds 3] [--stories 1000]
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
from searchapp.ingest.known_names import KnownNames  # noqa: E402

WORDS = 700


def real_bodies() -> list[tuple[str, str]]:
    articles = json.loads(GROUND_TRUTH.read_text())
    return [("", a["articleBody"]) for a in articles.values() if a.get("articleBody")]


def stories(count: int) -> list[tuple[str, str]]:
    from bench.realistic_text import Writer

    writer = Writer(7)
    return [(story.headline, "\n".join(story.paragraphs)) for story in map(writer.story, range(count))]


class AsSpacyRuns:
    """A spaCy pipeline that entity_model cannot see into, so spaCy runs it as it stands."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def __call__(self, text: str):
        return self.nlp(text)


def stock_extractors(extractors: tuple) -> tuple:
    """The same extractors with a fresh copy of the model, run by spaCy itself, each article alone."""
    import spacy

    stock = AsSpacyRuns(spacy.load(setting("ENTITY_MODEL"), enable=["ner"]))
    return tuple(SpacyExtractor(stock) if isinstance(e, SpacyExtractor) else e for e in extractors)


def with_model(extractors: tuple, known: KnownNames | None) -> tuple:
    """The extractors with the model reading each article alone (known=None) or knowing `known`."""
    return tuple(SpacyExtractor(e.nlp, known=known) if isinstance(e, SpacyExtractor) else e for e in extractors)


def forget(extractors: tuple = ()) -> None:
    """Empty the caches of folded names and looked-up places, and the names the model knows, so
    that no pass is helped by an earlier one."""
    entities_module.fold.cache_clear()
    gazetteer.lookup.cache_clear()
    for extractor in extractors:
        if isinstance(extractor, SpacyExtractor) and extractor.known is not None:
            extractor.known.clear()


def best_pass(articles: list[tuple[str, str]], extractors: tuple, best: tuple[float, float]) -> tuple[float, float]:
    """The best (wall, CPU) seconds so far, with one more pass over all the articles."""
    forget(extractors)
    wall, cpu = time.perf_counter(), time.process_time()
    for title, body in articles:
        extract_entities(title, body, extractors)
    return min(best[0], time.perf_counter() - wall), min(best[1], time.process_time() - cpu)


def reading(articles: list[tuple[str, str]], extractors: tuple) -> tuple[float, list[set]]:
    """One untimed pass: the share of the text the model read, and each article's (type, name) set."""
    forget(extractors)
    given = [0]
    original = extractor_module.entities

    def counted(nlp, text: str):
        given[0] += len(text)
        return original(nlp, text)

    extractor_module.entities = counted
    try:
        found = [extract_entities(title, body, extractors) for title, body in articles]
    finally:
        extractor_module.entities = original
    total = sum(len(prepare_text(title, body)) for title, body in articles)
    return given[0] / total, [{("PER", p) for p in e.people} | {("LOC", p) for p in e.places}
                              | {("ORG", o) for o in e.organisations} for e in found]


def agreement(found: list[set], alone: list[set]) -> float:
    """Of the (article, type, name) triples either found, the share both found."""
    same = sum(len(a & b) for a, b in zip(found, alone, strict=True))
    either = sum(len(a | b) for a, b in zip(found, alone, strict=True))
    return same / either if either else 1.0


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


def parts(articles: list[tuple[str, str]], extractors: tuple) -> Counter:
    """CPU seconds per part over one pass, each extractor and stage timed on its own."""
    clock = Clock()
    model = next((e for e in extractors if isinstance(e, SpacyExtractor)), None)
    patched = [(extractor_module, "plan_reading", "choosing sentences (reading.plan_reading)"),
               (entity_model, "decode", "model: network and decisions")]
    if model:
        patched.append((model.nlp, "make_doc", "model: tokenizer"))
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]
    forget(extractors)
    for owner, name, part in patched:
        setattr(owner, name, clock.timed(part, getattr(owner, name)))
    try:
        for title, body in articles:
            text = clock.timed("prepare_text", prepare_text)(title, body)
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
    parser.add_argument("--stories", type=int, default=1000, help="realistic stories read after the real bodies")
    args = parser.parse_args()
    if not GROUND_TRUTH.exists():
        sys.exit(f"evaluation kit not found at {GROUND_TRUTH}")
    extractors = default_extractors()
    sets = [("real article bodies", real_bodies())]
    if args.stories:
        sets.append((f"realistic stories ({args.stories})", stories(args.stories)))
    rows = {"searchapp": with_model(extractors, KnownNames()),
            "searchapp, each article alone": with_model(extractors, None)}
    if any(isinstance(e, SpacyExtractor) for e in extractors):
        rows["spaCy running the model (baseline)"] = stock_extractors(with_model(extractors, None))
    for chosen in rows.values():
        extract_entities("", "Warm-up: Tatiana Eriksson met Alexei Fontaine in Lisbon.", chosen)
    for set_name, articles in sets:
        words = sum(len(f"{title} {body}".split()) for title, body in articles) / len(articles)
        real = set_name == "real article bodies"
        timed = {name: chosen for name, chosen in rows.items() if "baseline" not in name or real}
        best = {name: (float("inf"), float("inf")) for name in timed}
        for _ in range(args.rounds):  # alternately, keeping each one's fastest: the machine is shared
            for name, chosen in timed.items():
                best[name] = best_pass(articles, chosen, best[name])
        found = {name: reading(articles, chosen) for name, chosen in timed.items()}
        alone_wall, alone_cpu = best["searchapp, each article alone"]
        print(f"{set_name}: {len(articles)} articles, {words:.0f} words on average, best of {args.rounds} passes, "
              "one process reading them in sequence")
        print(f"{'':36} {'ms/article':>10} {'ms/700 words':>12} {'CPU ms/article':>14} {'CPU / alone':>11} "
              f"{'read':>5} {'agree':>6}")
        for name, (wall, cpu) in best.items():
            wall_ms, cpu_ms = 1000 * wall / len(articles), 1000 * cpu / len(articles)
            share, names = found[name]
            print(f"{name:36} {wall_ms:10.1f} {wall_ms * WORDS / words:12.1f} {cpu_ms:14.1f} {cpu / alone_cpu:11.2f} "
                  f"{share:5.0%} {agreement(names, found['searchapp, each article alone'][1]):6.1%}")
        print(f"(wall clock / alone: {best['searchapp'][0] / alone_wall:.2f})")
    spent = parts(sets[0][1], rows["searchapp"])
    bodies = sets[0][1]
    total = sum(spent.values())
    model = sum(v for k, v in spent.items() if k.startswith("model:"))
    print("searchapp knowing earlier articles, on the real bodies, one pass by part "
          f"(CPU ms an article; {1000 * total / len(bodies):.1f} in all, timers included):")
    for part, seconds in sorted(spent.items(), key=lambda kv: (not kv[0].startswith("model:"), -kv[1])):
        print(f"  {part:52} {1000 * seconds / len(bodies):6.2f}")
    print(f"  {'model':52} {1000 * model / len(bodies):6.2f}")
    print(f"  {'everything else':52} {1000 * (total - model) / len(bodies):6.2f}")


if __name__ == "__main__":
    main()
