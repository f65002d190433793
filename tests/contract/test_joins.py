"""A surname alone joins the one full name the archive knows for it, on every engine: "Reagan" and
"Ronald Reagan" are one People value, counted exactly (an article or a story naming both counts
once), and every way of choosing either finds the articles of both. An ambiguous surname
("Baker": Howard and James) and a one-word name that is nobody's surname ("Subroto") stay alone."""
from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from searchapp.models import Article, SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import index_articles, rebuild_index
from searchapp.search import query as q
from searchapp.service import SearchService
from searchapp.text import fold
from tests.conftest import FIXTURES
from tests.contract.conftest import BACKENDS, address_of, shared

TRADE = "The trade bill went back to the Senate floor on Tuesday after a week of talks."
BUDGET = "The budget talks resumed in Washington with the deficit still the sticking point."
# id, people, body, cluster ("" for a story of its own)
ARCHIVE = (
    ("a01", ("Ronald Reagan", "Clayton Yeutter"), TRADE, ""),
    ("a02", ("Reagan",), TRADE, ""),
    ("a03", ("Reagan", "Lloyd Bentsen"), BUDGET, ""),
    ("a04", ("Ronald Reagan", "Reagan"), BUDGET, ""),  # both, as a story's copies may: counted once
    ("a05", ("Ronald Reagan",), TRADE, ""),
    ("a06", ("Reagan",), TRADE, "a05"),  # another copy of a05's story, naming him by his surname
    ("a07", ("Ronald Reagan",), BUDGET, ""),
    ("a08", ("reagan",), BUDGET, ""),  # a spelling that differs only in case is the same value
    ("a09", ("Howard Baker",), TRADE, ""),
    ("a10", ("James Baker",), BUDGET, ""),
    ("a11", ("Baker",), TRADE, ""),
    ("a12", ("Subroto",), BUDGET, ""),
    ("a13", (), TRADE, ""),
)
REAGAN_STORIES = 7  # a01, a02, a03, a04, the story of a05 and a06, a07, a08
PEOPLE = {"Ronald Reagan": REAGAN_STORIES, "Clayton Yeutter": 1, "Lloyd Bentsen": 1, "Howard Baker": 1,
          "James Baker": 1, "Baker": 1, "Subroto": 1}
STORIES = 12


def article(number: int, article_id: str, people: tuple[str, ...], body: str, cluster: str) -> Article:
    return Article(id=article_id, path=f"/{article_id}.html", title=f"Capitol report {number}", body=body,
                   source="Wire", url=f"https://wire.example/{article_id}", date=datetime(1987, 3, 1 + number),
                   people=people, cluster=cluster)


@pytest.fixture(scope="module", params=BACKENDS)
def service(request, tmp_path_factory) -> SearchService:
    url = address_of(request, request.param)
    folder = tmp_path_factory.mktemp(f"joins-{request.param}")
    index_articles([article(n, *row) for n, row in enumerate(ARCHIVE)], folder, backend=url)
    return SearchService(folder, backend=url)


def people(facet) -> dict[str, int]:
    return {v.value: v.count for v in facet.values if v.count}


def test_one_value_per_person_with_exact_counts(service):
    page = service.search(SearchRequest())
    assert page.total == STORIES
    assert people(next(f for f in page.facets if f.name == "person")) == PEOPLE
    assert people(service.facet(SearchRequest(), "person")) == PEOPLE
    trade = service.search(SearchRequest(q="trade"))
    assert people(next(f for f in trade.facets if f.name == "person")) == {
        "Ronald Reagan": 3, "Clayton Yeutter": 1, "Howard Baker": 1, "Baker": 1}  # a01, a02, the story of a05


@pytest.mark.parametrize("name", ["Ronald Reagan", "Reagan", "REAGAN", "ronald reagan"])
def test_any_name_of_the_person_selects_all_of_his_articles(service, name):
    page = service.search(SearchRequest(filters=(("person", name),)))
    assert page.total == REAGAN_STORIES
    assert page.request.filters == (("person", "Ronald Reagan"),)  # an old link reads as the value shown
    shown = next(f for f in page.facets if f.name == "person")
    assert [(v.value, v.count) for v in shown.values if v.selected] == [("Ronald Reagan", REAGAN_STORIES)]
    assert people(shown) == PEOPLE  # a facet's counts ignore its own selection
    total, hits = service.listing(SearchRequest(filters=(("person", name),)))  # feeds and exports
    assert total == REAGAN_STORIES and {h.id for h in hits} < {f"a0{n}" for n in range(1, 9)}


