"""A rebuild writes a fresh build beside the served one and switches to it, or keeps the old one."""
import os

import pytest

from searchapp.backends.folders import current_index
from searchapp.errors import SearchappError
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import story, write_dump


def test_rebuild_switches_to_a_fresh_build_and_keeps_one_previous(tmp_path):
    pages, index = tmp_path / "pages", tmp_path / "index"
    write_dump(pages, "a.txt", "Apples in autumn", story("Apples were picked early this year."))
    builds = []
    for _ in range(3):
        rebuild_index(RebuildOptions([pages], index))
        builds.append(current_index(index))
    assert len(set(builds)) == 3
    assert sorted(p.name for p in index.glob("build-*")) == sorted(b.name for b in builds[1:])
    assert os.readlink(index / "current") == builds[-1].name


def test_failed_rebuild_leaves_the_old_index_serving(tmp_path, monkeypatch):
    pages, index = tmp_path / "pages", tmp_path / "index"
    write_dump(pages, "a.txt", "Apples in autumn", story("Apples were picked early this year."))
    write_dump(pages, "b.txt", "Pears in spring", story("Pears were late this year."))
    rebuild_index(RebuildOptions([pages], index))
    before = current_index(index)
    service = SearchService(index)
    assert service.search(SearchRequest(q="apples")).total == 1

    calls = []

    def die_on_second(report):
        calls.append(report.seen)
        if len(calls) == 2:
            raise KeyboardInterrupt  # a killed rebuild

    with pytest.raises(KeyboardInterrupt):
        rebuild_index(RebuildOptions([pages], index, on_page=die_on_second))
    assert current_index(index) == before
    assert [p.name for p in index.glob("build-*")] == [before.name]
    assert service.search(SearchRequest(q="apples")).total == 1


def test_rebuild_with_nothing_to_index_keeps_the_old_index(tmp_path):
    pages, index = tmp_path / "pages", tmp_path / "index"
    write_dump(pages, "a.txt", "Apples in autumn", story("Apples were picked early this year."))
    rebuild_index(RebuildOptions([pages], index))
    before = current_index(index)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SearchappError, match="previous index is kept"):
        rebuild_index(RebuildOptions([empty], index))
    assert current_index(index) == before


def test_report_counts(report):
    assert (report.seen, report.indexed, len(report.duplicates), len(report.skipped)) == (6, 3, 1, 2)
    assert report.elapsed > 0


def test_an_index_from_another_version_is_refused_and_rebuilt_in_full(tmp_path):
    from searchapp.errors import IndexOutdated
    from searchapp.models import SearchRequest as Request

    pages, index = tmp_path / "pages", tmp_path / "index"
    write_dump(pages, "a.txt", "Apples in autumn", story("Apples were picked early this year."))
    rebuild_index(RebuildOptions([pages], index))
    (current_index(index) / "schema-version").write_text("1999-01-01")
    with pytest.raises(IndexOutdated, match="--full"):
        SearchService(index).search(Request(q="apples"))
    report = rebuild_index(RebuildOptions([pages], index, incremental=True))  # a full rebuild, not an update
    assert not report.unchanged and SearchService(index).search(Request(q="apples")).total == 1
