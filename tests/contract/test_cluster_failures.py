"""A node of the cluster killed with SIGKILL: searches still answer completely from the mirrors,
and writes are refused with a clear error rather than lost, then work once the node is back."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from searchapp.backends.sphinxql.cluster import pid_of, start_node
from searchapp.errors import BackendUnavailable
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import story, write_dump
from tests.served import wait_until

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
QUERIES = ("", "idlib ceasefire", "putin", '"idlib ceasefire"', "brexit OR flood")
KILL_SECONDS = 30


@pytest.fixture
def built(cluster, tmp_path) -> Path:
    rebuild_index(RebuildOptions([SEEDS], tmp_path / "index", backend=cluster.url))
    return tmp_path / "index"


def answers(service: SearchService) -> list:
    """What searches show, to compare before and after a failure."""
    seen = []
    for q in QUERIES:
        page = service.search(SearchRequest(q=q, per_page=50))
        seen.append((q, page.total, sorted(h.id for h in page.hits),
                     [(f.name, [(v.value, v.count) for v in f.values]) for f in page.facets]))
    return seen


def kill(cluster, position: int) -> None:
    """SIGKILL a node's searchd and wait, with a deadline, until it has stopped running."""
    data = cluster.folder / f"node{position}"
    pid = pid_of(data)
    assert pid is not None, f"node {position} was not running before the test killed it"
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: not running(pid), KILL_SECONDS,
               f"searchd of node {position} (pid {pid}) still runs after SIGKILL")
    # A killed searchd leaves its pid file, and a dead daemon not yet reaped still answers
    # kill(pid, 0): with the file gone, start_node cannot take the dead node for a running one.
    (data / "searchd.pid").unlink(missing_ok=True)


def running(pid: int) -> bool:
    """Running, neither gone nor a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("position", [0, 1, 2])
def test_searches_answer_completely_with_any_node_dead(cluster, built, position):
    service = SearchService(built, backend=cluster.url)
    before = answers(service)
    kill(cluster, position)
    try:
        assert answers(service) == before  # connections open to the dead node fail over
        assert answers(SearchService(built, backend=cluster.url)) == before
        article = before[1][2][0]
        assert service.article(article).article.id == article
    finally:
        start_node(cluster.folder, position)
    # The node came back with its copies (searchd replays its binary log): with its mirror
    # partner dead in turn, it alone answers for its shards.
    kill(cluster, (position + 1) % 3)
    try:
        assert answers(service) == before
    finally:
        start_node(cluster.folder, (position + 1) % 3)


def test_writes_are_refused_while_a_node_is_down_and_work_once_it_is_back(cluster, built, tmp_path):
    service = SearchService(built, backend=cluster.url)
    before, articles = answers(service), service.count()
    extra = tmp_path / "extra"
    write_dump(extra, "2019-05-01-new-harbour.txt", "Harbour reopens after dredging",
               story("The harbour reopened after months of dredging."))
    kill(cluster, 1)
    try:
        with pytest.raises(BackendUnavailable, match=r"not answering.*nothing was changed"):
            rebuild_index(RebuildOptions([SEEDS, extra], built, backend=cluster.url, incremental=True))
        with pytest.raises(BackendUnavailable, match="not answering"):
            rebuild_index(RebuildOptions([SEEDS, extra], tmp_path / "full", backend=cluster.url))
        assert answers(service) == before
    finally:
        start_node(cluster.folder, 1)
    report = rebuild_index(RebuildOptions([SEEDS, extra], built, backend=cluster.url, incremental=True))
    assert report.updated == 1
    assert service.search(SearchRequest(q="harbour dredging")).total == 1
    assert service.count() == articles + 1


def test_a_node_dying_during_a_rebuild_keeps_the_previous_index_serving(cluster, built, tmp_path):
    service = SearchService(built, backend=cluster.url)
    before = answers(service)
    killed = []

    def die_midway(report):
        if report.seen == 20 and not killed:
            kill(cluster, 2)
            killed.append(2)

    try:
        with pytest.raises(BackendUnavailable, match=r"rebuild stopped.*previous index"):
            rebuild_index(RebuildOptions([SEEDS], tmp_path / "again", backend=cluster.url, on_page=die_midway))
        assert answers(service) == before
    finally:
        start_node(cluster.folder, 2)
    rebuild_index(RebuildOptions([SEEDS], tmp_path / "again", backend=cluster.url))
    assert answers(service) == before
