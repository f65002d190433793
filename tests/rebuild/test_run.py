"""A rebuild writes a fresh build beside the served one and switches to it, or keeps the old one."""
import os

import pytest
from whoosh.index import open_dir

from searchapp.backends.folders import current_index
from searchapp.backends.whoosh import writer as whoosh_writer
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


def test_most_of_a_rebuild_is_written_while_its_last_pages_are_read(tmp_path, monkeypatch):
    """At nine tenths of the pages the writer commits what it has in a forked process; the
    rebuild's answers are those of a build written at the end, full and incremental."""
    monkeypatch.setattr(whoosh_writer, "SPLIT_FROM", 5)
    pages, index = tmp_path / "pages", tmp_path / "index"
    fruits = ["apples", "pears", "plums", "quinces", "cherries", "figs", "grapes", "lemons", "limes", "dates"]
    towns = ["Arles", "Brno", "Cork", "Delft", "Elche", "Faro", "Ghent", "Hull", "Izmir", "Jena", "Kiel"]

    def page(n: int, fruit: str) -> None:
        town = towns[n]
        write_dump(pages, f"{n}.txt", f"{fruit.title()} in {town}",
                   [f"Farmers near {town} brought in the {fruit} harvest this week, {n + 3} days later than "
                    f"last year, after a wet spring and a dry {['June', 'July', 'August'][n % 3]}.",
                    f"Buyers at the {town} market paid {n + 10} percent more for {fruit} than a month ago."])

    for n, fruit in enumerate(fruits):
        page(n, fruit)
    heard = []
    monkeypatch.setattr(whoosh_writer.WhooshWriter, "most_added",
                        lambda self, split=whoosh_writer.WhooshWriter.most_added: heard.append(self.writer.docnum)
                        or split(self))
    rebuild_index(RebuildOptions([pages], index))
    assert heard == [9]  # once, at the ninth of ten pages
    assert [s.doc_count() for s in open_dir(str(current_index(index)))._segments()] == [9, 1]
    service = SearchService(index)
    assert service.search(SearchRequest(q="harvest")).total == 10
    found = service.search(SearchRequest(q="limes OR figs")).hits
    assert {hit.title for hit in found} == {"Limes in Izmir", "Figs in Faro"}
    (pages / "3.txt").unlink()
    page(10, "kiwis")
    rebuild_index(RebuildOptions([pages], index, incremental=True))  # one page to read: too few to split
    assert heard == [9, 1]
    assert service.search(SearchRequest(q="harvest")).total == 10
    assert service.search(SearchRequest(q="quinces")).total == 0
    (pages / "4.txt").unlink()
    towns.extend(["Lille", "Metz", "Nice", "Oulu", "Pisa", "Reus", "Sion"])
    for n, fruit in enumerate(["melons", "olives", "peaches", "apricots", "mangoes", "guavas"], start=11):
        page(n, fruit)
    rebuild_index(RebuildOptions([pages], index, incremental=True))  # six pages: split at the sixth
    assert heard == [9, 1, 6]
    segments = [s.doc_count() for s in open_dir(str(current_index(index)))._segments()]
    assert segments[-1] == 6 and sum(segments) == 15  # the six new articles, written by the forked process
    assert service.search(SearchRequest(q="harvest")).total == 15
    assert service.search(SearchRequest(q="cherries OR quinces")).total == 0
    assert service.search(SearchRequest(q="guavas")).total == 1
