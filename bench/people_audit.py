"""The People facet's top values checked against what the pages really name (issue 16, item 3).

Target: on the realistic archive (bench/realistic.py, agency copy on one page in ten) and on
wire-style pages (tests/fixtures/wire), none of the top 50 People values is anything but a person,
and one value per person.

The archive is indexed the way `searchapp rebuild` does it (rebuild_index with the real loader, on
the embedded Whoosh engine) and the facet is read through the search service, as the site shows
it: the first 50 values of an empty search with their counts. Each value is checked against the
ground truth: for generated pages, the people, firms, institutions and places the generator wrote
into each story (people by full name, only those its text names); for a folder of pages, its
truth.json (tests/fixtures/wire has one). A value is right when it is, up to case and accents,
the full name of a person the pages name. A wrong value is listed with why (a table label, a firm,
an institution, a place, a surname or first name alone, a name with other words, a headline
fragment). A person is split when another value of the facet stands for them too (its articles
are ones where that person is written): "Kessler" beside "Anna Kessler".

    python bench/people_audit.py                          # 2,000 realistic pages of seed 7
    python bench/people_audit.py --n 60 --workers 0 --check
    python bench/people_audit.py --pages tests/fixtures/wire --check
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.realistic import write_pages  # noqa: E402
from bench.realistic_text import ORGANISATIONS, Story  # noqa: E402
from bench.realistic_wire import TABLE_LABELS, WIRE_SHARE  # noqa: E402
from searchapp.models import MAX_RESULTS, SearchRequest  # noqa: E402
from searchapp.rebuild.options import RebuildOptions  # noqa: E402
from searchapp.rebuild.run import rebuild_index  # noqa: E402
from searchapp.service.search import SearchService  # noqa: E402
from searchapp.text import fold  # noqa: E402

TOP = 50
TABLE_WORDS = {fold(word) for label in TABLE_LABELS for word in label.split()} | {"dlrs", "cts", "mln", "shrs"}
# The Writer's own stories name these bodies ("the United Nations"); wire stories record theirs.
BODIES = tuple(name.removeprefix("the ") for name in ORGANISATIONS if name[4:5].isupper())


@dataclass(frozen=True, slots=True)
class Written:
    """What one page names, by the generator's record or a truth file."""

    people: tuple[str, ...]  # full names
    organisations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    headline: str = ""
    kind: str = ""  # the wire story's kind, "" for the Writer's own stories and truth files


@dataclass(slots=True)
class Verdict:
    """One facet value: how many articles the facet counts it on, and what it really is."""

    rank: int
    value: str
    count: int
    person: str = ""  # the full name it is, when right
    why: str = ""  # what it is instead, when wrong
    written: int = 0  # right values: articles the pages name this person in
    naming: int = 0  # right values: of the articles counted, those whose page names this person
    agency: int = 0  # of the articles counted, those that are agency copy (bench/realistic_wire.py)

    @property
    def right(self) -> bool:
        return bool(self.person)


@dataclass(slots=True)
class Audit:
    pages: int
    top: list[Verdict]
    splits: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # person -> every value standing for them

    @property
    def wrong(self) -> list[Verdict]:
        return [verdict for verdict in self.top if not verdict.right]

    @property
    def met(self) -> bool:
        return not self.wrong and not self.splits


def written_of(story: Story) -> Written:
    """What the generator put into a story: the people its text names in full, its firms, bodies and places."""
    text = "\n".join(story.paragraphs)
    people = tuple(person.full for person in story.people if named(person.full, text))
    places = {name for place in story.places for name in place if name}
    bodies = tuple(body for body in BODIES if named(body, text))
    return Written(people, (*story.organisations, *bodies), tuple(sorted(places)), story.headline, story.kind)


