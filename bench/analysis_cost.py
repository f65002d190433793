"""What per-language analysis costs an English archive's rebuild: the engine's side of it, on
realistic English articles (bench/search_scale.py's make_articles), this checkout against
another (the commit before languages were told apart), in one run.

Two figures per checkout, each the CPU time of the process (time.process_time), per article:
`analysis`, the record every engine stores (to_document) and every indexed field's words as
Whoosh makes them when it adds the document (the fast loop, backends/whoosh/analysis.py);
`writer`, the Whoosh writer of a build adding every article and committing (postings, stored
fields, our postings arrays). Each is measured in its own process, the checkouts taking turns
for `--rounds` rounds; the best and the median of the rounds are reported, and their ratio.
On a shared machine the rounds vary by 10% or more, so the work this checkout adds to an English
article is also timed alone (`languages`, ten passes over the articles).

    git archive 32b79d9 | tar -x -C /tmp/before
    python bench/analysis_cost.py --before /tmp/before --articles 2000 --rounds 7 [--after /tmp/after]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in a checkout's own interpreter process, with that checkout first on the path.
MEASURE = r"""
import json, sys, tempfile, time
from pathlib import Path
from bench.search_scale import make_articles
from searchapp.backends.whoosh import schema as whoosh_schema
from searchapp.backends.whoosh.writer import WhooshWriter
from searchapp.search.schema import to_document

articles = make_articles(int(sys.argv[1]))
prepare = getattr(whoosh_schema, "whoosh_document", lambda document: document)
schema = whoosh_schema.SCHEMA
what = sys.argv[2]
started = time.process_time()
if what == "analysis":
    for article in articles:
        document = prepare(to_document(article))
        for name, value in document.items():
            if not name.startswith("_") and value is not None and schema[name].indexed:
                for _ in schema[name].index(value):
                    pass
elif what == "languages":  # only what telling languages apart adds to an English article, ten times over
    from searchapp.search.analysis import analysis_of
    documents = [to_document(article) for article in articles]
    started = time.process_time()
    for _ in range(10):
        for article, document in zip(articles, documents):
            analysis_of(article.language)  # to_document's
            prepare(document)
            for _ in schema["analysis"].index(document["analysis"]):
                pass
    print(json.dumps((time.process_time() - started) / len(articles) / 10))
    sys.exit()
else:
    with tempfile.TemporaryDirectory() as folder:
        writer = WhooshWriter(Path(folder), None)
        for article in articles:
            writer.add(article)
        writer.finish()
print(json.dumps((time.process_time() - started) / len(articles)))
"""


def measure(checkout: Path, articles: int, what: str) -> float:
    """CPU seconds per article of one measure in a fresh process of the checkout."""
    found = subprocess.run([sys.executable, "-c", MEASURE, str(articles), what], cwd=checkout, check=True,
                           capture_output=True, text=True, env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"})
    return float(json.loads(found.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the commit to compare with")
    parser.add_argument("--after", type=Path, default=ROOT, help="the checkout measured (default: this one)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    checkouts = {"before": args.before.resolve(), "after": args.after.resolve()}
    times: dict[tuple[str, str], list[float]] = {}
    for round_ in range(args.rounds):
        for what in ("analysis", "writer"):
            for name, checkout in checkouts.items():
                times.setdefault((what, name), []).append(measure(checkout, args.articles, what))
        print(f"round {round_ + 1}: " + ", ".join(f"{what} {name} {values[-1] * 1e6:.0f} µs"
                                                   for (what, name), values in times.items()), file=sys.stderr)
    added = [measure(checkouts["after"], args.articles, "languages") for _ in range(3)]
    print(f"{args.articles} realistic English articles, CPU time per article, {args.rounds} rounds")
    print("| measure | before best | after best | ratio | before median | after median | ratio |")
    print("|---|---|---|---|---|---|---|")
    for what in ("analysis", "writer"):
        before, after = times[what, "before"], times[what, "after"]
        print(f"| {what} | {min(before) * 1e6:.0f} µs | {min(after) * 1e6:.0f} µs | {min(after) / min(before):.3f} "
              f"| {statistics.median(before) * 1e6:.0f} µs | {statistics.median(after) * 1e6:.0f} µs "
              f"| {statistics.median(after) / statistics.median(before):.3f} |")
    print(f"\nWhat telling languages apart adds to an English article (the article's analysis looked up "
          f"twice, the `analysis` field's word): {min(added) * 1e6:.1f} µs, best of 3.")


if __name__ == "__main__":
    main()
