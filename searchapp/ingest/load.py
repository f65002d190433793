"""Find saved pages on disk and decode them, whatever encoding they were saved in."""
from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from searchapp.errors import PageError
from searchapp.models import Page

KINDS = {".html": "html", ".htm": "html", ".txt": "text"}
MAX_BYTES = 20 * 1024 * 1024  # bigger files are not news pages

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: labels that browsers decode as windows-1252.
LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"}


def page_kind(path: Path) -> str | None:
    """Return "html" or "text" for files we read, None for others."""
    return KINDS.get(path.suffix.lower())


def find_pages(sources: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Yield saved pages under each source (a file or a folder walked recursively), in order."""
    for source in sources:
        source = Path(source)
        if source.is_file():
            yield source
            continue
        for folder, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder, name)
                if page_kind(path) and not name.startswith("."):
                    yield path


def load_page(path: Path) -> Page:
    """Read one page and decode it to text."""
    kind = page_kind(path)
    if kind is None:
        raise PageError(f"not a page we read ({path.suffix or 'no extension'})")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PageError(f"too large ({size // 1024 // 1024} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise PageError(f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise PageError("empty file")
    text, encoding = decode(data, kind)
    if looks_binary(text):
        raise PageError("binary data, not a saved page")
    return Page(path=path, text=text, kind=kind, encoding=encoding)


def decode(data: bytes, kind: str = "html") -> tuple[str, str]:
    """Decode bytes: BOM first, then a declared charset, then UTF-8, then detection."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    candidates = []
    if kind == "html":
        declared = META_CHARSET.search(data[:4096])
        if declared:
            label = declared.group(1).decode("ascii", "replace").lower()
            candidates.append("cp1252" if label in LATIN1_LABELS else label)
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best else "cp1252"
    return data.decode(encoding, errors="replace"), encoding


def looks_binary(text: str) -> bool:
    """Tell whether decoded text is really binary data (NULs or many control/replacement chars)."""
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    return bad / len(sample) > 0.02
