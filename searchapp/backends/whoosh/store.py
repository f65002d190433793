"""Our own copy of the postings of the fields every word query reads, as flat arrays mapped
from disk, one set per Whoosh segment.

Whoosh keeps a posting list as zlib-compressed pickles of 128 postings: at 100,000 realistic
articles, unpickling and inflating the blocks of a search's common words took two thirds of
the time of a search (bench/search_scale.py). Here a word's documents, frequencies and positions
are slices of arrays: scoring it is numpy arithmetic, and checking a phrase is a set
intersection. The arrays are written once per segment when a build is committed (Whoosh never
changes a written segment); deleted documents are left out when read, as Whoosh does.
"""
from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass
from itertools import accumulate, chain
from pathlib import Path
from pickle import loads

import numpy as np
from whoosh.index import open_dir
from whoosh.matching.wrappers import FilterMatcher

from searchapp.backends.folders import link_files
from searchapp.backends.whoosh.blocks import read_blocks

FIELDS = ("content", "title")  # the fields a query of plain words searches (search/parse.py)
FOLDER = "postings"
ARRAYS = {"docs": np.uint32, "freqs": np.uint32, "positions": np.uint32}
VERSION = 1


def key_of(text: bytes) -> int:
    """A word's 64-bit key: its vocabulary is then one sorted array, searched in place."""
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little")


@dataclass(frozen=True)
class FieldStore:
    """One field of one segment: for the word of keys[t], its postings are docs/freqs[starts[t]:
    starts[t + 1]], and its positions, document after document, positions[firsts[t]:firsts[t + 1]]."""
    keys: np.ndarray  # uint64, sorted
    starts: np.ndarray  # int64, len(keys) + 1
    firsts: np.ndarray  # int64, len(keys) + 1
    docs: np.ndarray  # segment document numbers, ascending within a word
    freqs: np.ndarray  # times the word occurs in the document (its weight before the field boost)
    positions: np.ndarray  # the word's positions, ascending within a document

    def find(self, text: bytes) -> int | None:
        """The word's number in this field, None when no document has it."""
        key = np.uint64(key_of(text))
        at = int(np.searchsorted(self.keys, key))
        return at if at < len(self.keys) and self.keys[at] == key else None


def store_folder(build: Path) -> Path:
    return Path(build) / FOLDER


def open_store(build: Path, segment_id: str) -> dict[str, FieldStore] | None:
    """A segment's stored fields, mapped; None when it has none (an index made before them)."""
    folder = store_folder(build)
    header = folder / f"{segment_id}.json"
    if not header.exists():
        return None
    if json.loads(header.read_text()).get("version") != VERSION:
        return None
    fields = {}
    for name in FIELDS:
        def mapped(part: str, dtype) -> np.ndarray:
            path = folder / f"{segment_id}.{name}.{part}"  # noqa: B023 - used at once
            return np.memmap(path, dtype=dtype, mode="r") if path.stat().st_size else np.zeros(0, dtype=dtype)
        fields[name] = FieldStore(mapped("keys", np.uint64), mapped("starts", np.int64), mapped("firsts", np.int64),
                                  *(mapped(part, dtype) for part, dtype in ARRAYS.items()))
    return fields


def write_store(build: Path, previous: Path | None = None) -> None:
    """Write the arrays of every segment of the build's index that has none yet (those of the
    previous build are linked, not written again), and remove those of segments a merge replaced."""
    folder = store_folder(build)
    folder.mkdir(exist_ok=True)
    if previous is not None and store_folder(previous).is_dir():
        link_files(store_folder(previous), folder)
    index = open_dir(str(build))
    with index.reader() as reader:
        readers = [leaf for leaf, _ in reader.leaf_readers()]
        segments = {leaf.segment().segment_id(): leaf for leaf in readers}
        for segment_id, leaf in segments.items():
            if not (folder / f"{segment_id}.json").exists():
                write_segment_store(build, leaf, segment_id)
    for path in folder.iterdir():
        if path.name.split(".")[0] not in segments:
            path.unlink()


def write_segment_store(build: Path, reader, segment_id: str) -> None:
    """The arrays of one segment, given its reader; the header last, so that a half-written
    segment's arrays are written again."""
    folder = store_folder(build)
    folder.mkdir(exist_ok=True)
    for name in FIELDS:
        write_field(reader, name, folder, segment_id)
    (folder / f"{segment_id}.json").write_text(json.dumps({"version": VERSION}))


def write_field(reader, name: str, folder: Path, segment_id: str) -> None:
    """One field of one segment, its words in the order of their keys."""
    words = sorted((key_of(text), text) for text in (reader.lexicon(name) if name in reader.schema else ()))
    starts, firsts = [0], [0]
    files = {part: open(folder / f"{segment_id}.{name}.{part}", "wb") for part in ARRAYS}  # noqa: SIM115
    try:
        for _, text in words:
            matcher = reader.postings(name, text)
            if isinstance(matcher, FilterMatcher):  # deleted documents are left out when read
                matcher = matcher.child
            ids, _, values = read_blocks(matcher)
            freqs = np.fromiter((struct.unpack(">I", v[:4])[0] for v in values), dtype=np.uint32, count=len(values))
            positions = np.fromiter(chain.from_iterable(accumulate(loads(v[4:])) for v in values), dtype=np.uint32,
                                    count=int(freqs.sum()))
            starts.append(starts[-1] + len(ids))
            firsts.append(firsts[-1] + len(positions))
            files["docs"].write(ids.astype(np.uint32).tobytes())
            files["freqs"].write(freqs.tobytes())
            files["positions"].write(positions.tobytes())
    finally:
        for file in files.values():
            file.close()
    np.array([key for key, _ in words], dtype=np.uint64).tofile(folder / f"{segment_id}.{name}.keys")
    np.array(starts, dtype=np.int64).tofile(folder / f"{segment_id}.{name}.starts")
    np.array(firsts, dtype=np.int64).tofile(folder / f"{segment_id}.{name}.firsts")
