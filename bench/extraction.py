"""Main-text extraction quality of our loader on ../shared/eval/extraction (HTML and text dumps).

Runs each page through the loader exactly as `searchapp rebuild` does (cleaning, metadata,
entities) and scores the body with the kit's scorer. Baseline in the same run: bare trafilatura
(favor_precision) on the HTML. Also reports how many pages got a publication date, and from where.
Usage: python bench/extraction.py [--split dev]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT.parent / "shared" / "eval" / "extraction"
sys.path.insert(0, str(ROOT))

from searchapp.errors import PageError  # noqa: E402
from searchapp.ingest.stages import load_article  # noqa: E402

DATES: dict[str, Counter] = {".html": Counter(), ".txt": Counter()}


def loader_body(text: str, suffix: str) -> str:
    """The body our loader makes of one page given as text; counts where its date came from."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            article = load_article(path)
        except PageError:
            DATES[suffix]["skipped"] += 1
            return ""
        DATES[suffix][article.date_source or "unknown"] += 1
        return article.body


def html_body(html: str) -> str:
    return loader_body(html, ".html")


def text_body(text: str) -> str:
    return loader_body(text, ".txt")


def bare_trafilatura(html: str) -> str:
    return trafilatura.extract(html, favor_precision=True) or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    if not KIT.exists():
        sys.exit(f"evaluation kit not found at {KIT}")
    sys.path.insert(0, str(KIT))
    from score import evaluate_callable

    rows = [
        ("bare trafilatura (baseline), HTML", evaluate_callable(bare_trafilatura, split=args.split)),
        ("searchapp loader, HTML", evaluate_callable(html_body, split=args.split)),
        ("searchapp loader, text dumps", evaluate_callable(text_body, split=args.split, input_kind="text")),
    ]
    print(f"{'extractor':40} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8}")
    for name, result in rows:
        m = result.metrics
        print(f"{name:40} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f} {result.pages_per_second:8.1f}")
    base = rows[0][1].metrics["f1"]
    print(f"loader / baseline F1 on HTML: {rows[1][1].metrics['f1'] / base:.3f}")
    for suffix, label in ((".html", "HTML"), (".txt", "text dumps")):
        counts = DATES[suffix]
        total = sum(counts.values())
        dated = total - counts["unknown"] - counts["skipped"]
        sources = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        print(f"date found on {label}: {dated}/{total} ({dated / total:.0%}): {sources}")


if __name__ == "__main__":
    main()
