"""The People facet of wire-style pages (earnings tables, Title-Case and capitals headlines,
tickers, firms, towns): every value a person, one value per person across the archive as indexed
("Reagan" alone in one article is Ronald Reagan, whom another names in full)."""
from pathlib import Path

import pytest

from searchapp.ingest.stages import load_article
from searchapp.models import SearchRequest
from searchapp.rebuild.run import index_articles
from searchapp.service import SearchService

WIRE = Path(__file__).resolve().parent.parent / "fixtures" / "wire"
PEOPLE = {"Walter Brisbee": 1, "Ronald Reagan": 2, "Lloyd Bentsen": 1, "Clayton Yeutter": 1, "Alan Woods": 1,
          "Howard Baker": 1, "Donald Regan": 1, "Subroto": 1, "Hafez al-Assad": 1}


@pytest.fixture(scope="module")
def articles():
    return [load_article(path) for path in sorted(WIRE.glob("*.html"))]


@pytest.fixture(scope="module")
def service(articles, tmp_path_factory) -> SearchService:
    folder = tmp_path_factory.mktemp("wire-index")
    index_articles(articles, folder)
    return SearchService(folder)


def test_the_loader_reads_people_and_places_of_wire_pages(articles):
    found = {name for article in articles for name in article.people}
    assert found == set(PEOPLE) | {"Reagan"}  # one article names him by his surname alone
    assert {"Khan Sheikhoun"} <= {place for article in articles for place in article.places}


def test_the_people_of_the_indexed_wire_archive_are_people_one_value_each(service):
    people = service.facet(SearchRequest(), "person")
    assert {v.value: v.count for v in people.values} == PEOPLE
    reagan = service.search(SearchRequest(filters=(("person", "Reagan"),)))
    assert sorted(h.people for h in reagan.hits) == [("Reagan", "Lloyd Bentsen"),
                                                     ("Ronald Reagan", "Clayton Yeutter", "Alan Woods")]
    assert reagan.request.filters == (("person", "Ronald Reagan"),)
