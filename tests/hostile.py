"""Write a corpus of hostile saved pages beside good ones (made here, never committed as blobs)."""
from __future__ import annotations

import gzip
import io
import os
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = ["harbour", "bridge", "ferry", "timetable", "council", "budget", "school", "hospital", "river", "market",
         "station", "library", "museum", "stadium", "airport", "tunnel", "road", "tram", "garden", "theatre"]

# name -> what the rebuild must report for it. Nothing here is stopped by the time limit: how long
# a slow page takes depends on the machine, so tests/ingest/test_workers.py tests the limit with a
# stage that never ends.
EXPECTED = {
    "empty.html": "empty file",
    "binary.html": "binary data, not a saved page",
    "big.html": "too large",
    "cut.warc.gz": "truncated",
    "pipe.html": "not a regular file",
    "dangling.html": "cannot read",  # a link to a page that is gone: unreadable even for root
    "deep.html": "more than",
    "laughs.html": "no article text",
    "bomb.html.gz": "inflates to more than",
    "truncated.html.gz": "gzip data ends early",
}
GOOD_PAGES = ["good-1.html", "good-2.html", "nul.html", "mixed-encoding.html", "huge-attribute.html",
              "latin1-declared-utf8.html", "cut.warc.gz"]  # the crawl's first record is whole


def good(title: str, topic: str) -> str:
    """A plain article whose words differ from page to page (so no two are near-duplicates)."""
    seed = sum(map(ord, title))
    paragraphs = "".join(
        f"<p>Paragraph {i} on the {topic}: officials discussed the {WORDS[(seed + i) % 20]} and the "
        f"{WORDS[(seed * 3 + i) % 20]} on {['Monday', 'Tuesday', 'Friday'][(seed + i) % 3]}, with "
        f"{seed % 97 + i} residents at the {WORDS[(seed * 7 + i) % 20]} meeting.</p>" for i in range(5))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article>"
            "</body></html>")


def write_corpus(folder: Path, outside: Path) -> None:
    """Hostile pages, good pages beside them, and links out of the folder and in circles."""
    folder.mkdir(parents=True)
    outside.mkdir(parents=True)
    (folder / "good-1.html").write_text(good("Harbour bridge closes", "city"))
    (folder / "good-2.html").write_text(good("Ferry timetable changes", "port"))
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 64)
    with (folder / "big.html").open("wb") as handle:
        handle.write(b"<p>" + b"word " * (50 * 1024 * 1024 // 5))
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 200_000 + "</div>" * 200_000 + "</body></html>")
    lols = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(2, 10))
    (folder / "laughs.html").write_text(f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol1 "lol">{lols}]>'
                                        "<html><body><p>&lol9;</p></body></html>")
    (folder / "bomb.html.gz").write_bytes(gzip.compress(b" " * (64 * 1024 * 1024)))
    (folder / "truncated.html.gz").write_bytes(gzip.compress(good("Cut short", "lost").encode() * 50)[:300])
    (folder / "nul.html").write_bytes(good("Nul bytes inside", "nul").encode().replace(b"council", b"coun\x00cil"))
    (folder / "mixed-encoding.html").write_bytes(good("Mixed encodings", "mixed").encode()
                                                 + "café ".encode("cp1252") * 40)
    (folder / "huge-attribute.html").write_text(f'<div data-x="{"A" * 5_000_000}"></div>'
                                                + good("Huge attribute", "attr"))
    (folder / "latin1-declared-utf8.html").write_bytes(('<meta charset="utf-8">'
                                                        + good("Déclaré faux", "faux")).encode("cp1252"))
    crawl = io.BytesIO()
    writer = WARCWriter(crawl, gzip=True)
    for n, title in enumerate(["Crawled harbour story", "Crawled story cut short"]):
        body = good(title, f"crawl{n}").encode()
        record = writer.create_warc_record(f"https://crawl.example/{n}", "response", payload=io.BytesIO(body),
                                           length=len(body), http_headers=StatusAndHeaders(
                                               "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
        writer.write_record(record)
    (folder / "cut.warc.gz").write_bytes(crawl.getvalue()[:-150])  # the crawl stopped mid-record
    os.mkfifo(folder / "pipe.html")  # reading it would wait forever
    os.symlink(folder / "gone.html", folder / "dangling.html")
    (outside / "secret.html").write_text(good("Outside the archive", "secret"))
    os.symlink(outside / "secret.html", folder / "link-out.html")
    os.symlink(outside, folder / "folder-out", target_is_directory=True)
    os.symlink(folder / "loop.html", folder / "loop.html")
    os.symlink(folder, folder / "circle", target_is_directory=True)
