"""`searchapp serve` as tests start it: an explicit number of processes and threads, a deadline
on every wait with a message that says what did not happen, and the server stopped in all cases."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_SECONDS = 90  # a loaded two-core machine imports spaCy and Flask slowly
STOP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], bool], seconds: float, failure: str) -> None:
    """Poll condition until it holds; fail with `failure` once `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{failure} (waited {seconds:.0f} s)")
        time.sleep(0.1)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Server:
    process: subprocess.Popen
    base: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def served(index: Path, log_path: Path, *, processes: int, threads: int, ready: str = "/help") -> Iterator[Server]:
    """A server on a free port, answering `ready` before the test goes on; its stderr goes to log_path."""
    port = free_port()
    with open(log_path, "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(index),
                                    "--port", str(port), "--processes", str(processes), "--threads", str(threads)],
                                   stdout=subprocess.DEVNULL, stderr=log)
    server = Server(process, f"http://127.0.0.1:{port}", log_path)
    try:
        wait_until(lambda: process.poll() is not None or answers(server.base + ready), START_SECONDS,
                   f"searchapp serve did not answer {ready} on port {port}")
        assert process.poll() is None, f"searchapp serve ended with {process.returncode}:\n{server.log()}"
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if it has not ended within STOP_SECONDS (and fail: it should have)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_SECONDS)
        raise AssertionError(f"searchapp serve did not stop within {STOP_SECONDS} s of SIGTERM") from None
