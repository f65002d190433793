"""Main-text extraction quality of our loader on both extraction kits, side by side (HTML and text dumps).

Kits: ../shared/eval/extraction (56 pages, 2017-2020, gold is the body alone) and
../shared/eval/extraction-dragnet (222 pages, 2012, gold keeps headline, byline and captions: compare
with bare trafilatura in the same run, not with the first kit). Each page goes through the loader
exactly as `searchapp rebuild` does and the body is scored with the kit's own scorer. Baseline in
the same run: bare trafilatura (favor_precision) on the HTML. Also reports the pages that came out
empty although their gold is not, and where publication dates came from.
Usage: python bench/extraction.py [--split dev] [--kit extraction|extraction-dragnet]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
KITS = ("extraction", "extraction-dragnet")
sys.path.insert(0, str(ROOT))

from searchapp.errors import PageError  # noqa: E402
from searchapp.ingest.stages import load_article  # noqa: E402
from searchapp.models import Article  # noqa: E402
from searchapp.search.schema import to_document  # noqa: E402

DATES: dict[str, Counter] = {".html": Counter(), ".txt": Counter()}
MADE: dict[tuple[str, str], Article | None] = {}


def loader_article(text: str, suffix: str) -> Article | None:
    """The article our loader makes of one page given as text (once per page: rows share it);
    counts where its date came from."""
    if (text, suffix) in MADE:
        return MADE[text, suffix]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            article: Article | None = load_article(path)
        except PageError:
            DATES[suffix]["skipped"] += 1
            article = None
        else:
            DATES[suffix][article.date_source or "unknown"] += 1
    MADE[text, suffix] = article
    return article


def html_body(html: str) -> str:
    article = loader_article(html, ".html")
    return article.body if article else ""


def html_indexed(html: str) -> str:
    """The text the index searches for the page, as it holds it: its `content` field, headline,
    header (standfirst, byline, date line), body and captions (the Dragnet gold keeps them all;
    our body leaves them to their own fields)."""
    article = loader_article(html, ".html")
    return to_document(article)["content"] if article else ""


def text_body(text: str) -> str:
    article = loader_article(text, ".txt")
    return article.body if article else ""


def bare_trafilatura(html: str) -> str:
    return trafilatura.extract(html, favor_precision=True, include_comments=False) or ""


def score_kit(kit: Path, split: str) -> None:
    """Print one kit's table: baseline and loader, precision, recall, F1, pages that came out empty, dates."""
    sys.path.insert(0, str(kit))
    sys.modules.pop("score", None)  # each kit has its own scorer module
    from score import evaluate_callable

    sys.path.remove(str(kit))
    for counts in DATES.values():
        counts.clear()
    MADE.clear()
    rows = [
        ("bare trafilatura (baseline), HTML", evaluate_callable(bare_trafilatura, split=split)),
        ("searchapp loader, HTML", evaluate_callable(html_body, split=split)),
        ("  as indexed (the content field)", evaluate_callable(html_indexed, split=split)),
        ("searchapp loader, text dumps", evaluate_callable(text_body, split=split, input_kind="text")),
    ]
    print(f"\n{kit.name} ({split})")
    print(f"{'extractor':40} {'precision':>9} {'recall':>7} {'F1':>6} {'empty':>6} {'pages/s':>8}")
    for name, result in rows:
        m = result.metrics
        speed = "-" if name.startswith(" ") else f"{result.pages_per_second:.1f}"  # indented rows reuse the articles
        print(f"{name:40} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f} {m['empty']:6d} {speed:>8}")
    base = rows[0][1].metrics["f1"]
    print(f"loader - baseline F1 on HTML: {rows[1][1].metrics['f1'] - base:+.3f}")
    for suffix, label in ((".html", "HTML"), (".txt", "text dumps")):
        counts = DATES[suffix]
        total = sum(counts.values())
        dated = total - counts["unknown"] - counts["skipped"]
        sources = ", ".join(f"{k} {v}" for k, v in counts.most_common())
        print(f"date found on {label}: {dated}/{total} ({dated / total:.0%}): {sources}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--kit", choices=KITS, help="one kit only (default: both)")
    args = parser.parse_args()
    kits = [EVAL / name for name in ([args.kit] if args.kit else KITS)]
    missing = [str(kit) for kit in kits if not kit.exists()]
    if missing:
        sys.exit(f"evaluation kit not found at {', '.join(missing)}")
    for kit in kits:
        score_kit(kit, args.split)


if __name__ == "__main__":
    main()
