"""Rebuilds behave alike on both backends: deletions and changes reach searches, a new build
replaces the old one all at once, and a failed rebuild leaves the old one serving."""
from __future__ import annotations

import random
import shutil
import threading
from pathlib import Path

import pytest

from searchapp.errors import ArticleNotFound, SearchappError
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import story, write_dump
from tests.contract.conftest import shared
from tests.served import wait_until


def distinct(number: int) -> list[str]:
    """Paragraphs of made-up words no other call repeats, so that no two stories look like copies."""
    rng = random.Random(number)
    word = lambda: "".join(rng.choice("abcdefghijklmnoprstuvw") for _ in range(rng.randint(4, 8)))  # noqa: E731
    return [" ".join(word() for _ in range(60)).capitalize() + "." for _ in range(3)]


@pytest.fixture
def archive(tmp_path) -> Path:
    folder = tmp_path / "pages"
    for number, (title, words) in enumerate([
            ("Harbour cranes return after storm", "The harbour cranes are working again."),
            ("Ministers meet on fishing quotas", "Fishing quotas were discussed by ministers."),
            ("Lighthouse keeper retires after forty years", "The lighthouse keeper said goodbye."),
            ("Ferry timetable changes for winter", "The winter ferry timetable starts in November.")]):
        write_dump(folder, f"2021-0{number + 1}-1{number}-story-{number}.txt", title, story(words))
    return folder


def test_removed_and_changed_pages_reach_searches(backend, archive, tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([archive], index, backend=backend))
    service = SearchService(index, backend=backend)
    assert service.count() == 4
    gone = service.search(SearchRequest(q="lighthouse")).hits[0].id
    (archive / "2021-03-12-story-2.txt").unlink()
    write_dump(archive, "2021-04-13-story-3.txt", "Ferry timetable changes for spring",
               story("The spring ferry timetable starts in March."))
    report = rebuild_index(RebuildOptions([archive], index, backend=backend, incremental=True))
    assert (report.updated, report.removed) == (1, 1)
    assert service.count() == 3
    assert service.search(SearchRequest(q="lighthouse")).total == 0
    with pytest.raises(ArticleNotFound):
        service.article(gone)
    assert service.search(SearchRequest(q="spring ferry")).total == 1
    assert service.search(SearchRequest(q="winter ferry")).total == 0
    assert rebuild_index(RebuildOptions([archive], index, backend=backend, incremental=True)).unchanged


def test_a_full_rebuild_replaces_the_archive_at_once(backend, archive, tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([archive], index, backend=backend))
    service = SearchService(index, backend=backend)
    other = tmp_path / "other"
    write_dump(other, "2022-01-01-only.txt", "Bridge opens to traffic", story("The new bridge opened."))
    rebuild_index(RebuildOptions([other], tmp_path / "index2", backend=backend))
    assert SearchService(tmp_path / "index2", backend=backend).count() == 1
    if shared(backend):  # the cluster is one archive, whichever folder the loader kept its records in
        assert service.count() == 1 and service.search(SearchRequest(q="harbour")).total == 0


def test_a_failed_rebuild_leaves_the_previous_index_serving(backend, archive, tmp_path):
    index = tmp_path / "index"
    rebuild_index(RebuildOptions([archive], index, backend=backend))
    service = SearchService(index, backend=backend)
    before = service.search(SearchRequest(q="harbour"))
    more = tmp_path / "more"
    shutil.copytree(archive, more)
    for number in range(6):
        write_dump(more, f"2023-01-0{number + 1}-extra-{number}.txt", f"Extra story {number} about harbour",
                   distinct(number))

    def fail_midway(report):
        if report.seen == 7:
            raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        rebuild_index(RebuildOptions([more], index, backend=backend, on_page=fail_midway))
    after = service.search(SearchRequest(q="harbour"))
    assert (after.total, [h.id for h in after.hits]) == (before.total, [h.id for h in before.hits])
    assert service.count() == 4
    rebuild_index(RebuildOptions([more], index, backend=backend))
    assert service.count() == 10


def test_loaders_split_an_archive_and_the_last_one_switches(cluster, archive, tmp_path):
    for number in range(4, 12):
        write_dump(archive, f"2024-01-{number + 1:02d}-more-{number}.txt", f"Council story number {number}",
                   distinct(100 + number))
    rebuild_index(RebuildOptions([archive], tmp_path / "whole", backend=cluster.url))
    service = SearchService(tmp_path / "whole", backend=cluster.url)
    assert service.count() == 12
    expected_council = service.search(SearchRequest(q="council story")).total
    first = rebuild_index(RebuildOptions([archive], tmp_path / "part1", backend=cluster.url, part=(1, 3)))
    second = rebuild_index(RebuildOptions([archive], tmp_path / "part2", backend=cluster.url, part=(2, 3)))
    assert service.count() == 12  # searches still see the previous build: one part is missing
    third = rebuild_index(RebuildOptions([archive], tmp_path / "part3", backend=cluster.url, part=(3, 3)))
    assert first.seen + second.seen + third.seen == 12 and min(first.seen, second.seen, third.seen) > 0
    assert service.count() == 12
    assert service.search(SearchRequest(q="council story")).total == expected_council == 8
    assert service.report()[1]["indexed"] == 12


def test_parts_are_refused_for_the_embedded_index(archive, tmp_path):
    with pytest.raises(SearchappError, match="--part"):
        rebuild_index(RebuildOptions([archive], tmp_path / "index", part=(1, 2)))


def test_an_incremental_rebuild_after_another_folders_rebuild_is_complete(backend, archive, tmp_path):
    rebuild_index(RebuildOptions([archive], tmp_path / "mine", backend=backend))
    other = tmp_path / "other"
    write_dump(other, "2022-01-01-only.txt", "Bridge opens to traffic", distinct(7))
    rebuild_index(RebuildOptions([other], tmp_path / "theirs", backend=backend))
    write_dump(archive, "2021-05-14-story-5.txt", "Tram line extended to the coast", distinct(8))
    report = rebuild_index(RebuildOptions([archive], tmp_path / "mine", backend=backend, incremental=True))
    service = SearchService(tmp_path / "mine", backend=backend)
    # On the cluster the other folder's rebuild replaced this one's articles: all are sent again.
    assert report.indexed == service.count() == 5
    assert service.search(SearchRequest(q="bridge traffic")).total == 0
    assert service.search(SearchRequest(q="tram coast")).total == 1


def test_searches_during_a_rebuild_see_the_old_archive_or_the_new_one(backend, archive, tmp_path):
    rebuild_index(RebuildOptions([archive], tmp_path / "index", backend=backend))
    service = SearchService(tmp_path / "index", backend=backend)
    for number in range(8):
        write_dump(archive, f"2025-02-{number + 1:02d}-late-{number}.txt", f"Late story {number}",
                   distinct(300 + number))
    seen, stop = [], threading.Event()

    def search():
        while not stop.is_set():
            page = service.search(SearchRequest())
            seen.append((page.total, len({h.id for h in page.hits})))

    clients = [threading.Thread(target=search) for _ in range(2)]
    for client in clients:
        client.start()
    try:
        wait_until(lambda: len(seen) >= 2, 60, "no searches answered before the rebuild")
        rebuild_index(RebuildOptions([archive], tmp_path / "index", backend=backend))
        after = len(seen)
        wait_until(lambda: len(seen) >= after + 4, 60, "no searches answered after the rebuild switched")
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=60)
    assert not any(client.is_alive() for client in clients), "a search did not return within 60 s"
    assert {total for total, _ in seen} == {4, 12} and (12, 10) in seen  # the old archive, then the new one
