"""`searchapp serve`: waitress in one process per core, all answering on one listening socket.

A Python process answers on one core at a time, so a single waitress process leaves the other
cores idle under load. The index is memory-mapped and shared between processes (see
search/zerocopy.py); each further process costs its own facet columns. The first process
supervises: it forks the servers after binding the port, replaces one that dies, and stops
them all on SIGTERM or Ctrl-C; servers die with it.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import time
from collections.abc import Callable

from searchapp.lifetime import die_with_parent

log = logging.getLogger(__name__)

RESTART_PAUSE = 1.0  # seconds between replacing servers that keep dying


def serve(make_app: Callable, host: str, port: int, threads: int, processes: int) -> None:
    """Serve make_app() on host:port with `processes` waitress processes of `threads` threads."""
    import waitress

    def warm_app():
        app = make_app()
        app.extensions["search"].warm(searchers=threads)  # before answering: see SearchService.warm
        return app

    if processes == 1:
        waitress.serve(warm_app(), host=host, port=port, threads=threads)
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host, port), family=family, backlog=1024)
    children: set[int] = set()
    stopping = False
    supervisor = os.getpid()

    def start() -> None:
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                die_with_parent(supervisor, signal.SIGTERM)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                waitress.serve(warm_app(), sockets=[listener], threads=threads)
                status = 0
            finally:
                os._exit(status)
        children.add(pid)

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(processes):
        start()
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        children.discard(pid)
        if not stopping:
            log.error("server process %d ended (status %d); starting another", pid, status)
            time.sleep(RESTART_PAUSE)
            start()
    listener.close()

