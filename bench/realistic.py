"""Realistic archive of saved news pages: as heavy, as tag-laden and as chrome-wrapped as real ones.

Every speed figure in docs/performance.md comes from this archive (bench/synthetic.py's 7 kB pages
are for tests). Seeded and reproducible: the same seed and size give byte-identical files. Each
page is one story of 500-1,000 generated words (median about 730) with real-looking people and real
cities, inside one of ten sites in five templates (a React app, a portal with a mega-menu, a
magazine, WordPress with comments, a 2012-style div page): head with meta tags, OpenGraph, JSON-LD,
inline scripts and styles, menus with hundreds of links, cookie banner, ad slots, related and
most-read lists, footers. One page in ten carries agency copy instead (bench/realistic_wire.py):
earnings tables, company news with tickers, Title-Case political stories; the other pages are
what they were before it (byte for byte), and bench/search_scale.py still reads Writer.story alone.

    python bench/realistic.py --n 10000 --seed 7 --out /tmp/real
    python bench/realistic.py --compare --n 2000 --out /tmp/real-2000   # real pages vs generated
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from html import escape
from itertools import accumulate
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402

from bench.realistic_chrome import (  # noqa: E402
    ICONS,
    SITES,
    Site,
    ad_slot,
    class_name,
    comments,
    footer,
    head,
    icon,
    image,
    link,
    menu,
    script_code,
    sprite,
    teaser_list,
)
from bench.realistic_text import Story, Writer  # noqa: E402
from bench.realistic_wire import WIRE_SHARE, WireDesk, is_wire  # noqa: E402
from bench.synthetic import AP_MONTHS, base36, capital, long_date, slugify  # noqa: E402

HYDRATED = 0.16  # share of pages with a 100-300 kB inline state
SITE_CUM = list(accumulate(site.weight for site in SITES))
REAL_PAGES = {
    "extraction (56 pages, 2017-2020)": ROOT.parent / "shared/eval/extraction/html",
    "extraction-dragnet (222 pages, 2012)": ROOT.parent / "shared/eval/extraction-dragnet/html",
}


def article(site: Site, story: Story, rng: Random, iso: str, local, others: list[str]) -> str:
    """The article element: kicker, headline, standfirst, byline, picture, body with ads, tags."""
    c = class_name
    paragraphs = list(story.paragraphs)
    if not story.kind and rng.random() < 0.4:  # agency copy brings its own dateline
        paragraphs[0] = f"{story.places[0][0].upper()}, {AP_MONTHS[local.month - 1]} {local.day} \u2014 {paragraphs[0]}"
    body = [
        f"<pre>{escape(text, quote=False)}</pre>" if "\n" in text else f"<p>{escape(text, quote=False)}</p>"
        for text in paragraphs
    ]
    for at in range(3, len(body), rng.randint(5, 9)):
        body[at] += "\n" + ad_slot(site, rng)
    if len(body) > 6:
        body[5] += (
            f'\n<aside class="{c(rng, site, "inline-related")}"><strong>Read more:</strong> '
            f"{link(site, rng, f'news/{slugify(others[0])}', others[0], 'inline-related')}</aside>"
        )
    share = "".join(
        f'<a href="https://share.example/{name}?u={slugify(story.headline)}" class="share-{name}" '
        f'aria-label="Share on {name}">{icon(name)}</a>'
        for name in ICONS[: rng.randint(3, 7)]
    )
    words = story.headline.lower().split() if not story.kind else re.findall(r"[a-z]{3,}", story.headline.lower())
    tags = "".join(
        f"<li>{link(site, rng, f'topic/{word}', capital(word), 'tag')}</li>"
        for word in dict.fromkeys(rng.choices(words, k=4))
    )
    author = escape(story.author)
    return (
        f'<article class="{c(rng, site, "article")}" itemscope itemtype="https://schema.org/NewsArticle">\n'
        f'<header class="{c(rng, site, "article-header")}"><div class="kicker">'
        f"{link(site, rng, story.section, capital(story.section), 'kicker')}</div>\n"
        f'<h1 class="{c(rng, site, "headline")}" itemprop="headline">{escape(story.headline)}</h1>\n'
        f'<p class="{c(rng, site, "standfirst")}">{escape(story.standfirst)}</p>\n'
        f'<div class="{c(rng, site, "byline")}"><div class="author"><span>By <a rel="author" href="https://www.'
        f'{site.domain}/by/{slugify(story.author)}">{author}</a></span></div><time datetime="{iso}">'
        f'{long_date(local)}</time></div>\n<div class="{c(rng, site, "share")}">{share}</div></header>\n'
        f'<figure class="{c(rng, site, "figure")}"><div class="media">'
        f"{image(site, rng, slugify(story.headline), story.caption, 'lead-image')}</div>"
        f"<figcaption>{escape(story.caption)} "
        f'<span class="credit">{escape(story.credit)}</span></figcaption></figure>\n'
        f'<div class="{c(rng, site, "article-body")} article-body" itemprop="articleBody">\n'
        + "\n".join(body)
        + f'\n</div>\n<div class="{c(rng, site, "tags")}"><ul>{tags}</ul></div>\n</article>\n'
    )


def story_of(writer: Writer, seed: int, index: int, wire: float = WIRE_SHARE) -> Story:
    """The story on page `index`: agency copy on a share `wire` of pages (bench/realistic_wire.py), else Writer's."""
    return wire_desk(writer).story(index) if is_wire(seed, index, wire) else writer.story(index)


