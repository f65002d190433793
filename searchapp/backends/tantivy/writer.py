"""A rebuild's writes into its build folder: a fresh tantivy index, or a copy of the previous
build's with the changes applied, and the build's table (table.py) beside it."""
from __future__ import annotations

from pathlib import Path

import tantivy

from searchapp.backends.folders import link_files
from searchapp.backends.tantivy.schema import SCHEMA, document_of
from searchapp.backends.tantivy.table import FILE, load_rows, row_of, save_rows
from searchapp.models import Article
from searchapp.search.schema import to_document

INDEX_FOLDER = "tantivy"
WRITER_BYTES = 256_000_000
WRITER_THREADS = 1  # the loader's workers have the other cores
LOCKS = (".tantivy-writer.lock", ".tantivy-meta.lock")


def index_folder(build: Path) -> Path:
    return Path(build) / INDEX_FOLDER


def holds_index(build: Path) -> bool:
    """Whether a build folder has a tantivy index and its table."""
    return (index_folder(build) / "meta.json").is_file() and (Path(build) / FILE).is_file()


class TantivyWriter:
    """Writes one build; nothing is visible before the rebuild switches `current` to it."""

    def __init__(self, build: Path, previous: Path | None) -> None:
        self.build = Path(build)
        folder = index_folder(self.build)
        if previous is not None:
            # tantivy never rewrites a segment file and replaces meta.json by renaming a new one
            # over it, which leaves the previous build's link alone.
            link_files(index_folder(previous), folder, skip=LOCKS)
            self.rows = load_rows(previous)
            index = tantivy.Index.open(str(folder))
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self.rows = {}
            index = tantivy.Index(SCHEMA, path=str(folder), reuse=False)
        self.next_serial = max((row.serial for row in self.rows.values()), default=-1) + 1
        self.writer = index.writer(heap_size=WRITER_BYTES, num_threads=WRITER_THREADS)

    def delete(self, article_id: str) -> None:
        self.writer.delete_documents_by_term("id", article_id)
        self.rows.pop(article_id, None)

    def add(self, article: Article) -> None:
        record = to_document(article)
        if record["id"] in self.rows:  # a page read twice: the later article wins, as in Whoosh's update
            self.delete(record["id"])
        self.writer.add_document(document_of(record, self.next_serial))
        self.rows[record["id"]] = row_of(record, self.next_serial)
        self.next_serial += 1

    def most_added(self) -> None:
        """Nothing: tantivy writes its segments in its own threads as documents come."""

    def finish(self) -> None:
        self.writer.commit()
        self.writer.wait_merging_threads()
        save_rows(self.rows, self.build)

    def publish(self, report: dict) -> None:
        """Nothing: switching the `current` link publishes the build."""

    def cancel(self) -> None:
        self.writer.rollback()
