"""A tantivy build of the sample archive, written and switched to by hand (the rebuild's own
switch is tested with every engine in tests/contract); skipped when tantivy is not installed."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("tantivy")

from searchapp.backends.folders import CURRENT, VERSION
from searchapp.backends.tantivy.engine import TantivyEngine
from searchapp.ingest.pipeline import read_articles
from searchapp.models import RebuildReport
from searchapp.search.schema import SCHEMA_VERSION

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def write_build(index_dir: Path, name: str, articles, previous: Path | None = None, deleted=()) -> Path:
    """Write a build with the engine's writer and serve it."""
    build = index_dir / name
    build.mkdir(parents=True)
    writer = TantivyEngine(index_dir).writer(build, previous, (1, 1))
    for article_id in deleted:
        writer.delete(article_id)
    for article in articles:
        writer.add(article)
    writer.finish()
    (build / VERSION).write_text(SCHEMA_VERSION)
    link = index_dir / f".{CURRENT}-new"
    link.unlink(missing_ok=True)
    os.symlink(build.name, link)
    os.replace(link, index_dir / CURRENT)
    return build


@pytest.fixture(scope="session")
def articles():
    return list(read_articles([SEEDS], RebuildReport()))


@pytest.fixture(scope="session")
def engine(articles, tmp_path_factory) -> TantivyEngine:
    index_dir = tmp_path_factory.mktemp("tantivy")
    write_build(index_dir, "build-1", articles)
    return TantivyEngine(index_dir)