@cache
def wire_desk(writer: Writer) -> WireDesk:
    return WireDesk(writer)


def page(writer: Writer, seed: int, index: int, wire: float = WIRE_SHARE) -> tuple[Site, Story, bytes]:
    """Page `index` of the archive: its site, its story and its bytes."""
    rng = Random(f"{seed}:realistic-page:{index}")
    site = rng.choices(SITES, cum_weights=SITE_CUM)[0]  # first draw: bench/search_scale.py draws it too
    story = story_of(writer, seed, index, wire)
    local = story.published + timedelta(hours=site.utc_offset)
    iso = f"{local:%Y-%m-%dT%H:%M:00}{site.utc_offset:+03d}:00"
    url = f"https://www.{site.domain}/{story.section}/{local:%Y/%m/%d}/{slugify(story.headline)}-{base36(index)}"
    heft = rng.lognormvariate(0.06, 0.4)
    others = writer.other_headlines(rng, rng.randint(14, 30))
    c = class_name
    parts = [
        head(
            site,
            story,
            rng,
            url,
            iso,
            seed,
            int(site.script_kb * 600 * rng.lognormvariate(0, 1.1)),
            int(rng.randint(6, 40) * heft),
        ),
        f'<body class="{c(rng, site, "page")} section-{story.section}">\n',
    ]
    if site.template in ("next", "magazine"):
        parts.append(sprite(rng))
    parts.append(
        f'<div id="cookie-consent" class="{c(rng, site, "consent")}" role="dialog"><div class="consent-inner">'
        "<p>We and our partners use cookies to store and access information on your device, to personalise "
        "content and ads and to measure audiences.</p><button>Accept all</button><button>Reject</button>"
        f"{link(site, rng, 'privacy', 'Manage preferences', 'consent')}</div></div>\n"
    )
    wrappers = max(3, site.wrappers - 3 + rng.randint(-1, 2))
    parts += [f'<div class="{c(rng, site, "wrap")}">' for _ in range(wrappers)]
    parts.append(
        f'<header class="{c(rng, site, "masthead")}"><div class="{c(rng, site, "bar")}">'
        f'<a class="logo" href="https://www.{site.domain}/">{escape(site.name)}</a>'
        f'<form class="search" action="/search"><input type="search" name="q" placeholder="Search">'
        f'<button type="submit">{icon("search")}</button></form></div>\n'
        + menu(site, writer, rng, int(site.nav_links * heft * 0.6))
        + "</header>\n"
        + ad_slot(site, rng)
    )
    parts.append(
        f'<main class="{c(rng, site, "main")}"><div class="{c(rng, site, "layout")}">'
        f'<div class="{c(rng, site, "column")}">'
        f'<div class="{c(rng, site, "content")}"><div class="{c(rng, site, "story")}">\n'
        + article(site, story, rng, iso, local, others)
        + "</div></div>\n"
    )
    related = int(rng.randint(4, 12) * heft)
    parts.append(teaser_list(site, rng, "Related stories", others[:related], "related", True))
    if site.comments and story.people:  # an earnings table names nobody for readers to argue about
        parts.append(comments(site, writer, story, rng, int(rng.randint(0, 25) * heft)))
    parts.append(
        f'</div><aside class="{c(rng, site, "sidebar")}">'
        + ad_slot(site, rng)
        + teaser_list(site, rng, "Most read", others[related : related + 10], "most-read", False)
        + '<div class="newsletter"><h3>Get the morning briefing</h3><form><input type="email" '
        'placeholder="Email address"><button>Sign up</button></form></div>'
        + ad_slot(site, rng)
        + "</aside></div></main>\n"
    )
    parts.append(teaser_list(site, rng, "More from " + site.name, others[related + 10 :], "more", True))
    parts.append(footer(site, rng, int(rng.randint(25, 70) * heft), local.year))
    parts += ["</div>"] * wrappers
    if rng.random() < HYDRATED:  # an app's whole state inlined: the heaviest real pages are mostly this
        state = script_code(rng, int(rng.lognormvariate(11.9, 0.4)))
        parts.append(f'<script id="__APP_STATE__" type="application/json">{{"code":"{state}"}}</script>\n')
    parts.append(f"\n<script>{script_code(rng, rng.randint(300, 3000))}</script>\n</body>\n</html>\n")
    return site, story, "".join(parts).encode()


def path_of(folder: Path, site: Site, story: Story, index: int) -> Path:
    local = story.published + timedelta(hours=site.utc_offset)
    return (
        folder
        / site.domain.removesuffix(".example")
        / str(local.year)
        / f"{local:%Y-%m-%d}-{slugify(story.headline)}-{base36(index)}.html"
    )


