"""The contract suite runs on every engine in the registry (searchapp.backends.ENGINES): an
engine registered there is tested here with no change to these tests. Server engines get a
server for the run (SphinxQL: a local 3-node cluster on free ports, the same script as `make
cluster`); an engine whose package or server is not installed is skipped with the reason."""
from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import pytest

from searchapp.backends import ENGINES
from searchapp.backends.sphinxql.cluster import port_free, searchd_path, start, stop
from searchapp.backends.sphinxql.layout import API_OFFSET

BACKENDS = tuple(ENGINES)
SERVERS = {"sphinxql"}  # engines whose archive lives on a server, shared by every index folder


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
    try:  # stop() also when start() fails halfway: no searchd outlives the run
        yield Running(folder, start(folder, free_base()))
    finally:
        stop(folder)


def address_of(request, name: str) -> str:
    """The SEARCHAPP_BACKEND of an engine for this run: "" for the default, a server's address."""
    if name == "sphinxql":
        return request.getfixturevalue("cluster").url
    try:
        import_module(ENGINES[name].partition(":")[0])
    except ImportError as error:
        pytest.skip(f"the {name} engine is not installed ({error}): pip install 'searchapp[{name}]'")
    return "" if name == "whoosh" else name


def shared(backend: str) -> bool:
    """Whether the engine keeps one archive whatever index folder a rebuild is given."""
    return backend.split(":", 1)[0] in SERVERS


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """The SEARCHAPP_BACKEND of each engine in turn."""
    return address_of(request, request.param)
