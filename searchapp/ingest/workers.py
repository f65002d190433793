"""Worker processes that read pages: each page under a time limit and a memory bound.

A page nobody vetted can loop, exhaust memory or crash a C parser. In a worker it can only take
that worker down: pebble's pool gives each page its own task with a deadline, ends the worker
of a page past it, and replaces a worker that died, so only that page is lost. Each worker's
address space is capped (RLIMIT_AS) at what it had when it started plus the page memory, so a
page that needs more fails with MemoryError and is skipped. Workers die with the rebuild.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import resource
from collections.abc import Callable
from concurrent.futures import Future

from pebble import ProcessExpired, ProcessPool

from searchapp.config import setting
from searchapp.lifetime import die_with_parent

log = logging.getLogger(__name__)

PAGE_SECONDS = 30  # a page that takes longer is skipped, whatever makes it slow
DIED = "the process reading it died (out of memory, or a crash in a parser)"
TOO_SLOW = "took longer than {:g} s to read"
TOO_BIG = "needed more than the {:,} MB of memory a page may use"
# Workers run a little below the rebuild's process, so that the index's commit, which a forked
# copy of it starts while the last pages are read (backends/whoosh/writer.py), ends with them
# rather than after them; the site and other work on the machine come first too.
WORKER_NICE = 5


def page_memory_mb() -> int:
    """The memory a page may use beyond what a worker holds when it starts (the model, the code), in MB."""
    return int(setting("PAGE_MEMORY_MB"))


class Workers:
    """`count` processes running task(item) -> result, one task per item; never raises for an item:
    an item past its deadline gets too_slow(item), one whose worker died gets died(item)."""

    def __init__(self, count: int, task: Callable, died: Callable[[object], object],
                 too_slow: Callable[[object], object], seconds: float = PAGE_SECONDS,
                 prepare: Callable[[], object] = lambda: None) -> None:
        self.count, self.task, self.died, self.too_slow, self.seconds = count, task, died, too_slow, seconds
        self.prepare = prepare
        self.pool: ProcessPool | None = None  # started when there is work

    def submit(self, items: list) -> list[tuple[object, Future]]:
        """Start on items; collect() gives their results."""
        if items and self.pool is None:
            self.prepare()  # in this process, before forking: what it loads is shared
            self.pool = ProcessPool(self.count, initializer=prepare_worker, initargs=(os.getpid(), page_memory_mb()),
                                    context=multiprocessing.get_context("fork"))
        pool = self.pool
        return [(item, pool.schedule(self.task, args=(item,), timeout=self.seconds)) for item in items] if pool else []

    def collect(self, started: list[tuple[object, Future]]) -> list:
        """The results of submitted items, in order."""
        return [self._result(item, future) for item, future in started]

    def _result(self, item, future: Future):
        try:
            return future.result()
        except TimeoutError:
            log.error("reading %r took longer than %s s", getattr(item, "where", item), self.seconds)
            return self.too_slow(item)
        except ProcessExpired as error:
            log.error("a worker died reading %r: %s", getattr(item, "where", item), error)
            return self.died(item)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.stop()
            self.pool.join()


def prepare_worker(parent: int, megabytes: int) -> None:
    """Die with the rebuild (a worker left behind by a killed rebuild would keep its index lock,
    which it inherited), bound this worker's memory, and yield the cores to the rebuild's own
    process (WORKER_NICE)."""
    die_with_parent(parent)
    bound_memory(megabytes)
    os.nice(WORKER_NICE)


def bound_memory(megabytes: int) -> None:
    """Cap this process's address space at its present size plus `megabytes`."""
    size = address_space("VmSize")
    if size is None:
        return  # not Linux: pages are bounded by size and time only
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def address_space(kind: str = "VmPeak") -> int | None:
    """This process's address space in bytes: now (VmSize) or at its largest (VmPeak)."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith(f"{kind}:"))
    except (OSError, StopIteration):
        return None


def hit_memory_bound(peak_before: int | None) -> bool:
    """Whether the address space reached its bound since peak_before was read: C libraries
    report running out of memory in their own words (lxml: "XPathEvalError: unknown error")."""
    limit, _ = resource.getrlimit(resource.RLIMIT_AS)
    peak = address_space()
    return (limit != resource.RLIM_INFINITY and peak is not None and peak != peak_before
            and peak >= limit - 64 * 1024 * 1024)
