"""Find saved pages on disk and decode them: HTML, text dumps, gzip, MHTML and WARC archives."""
from __future__ import annotations

import codecs
import email
import email.policy
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC
from pathlib import Path

from charset_normalizer import from_bytes
from dateutil import parser as dateparser

from searchapp.errors import PageError
from searchapp.models import Page

# Suffix -> how to read it; compressed kinds name the inner kind.
KINDS = {
    ".html": "html", ".htm": "html", ".txt": "text", ".html.gz": "html", ".htm.gz": "html",
    ".txt.gz": "text", ".mhtml": "mhtml", ".mht": "mhtml", ".warc": "warc", ".warc.gz": "warc",
}
MAX_BYTES = 20 * 1024 * 1024  # bigger pages are not news pages (and bigger inflations are bombs)
MAX_TAGS = 150_000  # news pages have a few thousand; hundreds of thousands is a parser trap

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# WHATWG: labels that browsers decode as windows-1252.
LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"}


def page_kind(path: Path) -> str | None:
    """Return how a file is read ("html", "text", "mhtml", "warc"), None for files we skip."""
    name = path.name.lower()
    return next((kind for suffix, kind in KINDS.items() if name.endswith(suffix)), None)


def find_pages(sources: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Yield saved pages under each source (a file or a folder walked recursively), in order.

    Symbolic links to folders are not followed (no loops), and a linked file is read only when
    it points inside the source folder: an archive cannot make the rebuild read other files."""
    for source in sources:
        source = Path(source)
        if source.is_file():
            yield source
            continue
        root = source.resolve()
        for folder, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder, name)
                if page_kind(path) and not name.startswith(".") and inside(path, root):
                    yield path


def regular_size(path: Path) -> int:
    """The size of a regular file; a pipe, device or socket named like a page is refused (reading
    a pipe would wait forever)."""
    try:
        status = path.stat()
    except OSError as error:
        raise PageError(f"cannot read: {error.strerror or error}") from error
    if not stat.S_ISREG(status.st_mode):
        raise PageError("not a regular file (a pipe, device or socket)")
    return status.st_size


def inside(path: Path, root: Path) -> bool:
    """Whether path, links resolved, lies under root."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def load_pages(path: Path) -> Iterator[Page | PageError]:
    """Yield the pages in one file: one for a page, one per HTML response for a WARC archive.

    A record that cannot be read is yielded as a PageError so the others still come through.
    """
    kind = page_kind(path)
    if kind == "warc":
        from searchapp.ingest.warc import warc_pages

        try:
            regular_size(path)
        except PageError as error:
            yield error
            return

        yield from warc_pages(path)
        return
    try:
        yield load_page(path)
    except PageError as error:
        yield error


def load_page(path: Path) -> Page:
    """Read one page file (plain, gzip-compressed or MHTML) and decode it to text."""
    kind = page_kind(path)
    if kind is None or kind == "warc":
        raise PageError(f"not a page we read ({path.suffix or 'no extension'})")
    data = read_bytes(path)
    if kind == "mhtml":
        return mhtml_page(path, data)
    return decoded_page(path, data, kind)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, inflated if gzip-compressed; refuses what is, or inflates to, too much."""
    size = regular_size(path)
    if size > MAX_BYTES:
        raise PageError(f"too large ({size // 1024 // 1024} MB)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PageError(f"cannot read: {error.strerror or error}") from error
    if path.name.lower().endswith(".gz"):
        data = inflate(data)
    return data


def inflate(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """Gunzip at most limit bytes; a larger output is refused rather than filling memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as error:
        raise PageError(f"broken gzip data ({error})") from error
    if len(out) > limit:
        raise PageError(f"inflates to more than {limit // 1024 // 1024} MB")
    if not inflater.eof:
        raise PageError("gzip data ends early (truncated file)")
    return out


def decoded_page(path: Path, data: bytes, kind: str, declared: str = "", **record) -> Page:
    """A page from raw bytes: refuse empty and binary data, decode the rest."""
    if not data.strip():
        raise PageError("empty file")
    if kind == "html" and data.count(b"<") > MAX_TAGS:
        raise PageError(f"more than {MAX_TAGS:,} HTML tags: not a news page")
    text, encoding = decode(data, kind, declared)
    if looks_binary(text):
        raise PageError("binary data, not a saved page")
    return Page(path=path, text=text, kind=kind, encoding=encoding, **record)


def mhtml_page(path: Path, data: bytes) -> Page:
    """The HTML part of a browser's "save as single file" (MHTML) archive."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    url = message.get("Snapshot-Content-Location", "")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            payload = payload if isinstance(payload, bytes) else b""
            url = url or part.get("Content-Location", "")
            return decoded_page(path, payload, "html", part.get_content_charset() or "", url=url)
    raise PageError("no HTML part in the MHTML archive")


def decode(data: bytes, kind: str = "html", declared: str = "") -> tuple[str, str]:
    """Decode bytes: BOM first, then a declared charset (HTTP header, then <meta>), then UTF-8,
    then detection."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    candidates = [declared] if declared else []
    if kind == "html":
        found = META_CHARSET.search(data[:4096])
        if found:
            candidates.append(found.group(1).decode("ascii", "replace"))
    candidates = ["cp1252" if c.lower() in LATIN1_LABELS else c.lower() for c in candidates] + ["utf-8"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best else "cp1252"
    return data.decode(encoding, errors="replace"), encoding


def charset_of(content_type: str) -> str:
    """The charset named in a Content-Type header, or ""."""
    found = HEADER_CHARSET.search(content_type or "")
    return found.group(1) if found else ""


def parse_http_date(value: str | None):
    """A WARC or HTTP date as naive UTC, or None."""
    try:
        parsed = dateparser.parse(value) if value else None
    except (ValueError, OverflowError):
        return None
    if parsed and parsed.tzinfo:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def looks_binary(text: str) -> bool:
    """Tell whether decoded text is really binary data (NULs or many control/replacement chars)."""
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r\f"))
    return bad / len(sample) > 0.02
