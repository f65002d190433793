"""Shared fixtures: one index built from tests/fixtures/pages, the app, its client and CLI runner."""
from __future__ import annotations

from pathlib import Path

import pytest

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.web import create_app

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SHARED_SEED = SHARED / "seeds" / "000_2af608655d3e3a80.txt"


@pytest.fixture(autouse=True)
def embedded_by_default(monkeypatch):
    """Tests use the embedded index unless they ask for a cluster, whatever the shell has set."""
    monkeypatch.delenv("SEARCHAPP_BACKEND", raising=False)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """An index of the fixture pages, built once for the whole run."""
    directory = tmp_path_factory.mktemp("index")
    rebuild_index(RebuildOptions([PAGES], directory))
    return directory


@pytest.fixture(scope="session")
def report(tmp_path_factory):
    """The rebuild report for the fixture pages."""
    return rebuild_index(RebuildOptions([PAGES], tmp_path_factory.mktemp("report-index")))


@pytest.fixture
def app(index_dir):
    return create_app({"TESTING": True, "INDEX_DIR": index_dir})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def shared_seed() -> Path:
    """The real saved page in ../shared; tests that need it skip when it is absent."""
    if not SHARED_SEED.exists():
        pytest.skip("../shared/seeds is not available")
    return SHARED_SEED


def write_dump(folder: Path, name: str, title: str, paragraphs: list[str], site: str = "Test Wire") -> Path:
    """Write a text dump in the seed's format."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Quantcast {site} - {title}\n\n{title}\n\n" + "\n\n".join(paragraphs) + "\n")
    return path


def story(*sentences: str) -> list[str]:
    """Paragraphs long enough to count as an article."""
    return [f"{s} Officials said the talks would continue next week in the capital, where ministers "
            "are expected to meet again before the end of the month." for s in sentences]


@pytest.fixture(scope="session")
def big_index(tmp_path_factory) -> Path:
    """An index of 25 dated dumps about one subject, for paging and sorting."""
    pages = tmp_path_factory.mktemp("big-pages")
    crops = ["wheat", "barley", "maize", "rye", "oats", "rice", "beans", "lentils", "grapes", "olives",
             "apples", "pears", "plums", "cherries", "potatoes", "carrots", "onions", "cabbage", "tomatoes",
             "peppers", "melons", "figs", "dates", "almonds", "walnuts"]
    towns = ["Arles", "Brno", "Cork", "Delft", "Elche", "Faro", "Ghent", "Hull", "Izmir", "Jena", "Kiel",
             "Lille", "Metz", "Nice", "Oulu", "Pisa", "Reus", "Sion", "Turku", "Ulm", "Vigo", "Wels", "York",
             "Zadar", "Aosta"]
    for n, (crop, town) in enumerate(zip(crops, towns, strict=True)):
        write_dump(pages, f"2018-10-{n + 1:02d}-harvest-{n}.txt", f"Harvest report: {crop} in {town}",
                   [f"Farmers near {town} brought in the {crop} harvest this week, {n + 3} days later than "
                    f"last year, after a wet spring and a dry {['June', 'July', 'August'][n % 3]}.",
                    f"Buyers at the {town} market paid {n + 10} percent more for {crop} than a month ago, "
                    f"and cooperatives said stocks of {crops[(n + 1) % 25]} were also running low.",
                    f"Officials in {town} expect the {crop} harvest to finish by the {n + 1}th, weather allowing."])
    directory = tmp_path_factory.mktemp("big-index")
    rebuild_index(RebuildOptions([pages], directory))
    return directory


SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory) -> Path:
    """An index of the sample archive in seeds/, built once."""
    directory = tmp_path_factory.mktemp("seeds-index")
    rebuild_index(RebuildOptions([SEEDS], directory))
    return directory


@pytest.fixture
def seeds_client(seeds_index):
    return create_app({"TESTING": True, "INDEX_DIR": seeds_index}).test_client()
