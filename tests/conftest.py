"""Shared fixtures: one index built from tests/fixtures/pages, the app, its client and CLI runner."""
from __future__ import annotations

from pathlib import Path

import pytest

from searchapp import create_app
from searchapp.search.indexer import rebuild_index

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SHARED_SEED = SHARED / "seeds" / "000_2af608655d3e3a80.txt"


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    """An index of the fixture pages, built once for the whole run."""
    directory = tmp_path_factory.mktemp("index")
    rebuild_index([PAGES], directory)
    return directory


@pytest.fixture(scope="session")
def report(tmp_path_factory):
    """The rebuild report for the fixture pages."""
    return rebuild_index([PAGES], tmp_path_factory.mktemp("report-index"))


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
