"""Which pages a loader reads: the files under its sources in share K of N, and their pages."""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from searchapp.errors import PageError
from searchapp.ingest.load import find_pages, load_pages
from searchapp.models import Page

log = logging.getLogger(__name__)
WHOLE = (1, 1)


def pages_in(sources: Iterable[str | os.PathLike], part: tuple[int, int] = WHOLE
             ) -> Iterator[tuple[Path, Page | PageError]]:
    """Every page under the sources (of part K of N, see in_part), with the file it came from."""
    for path in files_in(sources, part):
        for page in pages_of(path):
            yield path, page


def files_in(sources: Iterable[str | os.PathLike], part: tuple[int, int] = WHOLE) -> Iterator[Path]:
    """The saved-page files under the sources that are in part K of N."""
    for source in sources:
        for path in find_pages([source]):
            if in_part(path, Path(source), part):
                yield path


def in_part(path: Path, source: Path, part: tuple[int, int]) -> bool:
    """Whether a file is in share K of N: by a hash of its path within its source folder, so that
    N machines with the archive mounted anywhere split it the same way, every file in one share."""
    number, parts = part
    if parts == 1:
        return True
    name = path.name if path == source else path.relative_to(source).as_posix()
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "big") % parts == number - 1


def pages_of(path: Path) -> Iterator[Page | PageError]:
    """The pages of one file; a file that breaks while being read is one more skip."""
    try:
        yield from load_pages(path)
    except Exception as error:
        log.exception("unexpected error reading %s", path)
        yield PageError(f"unexpected error: {type(error).__name__}: {error}")
