"""Write a build's Whoosh index: a fresh one, or a hard-linked copy of the previous build's."""
from __future__ import annotations

import os
import pickle
import signal
import traceback
from itertools import islice
from pathlib import Path

from whoosh.index import create_in, open_dir
from whoosh.reading import SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

from searchapp.backends.folders import BOOKKEEPING, link_files
from searchapp.backends.whoosh.schema import SCHEMA, whoosh_document
from searchapp.backends.whoosh.store import write_segment_store, write_store
from searchapp.errors import SearchappError
from searchapp.lifetime import die_with_parent
from searchapp.models import Article
from searchapp.search.schema import to_document

WRITER_MB = 256
RUN_CHUNK = 4096  # postings pickled together in a sorted run
SPLIT_FROM = 5000  # articles: below this the whole commit takes seconds, and one segment searches faster


class WhooshWriter:
    """Writes a build's Whoosh index: a fresh one, or a copy of the previous build's.

    When the rebuild says most articles are in (most_added), the articles so far are committed as
    a segment by a forked process while the last pages are read, and the rest make a second,
    small segment at finish(): the commit, which would otherwise start after the last page while
    the other cores wait, then overlaps with reading pages.
    """

    def __init__(self, build: Path, previous: Path | None) -> None:
        self.build, self.previous = build, previous
        if previous:
            link_files(previous, build, skip=BOOKKEEPING)  # Whoosh never rewrites a written file
            self.index = open_dir(str(build))
        else:
            self.index = create_in(str(build), SCHEMA)
        self.writer = chunked(self.index.writer(limitmb=WRITER_MB))
        self.committing: Commit | None = None
        self.lock = None  # the index's write lock, held from the first writer until finish

    def delete(self, article_id: str) -> None:
        self.writer.delete_by_term("id", article_id)

    def add(self, article: Article) -> None:
        self.writer.add_document(**whoosh_document(to_document(article)))

    def most_added(self) -> None:
        """Commit the articles so far in a forked process; the rest go to a second segment."""
        if self.committing or self.writer.docnum < SPLIT_FROM or not hasattr(os, "fork"):
            return
        first = self.writer
        self.committing = Commit(first, self.build)
        self.lock = first.writelock  # kept: the lock is released when its object goes
        second = SegmentWriter(self.index, _lk=False, limitmb=WRITER_MB)  # the lock is the first writer's
        second.segments = first.segments  # with the deletions made so far
        second._setup_doc_offsets()
        self.writer = chunked(second)

    def finish(self) -> None:
        if self.committing is None:
            self.writer.commit()
        else:
            writer = self.writer
            try:
                first = self.committing.wait()
            except BaseException:
                self.cancel()
                raise
            self.committing = None
            segments = writer._merge_segments(None, None, None)
            segments.append(first)
            if writer._added:
                segments.append(writer._finalize_segment())
            else:
                writer._close_segment()
            writer._commit_toc(segments)
            writer._finish()
            self.release()
        write_store(self.build, self.previous)

    def publish(self, report: dict) -> None:
        """Nothing: switching the `current` link publishes the build."""

    def cancel(self) -> None:
        if self.committing:
            self.committing.stop()
            self.committing = None
        self.writer.cancel()
        self.release()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def chunked(writer: SegmentWriter) -> SegmentWriter:
    """The writer with the pool and lengths reader below, which make its commit cheaper."""
    writer.pool = ChunkedPool(writer._tempstorage, writer.newsegment, limitmb=WRITER_MB)
    lengths = writer.per_document_reader
    writer.per_document_reader = lambda: LengthsInMemory(lengths())
    return writer


class Commit:
    """A writer's segment written, with its postings arrays, by a forked copy of this process."""

    def __init__(self, writer: SegmentWriter, build: Path) -> None:
        # The segment's files are closed before the fork, so that no buffer of this process is
        # ever written into them: the per-document files are complete, and the copy writes the
        # postings with a field writer of its own.
        writer.perdocwriter.close()
        writer.fieldwriter.close()
        readable, writable = os.pipe()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the copy: write the segment, send it back, never return
            os.close(readable)
            status = 1
            try:
                die_with_parent(parent)  # a killed rebuild leaves no process writing
                segment = write_postings(writer)
                write_segment_store(build, SegmentReader(writer.storage, writer.schema, segment), segment.segment_id())
                answer = pickle.dumps(segment)
                status = 0
            except BaseException:  # noqa: BLE001 - reported to the parent, which raises
                answer = pickle.dumps(traceback.format_exc())
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(answer)
            os._exit(status)
        os.close(writable)
        self.answer = os.fdopen(readable, "rb")

    def wait(self):
        """The segment written; raises if the copy failed."""
        with self.answer:
            answer = self.answer.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        result = pickle.loads(answer) if answer else "the process writing it died"
        if status != 0 or isinstance(result, str):
            raise SearchappError(f"could not write the index's first segment: {result}")
        return result

    def stop(self) -> None:
        self.answer.close()
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0


def write_postings(writer: SegmentWriter):
    """Whoosh's own end of a segment (SegmentWriter._finalize_segment), its per-document files
    already written: the postings from the pool, then the compound file."""
    writer.fieldwriter = writer.codec.field_writer(writer.storage, writer.newsegment)
    lengths = writer.per_document_reader()
    writer.fieldwriter.add_postings(writer.schema, lengths, writer.pool.iter_postings())
    writer.fieldwriter.close()
    lengths.close()
    writer.pool.cleanup()
    writer._assemble_segment()
    return writer.get_segment()


class ChunkedPool(PostingPool):
    """Whoosh's sorting pool, whose runs on disk are pickled a few thousand postings at a time
    instead of one by one: reading the runs back one posting a call was a third of the commit,
    which runs after the last page while the workers wait."""

    def _write_run(self, f, items) -> None:
        items = iter(items)
        while chunk := list(islice(items, RUN_CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


class LengthsInMemory:
    """A segment's per-document reader whose field lengths are read once per field: writing the
    postings, Whoosh reads a length from the file for every posting (a fifth of the commit)."""

    def __init__(self, reader) -> None:
        self.reader = reader
        self.lengths: dict[tuple[str, int], list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.lengths.get((fieldname, default))
        if lengths is None:
            lengths = self.lengths[fieldname, default] = [self.reader.doc_field_length(n, fieldname, default)
                                                          for n in range(self.reader.doc_count_all())]
        return lengths[docnum]

    def __getattr__(self, name: str):
        return getattr(self.reader, name)
