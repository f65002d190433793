"""The People facet of wire-style pages (earnings tables, Title-Case and capitals headlines,
tickers, firms, towns): every value a person, one value per person."""
from collections import Counter
from pathlib import Path

from searchapp.ingest.entities import join_surnames
from searchapp.ingest.stages import load_article

WIRE = Path(__file__).resolve().parent.parent / "fixtures" / "wire"
PEOPLE = {"Walter Brisbee": 1, "Ronald Reagan": 2, "Lloyd Bentsen": 1, "Clayton Yeutter": 1, "Alan Woods": 1,
          "Howard Baker": 1, "Donald Regan": 1, "Subroto": 1, "Hafez al-Assad": 1}


def test_the_people_of_wire_pages_are_people_one_value_each():
    articles = [load_article(path) for path in sorted(WIRE.glob("*.html"))]
    counts = Counter(name for article in articles for name in article.people)
    joined = join_surnames(counts)
    facet = Counter()
    for name, count in counts.items():
        facet[joined.get(name, name)] += count
    assert dict(facet) == PEOPLE
    assert {"Khan Sheikhoun"} <= {place for article in articles for place in article.places}


def test_a_surname_joins_the_full_name_the_archive_mostly_uses():
    counts = Counter({"Reagan": 92, "Ronald Reagan": 9, "Nancy Reagan": 1, "Baker": 5, "Howard Baker": 3,
                      "James Baker": 3, "Subroto": 4})
    assert join_surnames(counts) == {"Reagan": "Ronald Reagan"}
