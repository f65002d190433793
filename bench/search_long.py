"""Search speed on articles of real length: SearchService.search (a page of 10 with snippets, every
sidebar facet and the timeline) over ~2,000 articles whose bodies are real news paragraphs,
with the time spent on snippets and on the phrase boost reported apart from the rest.

The paragraphs are read at run time from the evaluation kits (../shared/eval/extraction and
extraction-dragnet, licensed for evaluation only: nothing of them is written outside a temporary
folder) and shuffled into articles of 500-1,000 words under real 2012 headlines; queries are one
to three words of those headlines, and a few pairs of common words ("oil prices", "last year").

Run: python bench/search_long.py [--articles 2000] [--searches 300]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

from searchapp.backends.whoosh import selection  # noqa: E402
from searchapp.models import Article, SearchRequest  # noqa: E402
from searchapp.rebuild.run import index_articles  # noqa: E402
from searchapp.service import SearchService, search  # noqa: E402

PLACES = ("London", "Paris", "Washington", "New York", "Berlin", "Tokyo", "Moscow", "Beijing", "Kentucky",
          "Virginia", "California", "Texas", "Brussels", "Madrid", "Cairo", "Sydney")
COMMON = ("oil prices", "last year", "white house", "new york", "united states", "told reporters", "people said")
STOP = {"the", "a", "an", "of", "to", "in", "and", "for", "on", "is", "at", "by", "with", "as", "from", "its",
        "his", "her", "are", "be", "was", "it", "that", "this", "after", "over", "new", "says", "how", "what"}


def real_texts() -> tuple[list[str], list[str], list[str]]:
    """Paragraphs, headlines and source domains of the evaluation kits' human-copied articles."""
    dragnet = json.loads((EVAL / "extraction-dragnet" / "ground-truth.json").read_text())
    bodies = [entry["articleBody"] for entry in dragnet.values()]
    extraction = json.loads((EVAL / "extraction" / "ground-truth.json").read_text())
    bodies += [entry["articleBody"] for entry in extraction.values()]
    headlines = [body.strip().split("\n")[0] for body in bodies[: len(dragnet)]]
    headlines = [h for h in headlines if 3 <= len(h.split()) <= 20]
    sources = sorted({urlparse(entry.get("url", "")).netloc.removeprefix("www.") for entry in dragnet.values()} - {""})
    paragraphs = [p.strip() for body in bodies for p in body.split("\n\n") if len(p.split()) >= 8]
    return paragraphs, headlines, sources


def make_articles(count: int, seed: int = 11) -> tuple[list[Article], list[str]]:
    """Articles of 500-1,000 words of shuffled real paragraphs, and the headlines they carry."""
    rng = random.Random(seed)
    paragraphs, headlines, sources = real_texts()
    start = datetime(2010, 1, 1)
    articles = []
    for n in range(count):
        words, chosen = rng.randint(500, 1000), []
        while sum(len(p.split()) for p in chosen) < words:
            chosen.append(rng.choice(paragraphs))
        body = "\n\n".join(chosen)
        names = sorted(set(re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", body)))
        articles.append(Article(
            id=f"long-{n}", path=f"long-{n}.html", title=rng.choice(headlines), body=body,
            source=rng.choice(sources), url=f"https://example.org/{n}",
            date=start + timedelta(days=rng.randrange(3650)),
            people=tuple(rng.sample(names, min(3, len(names)))), places=tuple(rng.sample(PLACES, 2))))
    return articles, headlines


def make_requests(headlines: list[str], count: int, seed: int = 5) -> list[SearchRequest]:
    """Pairs of common words, then one to three consecutive headline words (no stop words)."""
    rng = random.Random(seed)
    made = [SearchRequest(q=q) for q in COMMON]
    while len(made) < count:
        words = [w for w in re.findall(r"[a-z]+", rng.choice(headlines).lower()) if w not in STOP and len(w) > 2]
        if not words:
            continue
        size = rng.choice((1, 2, 2, 3))
        at = rng.randrange(max(1, len(words) - size + 1))
        made.append(SearchRequest(q=" ".join(words[at:at + size])))
    return made


class Parts:
    """Wall time spent inside named functions, summed per search."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(self, module, name: str, part: str) -> None:
        inner = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[part] += time.perf_counter() - started
        setattr(module, name, timed)

    @contextmanager
    def one(self):
        self.spent.clear()
        yield self.spent


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--searches", type=int, default=300)
    args = parser.parse_args()
    articles, headlines = make_articles(args.articles)
    requests = make_requests(headlines, args.searches)
    words = sum(len(a.body.split()) for a in articles) / len(articles)
    with tempfile.TemporaryDirectory(prefix="searchapp-long-") as folder:
        index_articles(articles, Path(folder), backend="whoosh")
        service = SearchService(Path(folder), backend="whoosh")
        service.warm()
        parts = Parts()
        parts.wrap(search, "snippet_of", "snippets")
        parts.wrap(selection, "with_phrase_scores", "phrase boost")
        for request in requests[:20]:
            service.search(request)
        totals: dict[str, list[float]] = defaultdict(list)
        oil = 0.0
        for request in requests:
            with parts.one() as spent:
                started = time.perf_counter()
                service.search(request)
                elapsed = time.perf_counter() - started
                totals["total"].append(elapsed)
                for part in ("snippets", "phrase boost"):
                    totals[part].append(spent.get(part, 0.0))
                totals["the rest"].append(elapsed - spent.get("snippets", 0.0) - spent.get("phrase boost", 0.0))
            if request.q == "oil prices":
                oil = elapsed
    print(f"{len(articles):,} articles of {words:,.0f} words on average, {len(requests)} searches "
          "(SearchService.search: 10 hits with snippets, every facet, the timeline); "
          f"\"oil prices\": {oil * 1000:.1f} ms")
    print("| part | mean ms | p50 ms | p95 ms |\n|---|---|---|---|")
    for part in ("total", "snippets", "phrase boost", "the rest"):
        samples = totals[part]
        print(f"| {part} | {sum(samples) / len(samples) * 1000:.1f} | {percentile(samples, 0.5):.1f} "
              f"| {percentile(samples, 0.95):.1f} |")


if __name__ == "__main__":
    main()
