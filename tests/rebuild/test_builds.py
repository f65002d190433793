"""Builds: a rebuild killed at any moment, one that cannot write (disk full, folder not writable)
or one that finds another rebuild running leaves the served index as it was, needing no clean-up."""
import fcntl
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from searchapp.backends.folders import current_index
from searchapp.errors import IndexBusy
from searchapp.models import SearchRequest
from searchapp.rebuild.builds import rebuild_lock
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import story, write_dump

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 5


def archive(folder: Path, count: int, start: int = 0) -> Path:
    for n in range(start, start + count):
        write_dump(folder, f"2018-10-{n % 28 + 1:02d}-quay-{n}.txt", f"Quay {n} reopens after repairs",
                   story(f"Quay {n} of the old port reopened on Monday after {n} weeks of repairs.",
                         f"Fishermen at quay {n} said the new crane lifts {n + 2} tonnes."))
    return folder


def rebuild_command(pages: Path, index: Path, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "searchapp.cli", "rebuild", str(pages), "--index", str(index),
                           "--full", "--workers", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          **options)


def served(index: Path) -> tuple:
    page = SearchService(index).search(SearchRequest(q="quay", per_page=100))
    return current_index(index), page.total, sorted(h.id for h in page.hits)


def assert_refused_and_kept(result, index: Path, before: tuple) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"cannot write the index in {index}: " in result.stderr
    assert "the previous index is kept" in result.stderr
    assert served(index) == before
    assert [p.name for p in index.glob("build-*")] == [before[0].name]  # the half-made build is gone


def test_a_full_disk_keeps_the_previous_index(tmp_path):
    pages, index = archive(tmp_path / "pages", 5), tmp_path / "index"
    rebuild_index(RebuildOptions([pages], index))
    before = served(index)
    archive(pages, 60, start=5)

    def small_disk():  # no file may grow past 64 KB: writes fail as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = rebuild_command(pages, index, preexec_fn=small_disk)
    assert_refused_and_kept(result, index, before)
    # With room again, no clean-up needed.
    assert rebuild_index(RebuildOptions([pages], index, incremental=True)).indexed == 65


def test_an_index_folder_it_may_not_write_keeps_the_previous_index(tmp_path):
    pages, index = archive(tmp_path / "pages", 5), tmp_path / "index"
    rebuild_index(RebuildOptions([pages], index))
    before = served(index)
    archive(pages, 3, start=5)
    locked = ["chattr", "+i", str(index)] if os.geteuid() == 0 else None  # root may write anywhere else
    if locked and subprocess.run(locked, capture_output=True).returncode != 0:
        pytest.skip("this file system cannot make a folder unwritable for root")
    if not locked:
        os.chmod(index, 0o555)
    try:
        result = rebuild_command(pages, index)
    finally:
        subprocess.run(["chattr", "-i", str(index)], check=True) if locked else os.chmod(index, 0o755)
    assert_refused_and_kept(result, index, before)


def test_a_second_rebuild_is_refused_while_one_runs(tmp_path):
    pages, index = archive(tmp_path / "pages", 150), tmp_path / "index"
    first = subprocess.Popen([sys.executable, "-m", "searchapp.cli", "rebuild", str(pages), "--index", str(index),
                              "--full", "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not holds_lock(index):  # wait until the first rebuild holds the index
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    second = rebuild_command(pages, index)
    assert second.returncode == 1
    assert f"another rebuild is running on {index}" in second.stderr and "Traceback" not in second.stderr
    _, errors = first.communicate(timeout=300)
    assert first.returncode == 0, errors
    rebuild_index(RebuildOptions([pages], tmp_path / "alone"))
    assert served(index)[1:] == served(tmp_path / "alone")[1:]  # as if it had run alone
    assert len(list(index.glob("build-*"))) == 1


def holds_lock(index: Path) -> bool:
    try:
        with open(index / ".rebuild.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
    except FileNotFoundError:
        return False
    except BlockingIOError:
        return True


def test_one_rebuild_at_a_time(tmp_path):
    with rebuild_lock(tmp_path), pytest.raises(IndexBusy):
        rebuild_index(RebuildOptions([tmp_path], tmp_path))


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
        process.wait(timeout=60)
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