def test_excluding_either_name_leaves_out_both(service):
    for name in ("Reagan", "Ronald Reagan"):
        page = service.search(SearchRequest(exclude=(("person", name),)))
        assert page.total == STORIES - REAGAN_STORIES
        shown = next(f for f in page.facets if f.name == "person")
        assert [(v.value, v.count, v.excluded) for v in shown.values if v.excluded] == [("Ronald Reagan", 0, True)]
        assert "Reagan" not in people(shown)


def test_several_people_are_ored_and_the_group_is_counted_once(service):
    both = service.search(SearchRequest(filters=(("person", "Reagan"), ("person", "Ronald Reagan"))))
    assert both.total == REAGAN_STORIES and both.request.filters == (("person", "Ronald Reagan"),)
    more = service.search(SearchRequest(filters=(("person", "Reagan"), ("person", "Subroto"))))
    assert more.total == REAGAN_STORIES + 1
    words = service.search(SearchRequest(q="budget", filters=(("person", "Reagan"),)))
    assert words.total == 4  # a03, a04, a07, a08


def test_ambiguous_and_lone_names_stay_as_they_are(service):
    assert service.search(SearchRequest(filters=(("person", "Baker"),))).total == 1
    assert service.search(SearchRequest(filters=(("person", "Howard Baker"),))).total == 1
    assert service.search(SearchRequest(filters=(("person", "Subroto"),))).total == 1


def test_the_engine_names_the_joined_group_and_counts_it_when_asked(service):
    joined = service.engine.joined("person")
    assert list(joined) == ["Ronald Reagan"]
    assert {fold(s) for s in joined["Ronald Reagan"]} == {"ronald reagan", "reagan"}
    assert service.engine.joined("place") == {}
    counted = service.engine.count_values(SearchRequest(), q.Every(), "person", ["Ronald Reagan", "Subroto"])
    assert counted == {"Ronald Reagan": REAGAN_STORIES, "Subroto": 1}


@pytest.mark.parametrize("typed, total", [
    ('person:"Ronald Reagan"', REAGAN_STORIES),
    ('person:"ronald reagan" budget', 4),
    ('budget -person:"Ronald Reagan"', 2),  # a10 and a12
    ("person:Reagan", REAGAN_STORIES),  # word by word, as always: every name with the word
    ('person:"Howard Baker"', 1),
])
def test_the_person_field_finds_the_whole_group(service, typed, total):
    assert service.search(SearchRequest(q=typed)).total == total


def test_suggestions_offer_the_full_name(service):
    offered = [(s.text, s.kind) for s in service.suggestions("reag")]
    assert ("Ronald Reagan", "person") in offered and ("Reagan", "person") not in offered
    assert "Ronald Reagan" in service.suggest("Reag") and "Reagan" not in service.suggest("Reag")


def test_joins_follow_incremental_rebuilds(backend, tmp_path):
    """Two articles about Nancy Reagan make "Reagan" alone ambiguous (Ronald holds one of the three
    articles naming a Reagan in full): it is a value of its own until they are removed again. The
    embedded engines see it with the build they switch to; the cluster, whose incremental rebuilds
    change the served generation in place, works its joins out again a minute later at most, so a
    new service reads it here at once."""
    pages, index = tmp_path / "pages", tmp_path / "index"
    shutil.copytree(FIXTURES / "surnames", pages)
    rebuild_index(RebuildOptions([pages], index, backend=backend))
    service = SearchService(index, backend=backend)

    def after_rebuild() -> tuple[dict[str, int], int]:
        rebuild_index(RebuildOptions([pages], index, backend=backend, incremental=True))
        fresh = SearchService(index, backend=backend) if shared(backend) else service
        found = fresh.search(SearchRequest(filters=(("person", "Reagan"),)))
        return people(fresh.facet(SearchRequest(), "person")), found.total

    assert people(service.facet(SearchRequest(), "person"))["Ronald Reagan"] == 3
    for page in (FIXTURES / "surnames-more").iterdir():
        shutil.copy(page, pages / page.name)
    counts, total = after_rebuild()
    assert {name: counts.get(name) for name in ("Ronald Reagan", "Reagan", "Nancy Reagan")} == \
        {"Ronald Reagan": 1, "Reagan": 2, "Nancy Reagan": 2}
    assert total == 2
    for page in (FIXTURES / "surnames-more").iterdir():
        (pages / page.name).unlink()
    counts, total = after_rebuild()
    assert (counts.get("Ronald Reagan"), counts.get("Reagan"), counts.get("Nancy Reagan"), total) == (3, None, None, 3)