def write_pages(folder: Path, n: int, seed: int, wire: float = WIRE_SHARE) -> Iterator[tuple[Path, Site, Story, int]]:
    """Write the n pages under folder, one at a time: each one's path, site, story and size."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    writer = Writer(seed)
    for index in range(n):
        site, story, data = page(writer, seed, index, wire)
        path = path_of(folder, site, story, index)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        yield path, site, story, len(data)


def generate(folder: Path, n: int = 10_000, seed: int = 7, wire: float = WIRE_SHARE) -> dict:
    """Write n realistic pages under folder; return counts: pages, by template, wire pages, bytes, words."""
    templates: dict[str, int] = {}
    size = words = agency = 0
    for _, site, story, length in write_pages(folder, n, seed, wire):
        templates[site.template] = templates.get(site.template, 0) + 1
        size += length
        words += sum(len(paragraph.split()) for paragraph in story.paragraphs)
        agency += bool(story.kind)
    return {"pages": n, "by_template": dict(sorted(templates.items())), "wire": agency, "bytes": size, "words": words}


def shape(data: bytes) -> dict[str, float]:
    """What a page is made of: bytes, elements, script and style shares, links, list items, <div> depth, JSON-LD."""
    tree = lxml.html.fromstring(data)
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    counts: dict[str, int] = {}
    for element in elements:
        counts[element.tag] = counts.get(element.tag, 0) + 1
    script = sum(len(element.text or "") for element in elements if element.tag == "script")
    style = sum(len(element.text or "") for element in elements if element.tag == "style")
    attributes = sum(len(key) + len(value) + 4 for element in elements for key, value in element.attrib.items())
    json_ld = sum(1 for element in elements if element.tag == "script" and element.get("type") == "application/ld+json")
    depth, stack = 0, [(tree, 0)]
    while stack:
        element, level = stack.pop()
        level += element.tag == "div"
        depth = max(depth, level)
        stack.extend((child, level) for child in element if isinstance(child.tag, str))
    return {
        "bytes": len(data),
        "elements": len(elements),
        "script share": script / len(data),
        "style share": style / len(data),
        "attribute share": attributes / len(data),
        "<a>": counts.get("a", 0),
        "<li>": counts.get("li", 0),
        "<div>": counts.get("div", 0),
        "<div> depth": depth,
        "<meta>": counts.get("meta", 0),
        "<script>": counts.get("script", 0),
        "JSON-LD": json_ld,
    }


def percentile(values: list[float], share: float) -> float:
    """Linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    at = (len(ordered) - 1) * share
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def shapes_of(paths: list[Path]) -> list[dict[str, float]]:
    return [shape(gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()) for path in paths]


def compare(folder: Path, n: int, seed: int) -> str:
    """A Markdown table: median and 90th percentile of each measure, real pages vs generated, and the ratios."""
    if not (folder.exists() and any(folder.iterdir())):
        generate(folder, n, seed)
    generated = shapes_of(sorted(folder.rglob("*.html")))
    real = {name: shapes_of(sorted(place.glob("*.html.gz"))) for name, place in REAL_PAGES.items() if place.exists()}
    target_name, target = next(iter(real.items()))
    lines = [
        f"generated: {len(generated):,} pages (seed {seed}); target: {target_name}",
        "",
        "| measure | real median | generated median | ratio | real p90 | generated p90 | ratio |"
        + "".join(f" {name.split(' ')[0]} median | p90 |" for name in list(real)[1:]),
        "|---|---|---|---|---|---|---|" + "---|---|" * (len(real) - 1),
    ]
    for measure in generated[0]:
        cells = []
        for share in (0.5, 0.9):
            mine = percentile([row[measure] for row in generated], share)
            theirs = percentile([row[measure] for row in target], share)
            ratio = f"{mine / theirs:.2f}" if theirs else "-"
            cells.append(f"{number(theirs)} | {number(mine)} | {ratio}")
        others = "".join(
            f" {number(percentile([row[measure] for row in rows], 0.5))} | "
            f"{number(percentile([row[measure] for row in rows], 0.9))} |"
            for rows in list(real.values())[1:]
        )
        lines.append(f"| {measure} | {' | '.join(cells)} |{others}")
    return "\n".join(lines)


def number(value: float) -> str:
    return f"{value:.2f}" if value < 1 else f"{value:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="pages to write (default 10,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    parser.add_argument(
        "--wire", type=float, default=WIRE_SHARE, help=f"share of pages of agency copy (default {WIRE_SHARE})"
    )
    parser.add_argument(
        "--compare",
        action="store_true",
        help="print the real pages' distributions next to the generated ones (generates if --out is empty)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    if args.compare:
        print(compare(args.out, args.n, args.seed))
        return
    counts = generate(args.out, args.n, args.seed, args.wire)
    elapsed = time.perf_counter() - started
    print(json.dumps(counts, indent=2))
    print(f"{args.n} pages in {elapsed:.1f} s ({args.n / elapsed:.0f} pages/s) under {args.out}")


if __name__ == "__main__":
    main()
