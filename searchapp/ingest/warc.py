"""Pages from WARC archives (wget --warc-file, Heritrix, Browsertrix), read with warcio."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from searchapp.errors import PageError
from searchapp.ingest.load import MAX_BYTES, charset_of, decoded_page, parse_http_date
from searchapp.models import Page

HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 64 * 1024


def warc_pages(path: Path) -> Iterator[Page | PageError]:
    """Yield every HTML response record as a page, with its URL and fetch date.

    Records that are not HTML responses are passed over silently; a record that cannot be read,
    or an archive that ends mid-record, is yielded as a PageError naming the record.
    """
    try:
        handle = path.open("rb")
    except OSError as error:
        yield PageError(f"cannot read: {error.strerror or error}")
        return
    with handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                if record.rec_type != "response" or not record.http_headers:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(HTML_TYPES):
                    continue
                status = record.http_headers.get_statuscode()
                if status and not status.startswith("2"):
                    continue
                data = read_limited(record.content_stream())
                origin = f"{path}#{records.get_record_offset()}"  # only once the payload is read
                if getattr(record.raw_stream, "limit", 0) > 0 and len(data) <= MAX_BYTES:
                    yield PageError(f"{origin}: the archive ends inside this record (truncated)")
                    continue
                if len(data) > MAX_BYTES:
                    yield PageError(f"{origin}: record larger than {MAX_BYTES // 1024 // 1024} MB")
                    continue
                try:
                    yield decoded_page(
                        path, data, "html", charset_of(content_type), origin=origin,
                        url=record.rec_headers.get_header("WARC-Target-URI") or "",
                        fetched=parse_http_date(record.rec_headers.get_header("WARC-Date")),
                    )
                except PageError as error:
                    yield PageError(f"{origin}: {error}")
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as error:
            yield PageError(f"archive ends in a broken record ({type(error).__name__}: {error})")


def read_limited(stream, limit: int = MAX_BYTES) -> bytes:
    """Read a record's payload in chunks (warcio's readers return nothing for one huge read),
    stopping just past limit so that a giant record cannot fill memory."""
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def warc_record(path: Path, offset: int) -> Page:
    """The page in the record at offset (as stored in the index), read again."""
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)))
            content_type = record.http_headers.get_header("Content-Type") or ""
            data = read_limited(record.content_stream())
            return decoded_page(path, data, "html", charset_of(content_type), origin=f"{path}#{offset}",
                                url=record.rec_headers.get_header("WARC-Target-URI") or "")
    except (OSError, StopIteration, ArchiveLoadFailed, AttributeError) as error:
        raise PageError(f"cannot read the record at {path}#{offset}: {error}") from error
