"""Pages are read in worker processes that a page can neither exhaust nor take the rebuild down with."""
import os
import signal

from searchapp.ingest.workers import Workers
from searchapp.search.indexer import rebuild_index
from tests.conftest import story, write_dump


def square_or_die(n: int) -> int:
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer or a crashing parser would
    return n * n


def test_a_worker_killed_by_one_item_costs_only_that_item():
    workers = Workers(2, square_or_die, died=lambda n: -1)
    try:
        first = list(range(10, 20))
        second = list(range(20, 25))
        pending = [workers.submit(first), workers.submit(second)]  # the second is in flight when one dies
        assert workers.collect(pending[0]) == [-1 if n == 13 else n * n for n in first]
        assert workers.collect(pending[1]) == [n * n for n in second]
        later = list(range(5))
        assert workers.collect(workers.submit(later)) == [0, 1, 4, 9, 16]  # the pool works on
    finally:
        workers.close()


def test_a_page_needing_too_much_memory_is_skipped_and_the_rest_indexed(tmp_path, monkeypatch):
    pages = tmp_path / "pages"
    for n in range(3):
        write_dump(pages, f"2018-10-0{n + 1}-ok-{n}.txt", f"Ordinary story {n}",
                   story(f"Ordinary story number {n} about the harbour and its {n + 2} cranes."))
    paragraph = "<p>" + "Many words in a paragraph that go on and on for a while. " * 3 + "</p>"
    (pages / "huge.html").write_text("<html><body><article>" + paragraph * 60_000 + "</article></body></html>")
    monkeypatch.setenv("SEARCHAPP_PAGE_MEMORY_MB", "80")
    report = rebuild_index([pages], tmp_path / "index", workers=1)
    assert report.indexed == 3
    (skipped,) = report.skipped
    assert skipped.path.endswith("huge.html")
    assert skipped.reason in ("needed more than the 80 MB of memory a page may use",
                              "the process reading it died (out of memory, or a crash in a parser)")
