"""`searchapp serve` runs the worker processes it is asked for on one port, replaces one that dies,
stops cleanly on SIGTERM or Ctrl-C, leaves nothing behind when killed, and falls back to one
waitress process where there is no fork."""
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.served import answers, served, wait_until

PROCESSES, THREADS = 2, 2


def children(pid: int) -> set[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], check=False, capture_output=True, text=True, timeout=30).stdout
    return {int(p) for p in out.split()}


def alive(pid: int) -> bool:
    """Running, neither gone nor a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_workers_share_the_port_and_a_dead_one_is_replaced(seeds_index, tmp_path):
    with served(seeds_index, tmp_path / "serve.log", processes=PROCESSES, threads=THREADS) as server:
        pid = server.process.pid
        wait_until(lambda: len(children(pid)) == PROCESSES, 60, f"{PROCESSES} worker processes did not start")
        first = children(pid)
        os.kill(min(first), signal.SIGKILL)
        assert all(answers(server.base + "/api/search?q=Idlib") for _ in range(20))  # the other one answers
        wait_until(lambda: len(children(pid)) == PROCESSES and children(pid) != first, 60,
                   f"the killed worker was not replaced: workers {children(pid)}, before {first}")
        assert all(answers(server.base + "/api/search?q=Idlib") for _ in range(20))
    assert server.process.returncode == 0
    assert "Traceback" not in server.log()


def test_killing_the_server_leaves_no_process_behind(seeds_index, tmp_path):
    with served(seeds_index, tmp_path / "serve.log", processes=PROCESSES, threads=THREADS) as server:
        wait_until(lambda: len(children(server.process.pid)) == PROCESSES, 60,
                   f"{PROCESSES} worker processes did not start")
        workers = children(server.process.pid)
        server.process.kill()
        server.process.wait(timeout=30)
    wait_until(lambda: not any(alive(pid) for pid in workers), 60,
               f"workers outlived their killed arbiter: {[pid for pid in workers if alive(pid)]}")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_ctrl_c_stops_the_server_and_its_workers(seeds_index, tmp_path, how):
    with served(seeds_index, tmp_path / "serve.log", processes=PROCESSES, threads=THREADS) as server:
        wait_until(lambda: len(children(server.process.pid)) == PROCESSES, 60,
                   f"{PROCESSES} worker processes did not start")
        workers = children(server.process.pid)
        server.process.send_signal(how)
        assert server.process.wait(timeout=60) == 0, server.log()
    wait_until(lambda: not any(alive(pid) for pid in workers), 30,
               f"workers outlived their stopped arbiter: {[pid for pid in workers if alive(pid)]}")
    assert "Traceback" not in server.log()


def test_without_fork_one_warmed_waitress_process_serves(monkeypatch, seeds_index):
    from searchapp import server
    from searchapp.web import create_app

    calls = []
    monkeypatch.setattr(server, "BaseApplication", object)  # as where gunicorn cannot be imported
    monkeypatch.setitem(sys.modules, "waitress", SimpleNamespace(serve=lambda app, **options: calls.append(options)))
    app = create_app({"INDEX_DIR": seeds_index})
    warmed = []
    monkeypatch.setattr(app.extensions["search"], "warm", lambda searchers: warmed.append(searchers))
    server.serve(lambda: app, "127.0.0.1", 8123, threads=3, processes=2)
    assert warmed == [3] and calls == [{"host": "127.0.0.1", "port": 8123, "threads": 3}]
