"""A rebuild that cannot write (disk full, folder not writable) or that finds another rebuild
running stops with a clear message, and the index being served stays as it was."""
import fcntl
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from searchapp.models import SearchRequest
from searchapp.rebuild.builds import current_index
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.search.service import SearchService
from tests.conftest import story, write_dump

ROOT = Path(__file__).resolve().parent.parent


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
    assert rebuild_index(RebuildOptions([pages], index, incremental=True)).indexed == 65  # with room again, no clean-up needed


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
