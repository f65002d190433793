"""The sample archive in seeds/ as users first see it: `make run` indexes exactly this."""
from pathlib import Path

import pytest

from searchapp.errors import PageError
from searchapp.ingest.load import find_pages, load_pages
from searchapp.ingest.stages import build_article
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BOILERPLATE = ["Quantcast", "quantserve", "Sign up", "Previous article", "Next article", "Share on", "cookies",
               "Related articles", "Most read", "Advertisement", "Next story", "Photo via"]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    index = tmp_path_factory.mktemp("seeds-index")
    return rebuild_index(RebuildOptions([SEEDS], index)), SearchService(index)


def test_rebuild_reports_the_duplicate_and_the_bad_pages(seeded):
    report, _ = seeded
    assert (report.seen, report.indexed) == (59, 56)
    assert [Path(d.path).name for d in report.duplicates] == [
        "2018-10-08-rebels-pull-heavy-weapons-idlib-buffer-zone.html"]
    assert sorted((Path(s.path).name, s.reason) for s in report.skipped) == [
        ("2018-10-05-page-moved.html", "no article text"), ("broken-download.html", "binary data, not a saved page")]


def test_idlib_ceasefire_puts_the_ceasefire_story_first(seeded):
    _, service = seeded
    page = service.search(SearchRequest(q="Idlib ceasefire"))
    assert page.hits[0].title == "Russia and Turkey agree Idlib ceasefire zone at Sochi talks"
    assert [source for _, source in page.hits[0].also] == ["Gulf Wire"]  # republished: one result


def test_the_crawl_archive_is_read(seeded):
    _, service = seeded
    hit = service.search(SearchRequest(q="Wilmington port full capacity")).hits[0]
    assert hit.title == "Wilmington port back to full capacity two months after Florence"
    assert hit.url == "https://harbourtimes.example/business/2018/11/20/wilmington-port-reopens"


def test_facets_mean_something(seeded):
    _, service = seeded
    facets = {f.name: {v.value: v.count for v in f.values} for f in service.search(SearchRequest()).facets}
    assert set(facets["source"]) == {"The Levant Ledger", "Harbour Times", "Gulf Wire", "Meridian Post",
                                     "L'Écho de l'Oronte", "الرائد"}
    assert facets["person"]["Vladimir Putin"] >= 8 and facets["person"]["Recep Tayyip Erdogan"] >= 8
    assert facets["place"]["Idlib"] >= 15
    assert facets["year"] == {"2018": 55}
    narrowed = service.search(SearchRequest(q="Idlib", filters=(("person", "Vladimir Putin"), ("place", "Sochi"))))
    assert 0 < narrowed.total < service.search(SearchRequest(q="Idlib")).total


def test_accented_spellings_are_one_facet_value(seeded):
    _, service = seeded
    people = {v.value for f in service.search(SearchRequest(q="Cavusoglu")).facets if f.name == "person"
              for v in f.values}
    assert len([p for p in people if "avu" in p]) == 1
    assert service.search(SearchRequest(filters=(("person", "Mevlut Cavusoglu"),))).total == \
        service.search(SearchRequest(filters=(("person", "Mevlüt Çavuşoğlu"),))).total


@pytest.mark.parametrize("page", [page for path in find_pages([SEEDS]) for page in load_pages(path)
                                  if not isinstance(page, PageError) and "moved" not in page.where],
                         ids=lambda page: Path(page.where).name)
def test_every_seed_page_comes_out_clean(page):
    article = build_article(page)
    assert article.title and article.source and article.date
    for text in BOILERPLATE:
        assert text not in article.body
    assert not [p for p in article.paragraphs if p.startswith("By ") and len(p.split()) < 6]  # bylines
    assert len(article.paragraphs) >= 4
    assert article.captions


def test_idlib_ceasefire_lists_the_groups_and_bodies_as_organisations(seeded):
    _, service = seeded
    page = service.search(SearchRequest(q="Idlib ceasefire"))
    organisations = {v.value: v.count for f in page.facets if f.name == "organisation" for v in f.values}
    assert {"Hayat Tahrir al-Sham", "Nusra Front"} <= set(organisations)
    assert not {"Syrian", "Russian", "Turkish", "Idlib", "Sochi", "Defence", "Sergei Shoigu"} & set(organisations)
