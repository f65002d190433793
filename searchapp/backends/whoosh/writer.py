"""Write a build's Whoosh index: a fresh one, or a hard-linked copy of the previous build's."""
from __future__ import annotations

import pickle
from itertools import islice
from pathlib import Path

from whoosh.index import create_in, open_dir
from whoosh.writing import PostingPool

from searchapp.backends.folders import BOOKKEEPING, link_files
from searchapp.backends.whoosh.schema import SCHEMA, whoosh_document
from searchapp.backends.whoosh.store import write_store
from searchapp.models import Article
from searchapp.search.schema import to_document

WRITER_MB = 256
RUN_CHUNK = 4096  # postings pickled together in a sorted run


class WhooshWriter:
    """Writes a build's Whoosh index: a fresh one, or a copy of the previous build's."""

    def __init__(self, build: Path, previous: Path | None) -> None:
        self.build, self.previous = build, previous
        if previous:
            link_files(previous, build, skip=BOOKKEEPING)  # Whoosh never rewrites a written file
            self.writer = open_dir(str(build)).writer(limitmb=WRITER_MB)
        else:
            self.writer = create_in(str(build), SCHEMA).writer(limitmb=WRITER_MB)
        self.writer.pool = ChunkedPool(self.writer._tempstorage, self.writer.newsegment, limitmb=WRITER_MB)
        lengths = self.writer.per_document_reader
        self.writer.per_document_reader = lambda: LengthsInMemory(lengths())

    def delete(self, article_id: str) -> None:
        self.writer.delete_by_term("id", article_id)

    def add(self, article: Article) -> None:
        self.writer.add_document(**whoosh_document(to_document(article)))

    def finish(self) -> None:
        self.writer.commit()
        write_store(self.build, self.previous)

    def publish(self, report: dict) -> None:
        """Nothing: switching the `current` link publishes the build."""

    def cancel(self) -> None:
        self.writer.cancel()


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
