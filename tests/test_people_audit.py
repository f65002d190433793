"""bench/people_audit.py: the People facet's top values against what the pages name (issue 16 item 3).

The auditor is checked on an index whose facet values are chosen here; then the target itself is
asserted on a small realistic archive (with its agency copy) and on tests/fixtures/wire, each
rebuilt with the real loader and read through the search service."""

from pathlib import Path

from bench.people_audit import Auditor, Written, audit_generated, audit_pages, read_truth, table
from searchapp.models import Article
from searchapp.rebuild.run import index_articles

WIRE = Path(__file__).resolve().parent / "fixtures" / "wire"
ANNA = Written(("Anna Kessler",), ("R.T. Carrow and Co Inc",), ("Columbus",), "Kessler Urges Fulfillment Of Pact")
PAGES = {  # file: (what the page names, what the loader is pretended to have found)
    "a.html": (ANNA, ("Anna Kessler",)),
    "b.html": (ANNA, ("Anna Kessler", "Kessler")),
    "c.html": (ANNA, ("Anna Kessler", "Kessler", "Kessler Urges Fulfillment")),
    "d.html": (Written(("Tomasz Nowak",), ("R.T. Carrow and Co Inc",), ("Columbus",)), ("Tomasz Nowak", "R.T. Carrow")),
    "e.html": (Written((), ("Halvern Power Co",), ("Columbus",)), ("Avg", "Columbus")),
    "f.html": (Written((), ("Halvern Power Co",)), ("Avg",)),
}
# Another Kessler keeps "Kessler" apart: the service joins a surname alone only to the one full name
# that holds at least 80% of the archive's articles naming a full name with it (3 of 4 here).
BRUNO = {"g.html": (Written(("Bruno Kessler",)), ("Bruno Kessler",))}


def indexed(tmp_path: Path, pages: dict) -> Path:
    articles = [
        Article(id=name, path=f"/archive/{name}", title=f"Story {name}", body="Text.", people=found)
        for name, (_, found) in pages.items()
    ]
    index_articles(articles, tmp_path / "index")
    return tmp_path / "index"


def test_each_value_is_checked_against_what_the_pages_name(tmp_path):
    pages = PAGES | BRUNO
    audit = Auditor(indexed(tmp_path, pages), {name: written for name, (written, _) in pages.items()}).run()
    verdicts = {verdict.value: verdict for verdict in audit.top}
    assert verdicts["Anna Kessler"].person == "Anna Kessler" and verdicts["Anna Kessler"].count == 3
    assert verdicts["Anna Kessler"].written == 3 and verdicts["Anna Kessler"].naming == 3
    assert verdicts["Tomasz Nowak"].right and verdicts["Bruno Kessler"].right
    assert {value: verdict.why for value, verdict in verdicts.items() if not verdict.right} == {
        "Avg": "an earnings table's label or a ticker",
        "Kessler": "a surname alone (Anna Kessler)",
        "R.T. Carrow": "a firm or institution (R.T. Carrow and Co Inc)",
        "Columbus": "a place",
        "Kessler Urges Fulfillment": "a headline fragment",
    }
    assert audit.splits == {"Anna Kessler": [("Anna Kessler", 3), ("Kessler", 2)]}
    assert not audit.met
    text = table(audit)
    assert "| 1 | Anna Kessler | 3 | yes |" in text and "| **no** | a place |" in text
    assert '- Anna Kessler: "Anna Kessler" (3), "Kessler" (2)' in text and "Target missed." in text


def test_a_surname_alone_counts_as_the_one_full_name_it_joins(tmp_path):
    """Without another Kessler, the search service shows "Kessler" as part of "Anna Kessler"."""
    pages = {name: (written, found) for name, (written, found) in PAGES.items() if name != "c.html"}
    audit = Auditor(indexed(tmp_path, pages), {name: written for name, (written, _) in pages.items()}).run()
    verdicts = {verdict.value: verdict for verdict in audit.top}
    assert "Kessler" not in verdicts and verdicts["Anna Kessler"].count == 2
    assert audit.splits == {}


def test_an_archive_of_people_meets_the_target(tmp_path):
    pages = {name: (written, written.people) for name, (written, _) in PAGES.items()}
    audit = Auditor(indexed(tmp_path, pages), {name: written for name, (written, _) in pages.items()}).run()
    assert [verdict.value for verdict in audit.top] == ["Anna Kessler", "Tomasz Nowak"]
    assert audit.met and "Target met." in table(audit)


def test_the_wire_fixtures_have_a_truth_for_every_page():
    truth = read_truth(WIRE / "truth.json")
    assert set(truth) == {path.name for path in WIRE.glob("*.html")}
    assert truth["1987-03-07-reagan-names-envoy.html"].people == ("Ronald Reagan", "Clayton Yeutter", "Alan Woods")


def test_wire_fixtures_meet_the_target(tmp_path):
    audit = audit_pages(WIRE, read_truth(WIRE / "truth.json"), tmp_path, workers=0)
    assert audit.met, table(audit)


def test_a_small_realistic_archive_meets_the_target(tmp_path):
    audit = audit_generated(60, 7, tmp_path, workers=0)
    assert audit.met, table(audit)
