"""A rebuild killed with SIGKILL at any moment leaves the old index serving and needs no clean-up."""
import os
import random
import signal
import subprocess
import sys
import time

from searchapp.models import SearchRequest
from searchapp.rebuild.builds import current_index
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.search.service import SearchService
from tests.conftest import story, write_dump

TRIALS = 5


def test_kill_minus_nine_at_random_moments(tmp_path):
    pages, index = tmp_path / "pages", tmp_path / "index"
    for n in range(40):
        write_dump(pages, f"2018-10-{n % 28 + 1:02d}-story-{n}.txt", f"Story {n} about harbour number {n}",
                   story(f"The harbour council met for the {n}th time to discuss berth {n}.",
                         f"Dockers at berth {n} said the cranes were {n} years old."))
    rebuild_index(RebuildOptions([pages], index))
    served = SearchService(index).search(SearchRequest(q="harbour")).total
    rng = random.Random(1)
    for trial in range(TRIALS):
        write_dump(pages, f"2018-11-0{trial + 1}-new-{trial}.txt", f"New story {trial}",
                   [f"A new ferry number {trial} arrived at the harbour on day {trial} of the month, officials said.",
                    f"Passengers {'and crew ' * trial}welcomed the ferry, the operator's {trial}th this year."])
        process = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "rebuild", str(pages), "--index",
                                    str(index), "--full", "--workers", "1"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 3.0))
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # What the site serves now is the previous index or the finished new one, whole: never a
        # half-written build and never nothing.
        now = SearchService(index).search(SearchRequest(q="harbour")).total
        assert now in (served, 40 + trial + 1)
        served = now
    report = rebuild_index(RebuildOptions([pages], index, incremental=True))  # no stale lock, no clean-up by hand
    assert report.indexed == 40 + TRIALS
    assert len(list(index.glob("build-*"))) <= 2
    assert SearchService(index).search(SearchRequest(q="harbour")).total == 40 + TRIALS
    assert current_index(index).exists()