def named(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def generate(folder: Path, n: int, seed: int, wire: float = WIRE_SHARE) -> dict[str, Written]:
    """Write n realistic pages under folder (a share `wire` of agency copy); what each names, by file name."""
    return {path.name: written_of(story) for path, _, story, _ in write_pages(folder, n, seed, wire)}


def read_truth(path: Path) -> dict[str, Written]:
    """A truth file: {file name: {"people": [...], "organisations": [...], "places": [...]}}."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: Written(tuple(entry["people"]), tuple(entry.get("organisations", ())), tuple(entry.get("places", ())))
        for name, entry in entries.items()
        if not name.startswith("_")
    }


def build(pages: Path, index_dir: Path, workers: int) -> None:
    """Index the pages as `searchapp rebuild` does, on the embedded Whoosh engine."""
    report = rebuild_index(RebuildOptions((pages,), index_dir, workers=workers, backend=""))
    if report.skipped:
        print(f"{len(report.skipped)} pages skipped: {report.skipped[:3]}", file=sys.stderr)


def surname(name: str) -> str:
    """What follows the first name ("dos Santos" of "Tatiana dos Santos"); a single name is its own."""
    return name.split(" ", 1)[-1]


def words(text: str) -> list[str]:
    return re.findall(r"[\w'.-]+", fold(text))


def within(part: str, whole: str) -> bool:
    """Whether part's words are a run of whole's words ("accounting office" in "general accounting office")."""
    small, big = words(part), words(whole)
    return bool(small) and any(big[at : at + len(small)] == small for at in range(len(big) - len(small) + 1))


class Auditor:
    """Reads the facet through the search service and checks each value against what the pages name."""

    def __init__(self, index_dir: Path, truth: dict[str, Written], top: int = TOP) -> None:
        self.service = SearchService(index_dir, facet_limit=top, backend="")
        self.truth, self.top = truth, top
        self.people = {fold(name): name for written in truth.values() for name in written.people}
        self.written = Counter(fold(name) for written in truth.values() for name in written.people)
        self.files: dict[str, str] = {}
        self.articles_of: dict[str, list[Written]] = {}

    def articles(self, value: str) -> list[Written]:
        """What the pages of the articles the facet counts under value name."""
        if value not in self.articles_of:
            request = SearchRequest(filters=(("person", value),))
            _, hits = self.service.listing(request, 0, MAX_RESULTS)
            self.articles_of[value] = [self.truth[self.file_of(hit.id)] for hit in hits]
        return self.articles_of[value]

    def file_of(self, article_id: str) -> str:
        if article_id not in self.files:
            self.files[article_id] = Path(self.service.article(article_id).article.path).name
        return self.files[article_id]

    def run(self) -> Audit:
        page = self.service.search(SearchRequest())
        facet = next(facet for facet in page.facets if facet.name == "person")
        top = [self.verdict(rank, item.value, item.count) for rank, item in enumerate(facet.values[: self.top], 1)]
        every = self.service.facet(SearchRequest(), "person").values
        return Audit(len(self.truth), top, self.splits(top, [(item.value, item.count) for item in every]))

    def verdict(self, rank: int, value: str, count: int) -> Verdict:
        verdict = Verdict(rank, value, count)
        articles = self.articles(value)
        verdict.agency = sum(1 for written in articles if written.kind)
        key = fold(value)
        if key in self.people:
            verdict.person = self.people[key]
            verdict.written = self.written[key]
            verdict.naming = sum(1 for written in articles if key in map(fold, written.people))
        else:
            verdict.why = self.why(value, articles)
        return verdict

    def why(self, value: str, articles: list[Written]) -> str:
        """What a value that is no person's full name is: first by the pages it is counted on, then by all."""
        if any(token.strip(".") in TABLE_WORDS for token in words(value)) or "<" in value or ">" in value:
            return "an earnings table's label or a ticker"
        everywhere = list(self.truth.values())
        return what(value, articles) or what(value, everywhere, names=False) or "not a person the pages name"

    def splits(self, top: list[Verdict], every: list[tuple[str, int]]) -> dict[str, list[tuple[str, int]]]:
        """Persons of the top values who have another value too, with every value that stands for them."""
        persons = {verdict.person for verdict in top if verdict.right}
        for verdict in top:
            if not verdict.right:
                persons |= {
                    name
                    for page in self.articles(verdict.value)
                    for name in page.people
                    if within(verdict.value, name) or within(name, verdict.value)
                }
        found = {}
        for person in sorted(persons):
            standing = [(value, count) for value, count in every if self.stands_for(value, person)]
            if len(standing) > 1:
                found[person] = standing
        return found

    def stands_for(self, value: str, person: str) -> bool:
        """Whether a value is the person's name, or part of it (or it with other words) on a page naming them."""
        if fold(value) == fold(person):
            return True
        if not (within(value, person) or within(person, value)):
            return False
        return any(fold(person) in map(fold, page.people) for page in self.articles(value))


def what(value: str, pages: list[Written], names: bool = True) -> str:
    """What the pages make of a value: a firm or institution, a place, part of a name, a headline's words."""
    firm = next((name for page in pages for name in page.organisations if within(value, name)), None)
    if firm:
        return f"a firm or institution ({firm})" if fold(firm) != fold(value) else "a firm or institution"
    if any(fold(name) == fold(value) for page in pages for name in page.places):
        return "a place"
    if not names:
        return ""
    bearers = sorted({name for page in pages for name in page.people if within(value, name)})
    if bearers:
        listed = ", ".join(bearers[:3]) + ("..." if len(bearers) > 3 else "")
        if all(fold(value) == fold(surname(name)) for name in bearers):
            return f"a surname alone ({listed})"
        if all(fold(value) == fold(name.split()[0]) for name in bearers):
            return f"a first name alone ({listed})"
        return f"part of a name ({listed})"
    inside = sorted({name for page in pages for name in page.people if within(name, value)})
    if inside:
        return f"a name with other words ({inside[0]})"
    if any(within(value, page.headline) for page in pages if page.headline):
        return "a headline fragment"
    return ""


def table(audit: Audit) -> str:
    """The audit as Markdown: the top values, then the split persons, then the verdict."""
    lines = [
        "| # | People value | articles | right? | what it is |",
        "|---|---|---|---|---|",
    ]
    for verdict in audit.top:
        if verdict.right:
            note = f"a person; the pages name them in {verdict.written}"
            if verdict.naming < verdict.count:
                note += f"; {verdict.count - verdict.naming} of its articles do not name them"
        else:
            note = verdict.why + (f"; agency copy: {verdict.agency} of its {verdict.count}" if verdict.agency else "")
        lines.append(
            f"| {verdict.rank} | {verdict.value} | {verdict.count} | {'yes' if verdict.right else '**no**'} | {note} |"
        )
    lines.append("")
    if audit.splits:
        lines.append("Persons split into more than one value:")
        lines += [
            f"- {person}: " + ", ".join(f'"{value}" ({count})' for value, count in values)
            for person, values in audit.splits.items()
        ]
    else:
        lines.append("No person split into more than one value.")
    right = sum(verdict.right for verdict in audit.top)
    lines += [
        "",
        f"{audit.pages:,} pages: {right} of the top {len(audit.top)} People values are people "
        f"({len(audit.wrong)} not); persons split: {len(audit.splits)}. "
        f"Target {'met' if audit.met else 'missed'}.",
    ]
    return "\n".join(lines)


def audit_pages(pages: Path, truth: dict[str, Written], work: Path, workers: int, top: int = TOP) -> Audit:
    build(pages, work / "index", workers)
    return Auditor(work / "index", truth, top).run()


def audit_generated(n: int, seed: int, work: Path, workers: int, top: int = TOP, wire: float = WIRE_SHARE) -> Audit:
    truth = generate(work / "pages", n, seed, wire)
    return audit_pages(work / "pages", truth, work, workers, top)


def commit() -> str:
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip() or "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="realistic pages to generate (default 2,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--wire", type=float, default=WIRE_SHARE, help=f"share of agency copy (default {WIRE_SHARE}; 1: all of it)"
    )
    parser.add_argument("--pages", type=Path, help="audit this folder of pages instead, with its truth.json")
    parser.add_argument("--truth", type=Path, help="the truth file of --pages (default PAGES/truth.json)")
    parser.add_argument("--top", type=int, default=TOP)
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that read pages, as `searchapp rebuild` (default one per core; 0: in process)",
    )
    parser.add_argument("--work", type=Path, help="keep the pages and the index here (default: a temporary folder)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="people-audit-"))
    started = time.perf_counter()
    try:
        if args.pages:
            audit = audit_pages(
                args.pages, read_truth(args.truth or args.pages / "truth.json"), work, args.workers, args.top
            )
            subject = str(args.pages)
        else:
            audit = audit_generated(args.n, args.seed, work, args.workers, args.top, args.wire)
            subject = f"{args.n:,} realistic pages of seed {args.seed}, {args.wire:.0%} agency copy"
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"People facet audit: {subject}; commit {commit()}; Whoosh; {args.workers} workers; "
        f"{time.perf_counter() - started:.0f} s\n"
    )
    print(table(audit))
    if args.check and not audit.met:
        sys.exit(1)


if __name__ == "__main__":
    main()
