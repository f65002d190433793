"""`searchapp serve` runs one server process per core on one port, replaces one that dies, and
leaves nothing behind when stopped or killed."""
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from tests.browser.conftest import free_port
from tests.conftest import SEEDS


def children(pid: int) -> set[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def answers(base: str) -> int:
    with urllib.request.urlopen(base + "/api/search?q=Idlib", timeout=30) as response:
        return response.status


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.1)


def started(index, port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(index), "--port",
                               str(port), "--processes", "2", "--threads", "2"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_for(lambda: len(children(server.pid)) == 2)

    def up() -> bool:
        try:
            return answers(f"http://127.0.0.1:{port}") == 200
        except OSError:
            return False
    wait_for(up)
    return server


def test_processes_share_the_port_and_a_dead_one_is_replaced(tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([SEEDS], index))
    port = free_port()
    server = started(index, port)
    try:
        first = children(server.pid)
        os.kill(min(first), signal.SIGKILL)
        assert all(answers(f"http://127.0.0.1:{port}") == 200 for _ in range(20))  # the other one answers
        wait_for(lambda: len(children(server.pid)) == 2 and children(server.pid) != first)
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert server.returncode == 0
    assert b"starting another" in log and b"Traceback" not in log


def test_killing_the_server_leaves_no_process_behind(tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([SEEDS], index))
    server = started(index, free_port())
    servers = children(server.pid)
    server.kill()
    server.communicate(timeout=10)
    wait_for(lambda: not any(alive(pid) for pid in servers), 10)


def alive(pid: int) -> bool:
    """Running, neither gone nor a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False
