"""`searchapp serve`: gunicorn's pre-forking arbiter, one threaded worker process per core.

A Python process answers on one core at a time, so one process leaves the other cores idle
under load. gunicorn binds the port, loads the app once (preload) and forks the workers, each of
which opens and warms its own searchers (see SearchService.warm); it replaces a worker that
dies, stops them gracefully on SIGTERM (at once on Ctrl-C), and a worker whose arbiter was
killed ends by itself. The index is memory-mapped and shared between processes (see
search/zerocopy.py); each further worker costs its own facet columns. Measurements against the
hand-written supervisor this replaced: docs/serving.md.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable

GRACEFUL_SECONDS = 10  # requests in flight at SIGTERM may finish within this, then workers are killed
HEARTBEAT_DIR = "/dev/shm"  # workers' liveness files: in memory, so a slow disk never looks like a hung worker

try:
    from gunicorn.app.base import BaseApplication
except ImportError:  # no fork on this platform (Windows): gunicorn does not run there, waitress does
    BaseApplication = object


class Gunicorn(BaseApplication):
    """gunicorn configured in code: no config file, no command line of its own, no control socket."""

    def __init__(self, app, options: dict, on_worker_start: Callable[[], None]) -> None:
        self.application, self.options, self.on_worker_start = app, options, on_worker_start
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("post_worker_init", lambda worker: self.on_worker_start())

    def load(self):
        return self.application


def serve(make_app: Callable, host: str, port: int, threads: int, processes: int) -> None:
    """Serve make_app() on host:port with `processes` worker processes of `threads` threads."""
    app = make_app()

    def warm() -> None:
        app.extensions["search"].warm(searchers=threads)  # before answering: see SearchService.warm

    if BaseApplication is object:
        serve_without_fork(app, warm, host, port, threads)
        return
    Gunicorn(app, gunicorn_options(host, port, threads, processes), warm).run()


def gunicorn_options(host: str, port: int, threads: int, processes: int) -> dict:
    """gunicorn settings: gthread workers, the app loaded before forking, quiet unless -v."""
    verbose = logging.getLogger().isEnabledFor(logging.INFO)
    options = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": processes,
        "worker_class": "gthread",
        "threads": threads,
        "preload_app": True,
        "graceful_timeout": GRACEFUL_SECONDS,
        "loglevel": "info" if verbose else "warning",
        "accesslog": "-" if verbose else None,
        "proc_name": "searchapp",
        "control_socket_disable": True,
    }
    if os.path.isdir(HEARTBEAT_DIR):
        options["worker_tmp_dir"] = HEARTBEAT_DIR
    return options


def serve_without_fork(app, warm: Callable[[], None], host: str, port: int, threads: int) -> None:
    """One waitress process: the fallback where processes cannot be forked."""
    import waitress

    warm()
    waitress.serve(app, host=host, port=port, threads=threads)
