"""What relevance feedback (service/feedback.py) costs on `/api/search` for long queries of words
joined by OR, on an index of the realistic archive that bench/search_scale.py built.

The queries are what a researcher pastes: the first `--words` words of a paragraph of a story of
the archive (bench/realistic_text.py, the seed search_scale.py wrote with), joined with OR. Each
is timed through the Flask test client of create_app with the feedback and without it (the same
app, its service's `ranking` left as the query), interleaved, the best of `--rounds` kept; the
site's own searches (bench/realistic_queries.py, one to four words) are timed the same way, where
nothing should change.

    python bench/search_scale.py --articles 100000 --work /tmp/scale-100k --build-only
    python bench/feedback_cost.py --index /tmp/scale-100k/whoosh --articles 100000
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path
from random import Random
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.realistic_queries import draw_queries, query_string
from bench.realistic_text import Writer
from searchapp.models import SearchRequest
from searchapp.search import feedback


def pasted(count: int, words: int, articles: int, seed: int = 7) -> list[SearchRequest]:
    """`count` queries of the first `words` words of a paragraph of the archive's stories, joined with OR."""
    writer, rng, made = Writer(seed), Random(f"{seed}:pasted"), []
    while len(made) < count:
        story = writer.story(rng.randrange(articles))
        found = re.findall(r"\w+", rng.choice(story.paragraphs))
        if len(found) >= words:
            made.append(SearchRequest(q=" OR ".join(found[:words])))
    return made


def best_times(client, service, requests: list[SearchRequest], rounds: int) -> dict[str, list[float]]:
    """The best wall time of each request, with relevance feedback and without it."""
    with_feedback = service.ranking
    best = {"with": [float("inf")] * len(requests), "without": [float("inf")] * len(requests)}
    for _ in range(rounds):
        for at, request in enumerate(requests):
            for arm in ("with", "without"):  # interleaved: a busy moment of the machine hits both alike
                service.ranking = with_feedback if arm == "with" else (lambda request, query: query)
                started = time.perf_counter()
                response = client.get("/api/search?" + urlencode([("q", request.q), *request.filters]))
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise RuntimeError(f"/api/search?{query_string(request)} answered {response.status_code}")
                best[arm][at] = min(best[arm][at], elapsed)
    service.ranking = with_feedback
    return best


def summary(label: str, best: dict[str, list[float]]) -> str:
    def ms(samples: list[float], share: float) -> float:
        return 1000 * sorted(samples)[min(len(samples) - 1, int(share * len(samples)))]
    ratio = statistics.median(w / o for w, o in zip(best["with"], best["without"], strict=True))
    return (f"| {label} | {len(best['with'])} | {ms(best['without'], 0.5):.1f} / {ms(best['without'], 0.95):.1f} "
            f"| {ms(best['with'], 0.5):.1f} / {ms(best['with'], 0.95):.1f} | {ratio:.2f} x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, required=True, help="an index folder of the realistic archive")
    parser.add_argument("--backend", default="", help="its engine (SEARCHAPP_BACKEND; default Whoosh)")
    parser.add_argument("--articles", type=int, required=True, help="articles of the archive (its --articles)")
    parser.add_argument("--count", type=int, default=40, help="queries of each kind")
    parser.add_argument("--words", default="8,20,40", help="words of the pasted queries, comma-separated")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from searchapp.web import create_app
    app = create_app({"TESTING": True, "INDEX_DIR": args.index, "BACKEND": args.backend})
    service = app.extensions["search"]
    service.warm()
    client = app.test_client()
    print(f"{service.count():,} articles in {args.index}; relevance feedback: {feedback.DOCUMENTS} articles, "
          f"{feedback.WORDS} words, queries of {feedback.MIN_WORDS}+ words joined by OR", file=sys.stderr)
    print("| searches | n | without feedback, p50 / p95 ms | with, p50 / p95 ms | median ratio |")
    print("|---|---|---|---|---|")
    kinds = [(f"pasted, {n} words joined by OR", pasted(args.count, n, args.articles))
             for n in map(int, args.words.split(","))]
    kinds.append(("the site's searches (1-4 words)", draw_queries(args.count, args.articles)))
    for label, requests in kinds:
        print(summary(label, best_times(client, service, requests, args.rounds)), flush=True)


if __name__ == "__main__":
    main()
