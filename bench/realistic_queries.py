"""Searches drawn from the realistic archive's headlines, as a reader would type them, seeded.

One to four consecutive headline words, about 20% of them a quoted phrase, about 25% with a facet
selected (a person or a place the article names). The stories are rewritten from the seed, so no
page needs to be read.

    python bench/realistic_queries.py --n 10000 --count 200   # prints URL query strings
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from random import Random
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.realistic_text import Writer
from searchapp.models import SearchRequest

PHRASES, FACETED = 0.2, 0.25
STOP_WORDS = {"the", "and", "as", "in", "after", "that", "why", "of", "a"}


def draw_queries(count: int, pages: int = 10_000, seed: int = 7, query_seed: int = 11) -> list[SearchRequest]:
    """`count` searches from the headlines of the archive of `pages` pages written with `seed`."""
    writer, rng, made = Writer(seed), Random(f"{query_seed}:queries"), []
    while len(made) < count:
        story = writer.story(rng.randrange(pages))
        words = re.findall(r"[\w'-]+", story.headline)
        size = min(len(words), rng.choice((1, 1, 2, 2, 2, 3, 3, 4)))
        start = rng.randrange(len(words) - size + 1)
        chosen = words[start : start + size]
        if chosen[0].lower() in STOP_WORDS or chosen[-1].lower() in STOP_WORDS:
            continue
        text = " ".join(chosen)
        if size > 1 and rng.random() < PHRASES:
            text = f'"{text}"'
        filters: tuple[tuple[str, str], ...] = ()
        if rng.random() < FACETED:
            filters = (
                ("person", rng.choice(story.people).full)
                if rng.random() < 0.5
                else ("place", rng.choice(story.places)[0]),
            )
        made.append(SearchRequest(q=text, filters=filters))
    return made


def query_string(request: SearchRequest) -> str:
    """The request as the site's URL parameters."""
    return urlencode([("q", request.q), *request.filters])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="pages in the archive (as given to realistic.py)")
    parser.add_argument("--seed", type=int, default=7, help="the archive's seed")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--query-seed", type=int, default=11)
    args = parser.parse_args()
    for request in draw_queries(args.count, args.n, args.seed, args.query_seed):
        print(query_string(request))


if __name__ == "__main__":
    main()
