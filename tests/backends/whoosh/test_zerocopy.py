"""Searchers read the mapped segment in place: no searcher holds its own copy of the index."""
import array
import io
import pickle
import tracemalloc

from whoosh.filedb import compound

import searchapp.search  # noqa: F401 - installs the reader
from searchapp.backends.whoosh.zerocopy import MappedReader

DATA = pickle.dumps({"a": 1}) + b"first line\nsecond\n" + array.array("i", range(50)).tobytes()


def test_mapped_reader_reads_like_bytesio():
    ours, theirs = MappedReader(memoryview(DATA)), io.BytesIO(DATA)
    assert pickle.load(ours) == pickle.load(theirs) == {"a": 1}
    assert ours.tell() == theirs.tell()
    assert ours.readline() == theirs.readline() == b"first line\n"
    assert ours.read(3) == theirs.read(3) == b"sec"
    assert ours.seek(-4 * 50, 2) == theirs.seek(-4 * 50, 2)
    mine, yours = array.array("i"), array.array("i")
    mine.fromfile(ours, 50)
    yours.fromfile(theirs, 50)
    assert mine == yours == array.array("i", range(50))
    assert ours.read() == theirs.read() == b""
    assert ours.seek(2) == 2 and ours.read(-1) == DATA[2:]
    assert ours.seek(-3, 1) == len(DATA) - 3 and ours.readline(2) == DATA[-3:-1]


def test_opening_a_part_of_a_segment_copies_nothing():
    buffer = memoryview(bytes(20_000_000))
    tracemalloc.start()
    part = compound.BufferFile(buffer, name="postings")
    assert part.get(10, 4) == b"\0\0\0\0"
    assert part.read(2) == b"\0\0"
    grown = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert grown < 1_000_000  # BytesIO(buffer) would have copied all 20 MB

