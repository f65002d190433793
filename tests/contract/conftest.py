"""A local 3-node SphinxQL cluster for the run (the same script as `make cluster`), on free ports
in a temporary folder; the SphinxQL half of these tests is skipped when searchd is missing."""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from searchapp.backends.sphinxql.cluster import port_free, searchd_path, start, stop
from searchapp.backends.sphinxql.layout import API_OFFSET

BACKENDS = ("whoosh", "sphinxql")


@dataclass
class Running:
    folder: Path
    url: str


def free_base(nodes: int = 3) -> int:
    for _ in range(100):
        base = random.randrange(20000, 40000)
        if all(port_free("127.0.0.1", base + i) and port_free("127.0.0.1", base + API_OFFSET + i)
               for i in range(nodes)):
            return base
    raise RuntimeError("no free ports for a test cluster")


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    if not searchd_path():
        pytest.skip("searchd is not installed, so the SphinxQL backend is not tested: `make test` installs "
                    "Debian's sphinxsearch when run as root, or run 'sudo apt-get install sphinxsearch'")
    folder = tmp_path_factory.mktemp("cluster")
    url = start(folder, free_base())
    yield Running(folder, url)
    stop(folder)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """The SEARCHAPP_BACKEND of each backend: "" for the embedded index, the test cluster's address."""
    return request.getfixturevalue("cluster").url if request.param == "sphinxql" else ""
