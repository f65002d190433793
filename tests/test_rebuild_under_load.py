"""Rebuilding while the site serves: no failed request and no moment without results."""
import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.request

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from tests.browser.conftest import free_port
from tests.conftest import SEEDS


def test_requests_keep_succeeding_through_rebuilds(tmp_path):
    pages, index = tmp_path / "seeds", tmp_path / "index"
    shutil.copytree(SEEDS, pages)
    rebuild_index(RebuildOptions([pages], index))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "serve", "--index", str(index), "--port",
                               str(port), "--threads", "4"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/search?q=Idlib"
    outcomes, stop = [], threading.Event()

    def client():
        while not stop.is_set():
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    outcomes.append((response.status, json.load(response)["total"]))
            except Exception as error:  # noqa: BLE001 - every failure is counted
                outcomes.append((repr(error), 0))

    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                time.sleep(0.1)
        clients = [threading.Thread(target=client) for _ in range(3)]
        for thread in clients:
            thread.start()
        for _ in range(2):
            subprocess.run([sys.executable, "-m", "searchapp.cli", "rebuild", str(pages), "--index", str(index),
                            "--full", "--workers", "1"], check=True, capture_output=True, timeout=300)
        time.sleep(0.5)
        stop.set()
        for thread in clients:
            thread.join(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=10)
    failures = [o for o in outcomes if o[0] != 200]
    totals = {total for status, total in outcomes if status == 200}
    print(f"{len(outcomes)} requests during two rebuilds, {len(failures)} failed")
    assert len(outcomes) > 20 and failures == []
    assert len(totals) == 1 and totals.pop() > 0  # the same answer before, during and after
