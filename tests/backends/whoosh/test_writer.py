"""The Whoosh writer of a build: what it writes equals what Whoosh writes by itself, only faster;
split in two segments when the rebuild says most articles are in."""
import os

import pytest
from whoosh.index import create_in, open_dir

from searchapp.backends.whoosh import writer as writer_module
from searchapp.backends.whoosh.schema import SCHEMA
from searchapp.backends.whoosh.store import open_store
from searchapp.backends.whoosh.writer import WhooshWriter
from searchapp.errors import SearchappError
from searchapp.models import Article
from searchapp.search.schema import to_document


def test_postings_written_with_lengths_in_memory_and_chunked_runs_equal_whooshs_own(tmp_path):
    articles = [Article(id=f"a{n}", path=f"p{n}", title=f"Talks {n}", body=" ".join(["talks in Sochi"] * (n + 1)),
                        source="s", url=f"https://example.com/{n}", people=("Vladimir Putin",) * (n % 2))
                for n in range(30)]
    (tmp_path / "ours").mkdir()
    ours = WhooshWriter(tmp_path / "ours", None)
    ours.writer.pool.limit = 20_000  # bytes: sorted runs go to disk every few articles and are merged back
    for article in articles:
        ours.add(article)
    assert len(ours.writer.pool.runs) > 3
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
            assert postings(a, field, term) == postings(b, field, term)


def postings(reader, field, term):
    matcher = reader.postings(field, term)
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found


def test_a_build_split_when_most_articles_are_in_holds_every_article_and_its_arrays(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_module, "SPLIT_FROM", 10)
    articles = [Article(id=f"a{n}", path=f"p{n}", title=f"Talks {n}", body=f"talks in Sochi round {n}", source="s",
                        url=f"https://example.com/{n}") for n in range(30)]
    build = tmp_path / "build"
    build.mkdir()
    writer = WhooshWriter(build, None)
    for n, article in enumerate(articles):
        writer.add(article)
        if n == 26:
            writer.most_added()
            assert writer.committing is not None  # 27 articles go to a forked process
    writer.finish()
    index = open_dir(str(build))
    assert [s.doc_count() for s in index._segments()] == [27, 3]
    with index.reader() as reader:
        assert sorted(reader.field_terms("id")) == sorted(a.id for a in articles)
        assert reader.doc_frequency("content", "sochi") == 30
        for segment in index._segments():
            assert open_store(build, segment.segment_id()) is not None
    assert index.lock("WRITELOCK").acquire()  # released


def test_too_few_articles_stay_one_segment(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    writer = WhooshWriter(build, None)
    writer.add(Article(id="a", path="p", title="Talks", body="talks in Sochi", source="s", url="https://example.com/a"))
    writer.most_added()
    assert writer.committing is None
    writer.finish()
    assert len(open_dir(str(build))._segments()) == 1


def test_a_cancelled_split_build_leaves_no_process_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_module, "SPLIT_FROM", 1)
    build = tmp_path / "build"
    build.mkdir()
    writer = WhooshWriter(build, None)
    writer.add(Article(id="a", path="p", title="Talks", body="talks in Sochi", source="s", url="https://example.com/a"))
    writer.most_added()
    pid = writer.committing.pid
    writer.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: nothing left running
    assert open_dir(str(build)).lock("WRITELOCK").acquire()


def test_a_failed_first_segment_fails_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_module, "SPLIT_FROM", 1)

    def broken(build, reader, segment_id):
        raise OSError("disk full")

    monkeypatch.setattr(writer_module, "write_segment_store", broken)
    build = tmp_path / "build"
    build.mkdir()
    writer = WhooshWriter(build, None)
    writer.add(Article(id="a", path="p", title="Talks", body="talks in Sochi", source="s", url="https://example.com/a"))
    writer.most_added()
    writer.add(Article(id="b", path="q", title="Talks", body="talks in Sochi", source="s", url="https://example.com/b"))
    with pytest.raises(SearchappError, match="disk full"):
        writer.finish()
