"""Rebuilding while the site serves: no failed request and no moment without results."""
import json
import shutil
import subprocess
import sys
import threading
import urllib.request

from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from tests.conftest import SEEDS
from tests.served import served, wait_until

CLIENTS = 3


def test_requests_keep_succeeding_through_rebuilds(tmp_path):
    pages, index = tmp_path / "seeds", tmp_path / "index"
    shutil.copytree(SEEDS, pages)
    rebuild_index(RebuildOptions([pages], index))
    outcomes, stop = [], threading.Event()

    with served(index, tmp_path / "serve.log", processes=2, threads=4, ready="/api/search?q=Idlib") as server:
        url = server.base + "/api/search?q=Idlib"

        def client():
            while not stop.is_set():
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        outcomes.append((response.status, json.load(response)["total"]))
                except Exception as error:  # noqa: BLE001 - every failure is counted
                    outcomes.append((repr(error), 0))

        clients = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in clients:
            thread.start()
        try:
            wait_until(lambda: len(outcomes) >= CLIENTS, 60, "no answers before the rebuilds")
            answered_during = []
            for _ in range(2):
                before = len(outcomes)
                subprocess.run([sys.executable, "-m", "searchapp.cli", "rebuild", str(pages), "--index", str(index),
                                "--full", "--workers", "1"], check=True, capture_output=True, timeout=300)
                answered_during.append(len(outcomes) - before)
            after = len(outcomes)
            wait_until(lambda: len(outcomes) >= after + 2 * CLIENTS, 60, "no answers after the rebuilds")
        finally:
            stop.set()
            for thread in clients:
                thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in clients), "a client is still waiting for an answer"
    failures = [o for o in outcomes if o[0] != 200]
    totals = {total for status, total in outcomes if status == 200}
    print(f"{len(outcomes)} requests, {answered_during} answered during the two rebuilds, {len(failures)} failed")
    assert failures == []
    assert all(answered_during), answered_during  # the site kept answering while each rebuild ran
    assert len(totals) == 1 and totals.pop() > 0  # the same answer before, during and after
