import os

import pytest

from searchapp.errors import IndexBusy, SearchappError
from searchapp.models import SearchRequest
from searchapp.rebuild.builds import current_index, rebuild_lock
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.search.service import SearchService
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


def test_one_rebuild_at_a_time(tmp_path):
    with rebuild_lock(tmp_path):
        with pytest.raises(IndexBusy):
            rebuild_index(RebuildOptions([tmp_path], tmp_path))


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


def test_postings_written_with_lengths_in_memory_equal_whooshs_own(tmp_path):
    from whoosh.index import create_in, open_dir

    from searchapp.models import Article
    from searchapp.backends.whoosh.writer import WhooshWriter
    from searchapp.search.schema import SCHEMA, to_document

    articles = [Article(id=f"a{n}", path=f"p{n}", title=f"Talks {n}", body=" ".join(["talks in Sochi"] * (n + 1)),
                        source="s", url=f"https://example.com/{n}", people=("Vladimir Putin",) * (n % 2))
                for n in range(30)]
    (tmp_path / "ours").mkdir()
    ours = WhooshWriter(tmp_path / "ours", None)
    for article in articles:
        ours.add(article)
    ours.finish()
    (tmp_path / "plain").mkdir()
    plain = create_in(str(tmp_path / "plain"), SCHEMA).writer()
    for article in articles:
        plain.add_document(**to_document(article))
    plain.commit()
    with open_dir(str(tmp_path / "ours")).reader() as a, open_dir(str(tmp_path / "plain")).reader() as b:
        terms = list(b.all_terms())
        assert list(a.all_terms()) == terms
        for field, term in terms:
            x, y = a.term_info(field, term), b.term_info(field, term)
            assert (x.min_length(), x.max_length(), x.weight(), x.doc_frequency()) == \
                   (y.min_length(), y.max_length(), y.weight(), y.doc_frequency())
