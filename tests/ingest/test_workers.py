"""Pages are read in worker processes: a page past its time or memory limit, or one that kills
its worker, is reported and skipped; the other pages are indexed and the previous index serves
until the new one is done. Each outcome is forced by a stage that provably blocks, kills its
process or asks for memory, so none depends on how fast the machine is."""
import os
import signal
import threading

import pytest

from searchapp.ingest.stages import STAGES
from searchapp.ingest.workers import DIED, Workers
from searchapp.models import SearchRequest, Skipped
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import story, write_dump

HOSTILE = "2018-10-09-hostile.txt"


def square_or_die(n: int) -> int:
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer or a crashing parser would
    return n * n


def square_or_hang(n: int) -> int:
    if n == 13:
        threading.Event().wait()  # never set: only the deadline ends this item
    return n * n


@pytest.mark.parametrize("task", [square_or_die, square_or_hang])
def test_an_item_that_kills_its_worker_or_never_ends_costs_only_that_item(task):
    workers = Workers(2, task, died=lambda n: "died", too_slow=lambda n: "too slow", seconds=1)
    lost = "died" if task is square_or_die else "too slow"
    try:
        first, second = list(range(10, 20)), list(range(20, 25))
        pending = [workers.submit(first), workers.submit(second)]  # the second is in flight when 13 fails
        assert workers.collect(pending[0]) == [lost if n == 13 else n * n for n in first]
        assert workers.collect(pending[1]) == [n * n for n in second]
        assert workers.collect(workers.submit(list(range(5)))) == [0, 1, 4, 9, 16]  # the pool works on
    finally:
        workers.close()


def never_ends(draft):
    if draft.page.path.name == HOSTILE:
        threading.Event().wait()  # never set
    return draft


def kills_its_process(draft):
    if draft.page.path.name == HOSTILE:
        os.kill(os.getpid(), signal.SIGKILL)
    return draft


def needs_a_gigabyte(draft):
    if draft.page.path.name == HOSTILE:
        bytearray(1024 ** 3)
    return draft


def served(index) -> int:
    return SearchService(index).search(SearchRequest(per_page=100)).total


@pytest.mark.parametrize("stage, seconds, reason", [
    (never_ends, 1, "took longer than 1 s to read"),
    (kills_its_process, 3600, DIED),
    (needs_a_gigabyte, 3600, "needed more than the 80 MB of memory a page may use"),
])
def test_a_page_past_a_limit_is_reported_the_rest_indexed_and_the_previous_index_serves(
        tmp_path, monkeypatch, stage, seconds, reason):
    pages, index = tmp_path / "pages", tmp_path / "index"
    for n in range(3):
        write_dump(pages, f"2018-10-0{n + 1}-ok-{n}.txt", f"Ordinary story {n}",
                   story(f"Ordinary story number {n} about the harbour and its {n + 2} cranes."))
    rebuild_index(RebuildOptions([pages], index))  # the ordinary pages are cached: only the hostile one is read
    hostile = write_dump(pages, HOSTILE, "Hostile story", story("A story that no worker can finish."))
    monkeypatch.setenv("SEARCHAPP_PAGE_MEMORY_MB", "80")
    during = []
    report = rebuild_index(RebuildOptions([pages], index, workers=1, stages=(stage, *STAGES), page_seconds=seconds,
                                          on_page=lambda report: during.append(served(index))))
    assert (report.seen, report.indexed, report.skipped) == (4, 3, [Skipped(str(hostile), reason)])
    assert during == [3, 3, 3, 3] and served(index) == 3


def test_a_real_page_needing_too_much_memory_is_skipped_and_the_rest_indexed(tmp_path, monkeypatch):
    pages = tmp_path / "pages"
    for n in range(3):
        write_dump(pages, f"2018-10-0{n + 1}-ok-{n}.txt", f"Ordinary story {n}",
                   story(f"Ordinary story number {n} about the harbour and its {n + 2} cranes."))
    # 19 MB in 11,000 paragraphs: under the size and tag limits, far over the memory a page may use.
    paragraph = "<p>" + "Many words in a paragraph that go on and on for a while. " * 30 + "</p>"
    (pages / "huge.html").write_text("<html><body><article>" + paragraph * 11_000 + "</article></body></html>")
    monkeypatch.setenv("SEARCHAPP_PAGE_MEMORY_MB", "80")
    # An hour per page: only memory can stop this page, however busy the machine.
    report = rebuild_index(RebuildOptions([pages], tmp_path / "index", workers=1, page_seconds=3600))
    assert report.indexed == 3
    (skipped,) = report.skipped
    assert skipped.path.endswith("huge.html")
    assert skipped.reason in ("needed more than the 80 MB of memory a page may use", DIED)
