"""Worker processes that read pages: each under a memory bound, replaced when a page kills one.

A page nobody vetted can exhaust memory or crash a C parser. In a worker it can only take that
worker down: each worker's address space is capped (RLIMIT_AS) at what it had when it started
plus PAGE_MEMORY_MB, so a page that needs more fails with MemoryError and is skipped; and when
a worker dies anyway, the pool is restarted and the pages it was reading are tried again one
by one, so that only the page that killed it is skipped. Workers die with the rebuild.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import resource
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from searchapp.lifetime import die_with_parent

log = logging.getLogger(__name__)

PAGE_MEMORY_MB = 2048  # on top of what a worker holds when it starts (the model, the code)
DIED = "the process reading it died (out of memory, or a crash in a parser)"


def page_memory_mb() -> int:
    """The memory a page may use, in MB: SEARCHAPP_PAGE_MEMORY_MB or PAGE_MEMORY_MB."""
    return int(os.environ.get("SEARCHAPP_PAGE_MEMORY_MB") or PAGE_MEMORY_MB)


class Workers:
    """A pool of `count` worker processes running task(item) -> result; never raises for an item."""

    def __init__(self, count: int, task: Callable, died: Callable[[object], object],
                 prepare: Callable[[], object] = lambda: None) -> None:
        self.count, self.task, self.died, self.prepare = count, task, died, prepare
        self.memory_mb = page_memory_mb()
        self.pool: ProcessPoolExecutor | None = None  # started when there is work

    def _start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.prepare()  # in this process, before forking: what it loads is shared
        return ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("fork"),
                                   initializer=prepare_worker, initargs=(os.getpid(), self.memory_mb))

    def submit(self, items: list) -> list[tuple[list, Future | None]]:
        """Start on items, a few to each task (one per task costs 8% of the rebuild's speed)."""
        size = max(1, len(items) // (self.count * 4))
        chunks = [items[n:n + size] for n in range(0, len(items), size)]
        if chunks and self.pool is None:
            self.pool = self._start()
        try:
            return [(chunk, self.pool.submit(run_all, self.task, chunk)) for chunk in chunks]
        except BrokenProcessPool:  # broken by an earlier batch: collect() retries these
            return [(chunk, None) for chunk in chunks]

    def collect(self, started: list[tuple[list, Future | None]]) -> list:
        """The results of submitted items, in order (task never returns None); items whose worker
        died are tried again alone in a fresh pool, and died(item) is the result of the one that
        kills its worker again."""
        results = []
        for chunk, future in started:
            try:
                results.extend(future.result() if future is not None else [None] * len(chunk))
            except BrokenProcessPool:
                results.extend([None] * len(chunk))
        items = [item for chunk, _ in started for item in chunk]
        for n, result in enumerate(results):
            if result is None:
                results[n] = self._alone(items[n])
        return results

    def _alone(self, item):
        if self._broken():
            self._restart()
        try:
            return self.pool.submit(run_all, self.task, [item]).result()[0]
        except BrokenProcessPool:
            log.error("a worker died reading %r", getattr(item, "where", item))
            self._restart()
            return self.died(item)

    def _broken(self) -> bool:
        return getattr(self.pool, "_broken", False)

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def run_all(task: Callable, items: list) -> list:
    return [task(item) for item in items]


def prepare_worker(parent: int, megabytes: int) -> None:
    """Die with the rebuild (a worker left behind by a killed rebuild would keep its index lock,
    which it inherited), and bound this worker's memory."""
    die_with_parent(parent)
    bound_memory(megabytes)


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
