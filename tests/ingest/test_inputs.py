"""Every input kind: plain and gzip-compressed pages, MHTML, and WARC archives."""
import gzip
import io
from datetime import datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from searchapp.errors import PageError
from searchapp.ingest.load import find_pages, load_pages, page_kind
from searchapp.ingest.pipeline import read_articles
from searchapp.ingest.stages import build_article, load_article
from searchapp.models import RebuildReport
from tests.conftest import PAGES

STORY = "".join(f"<p>Paragraph {n}: the harbour council met again on Tuesday to discuss the bridge repairs "
                f"and the cost of the new ferry.</p>" for n in range(4))


def page_html(title: str, charset: str = "utf-8") -> str:
    return (f'<html lang="en"><head><meta charset="{charset}"><title>{title} - Crawl Times</title></head>'
            f"<body><article><h1>{title}</h1><p>This is the story of {title}.</p>{STORY}"
            f"<p>Café owners said “fine”.</p></article></body></html>")


def write_warc(path: Path, records: list[tuple[str, str, bytes]], gzipped: bool = True) -> Path:
    """records: (url, content type, body) as HTTP 200 responses."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for url, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                               http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2019-11-20T10:00:00Z"})
            writer.write_record(record)
    return path


@pytest.mark.parametrize("name, kind", [
    ("a.html", "html"), ("a.HTM", "html"), ("a.txt", "text"), ("a.html.gz", "html"), ("a.txt.gz", "text"),
    ("a.mhtml", "mhtml"), ("a.warc", "warc"), ("a.warc.gz", "warc"), ("a.pdf", None), ("a.gz", None),
])
def test_kinds(name, kind):
    assert page_kind(Path(name)) == kind


def test_gzip_pages_read_transparently(tmp_path):
    html = (PAGES / "site-a" / "ceasefire.html").read_bytes()
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(html))
    dump = (PAGES / "dumps" / "2018-11-02-brexit-talks.txt").read_bytes()
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(dump))
    assert load_article(tmp_path / "a.html.gz").title == "Ankara and Moscow agree Idlib ceasefire plan"
    assert load_article(tmp_path / "b.txt.gz").title == "May and Barnier resume Brexit talks in Brussels"


def test_gzip_bomb_is_refused(tmp_path):
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * (25 * 1024 * 1024)))
    with pytest.raises(PageError, match="inflates to more than"):
        load_article(tmp_path / "bomb.html.gz")


def test_broken_gzip_is_a_page_error(tmp_path):
    (tmp_path / "broken.html.gz").write_bytes(gzip.compress(b"<p>hello</p>" * 100)[:40])
    with pytest.raises(PageError, match="truncated"):
        load_article(tmp_path / "broken.html.gz")


def test_mhtml(tmp_path):
    html = page_html("Ferry costs rise", "windows-1252").encode("cp1252")
    import quopri
    body = quopri.encodestring(html).decode("ascii")
    (tmp_path / "page.mhtml").write_text(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://crawl.example/ferry\r\n"
        "Subject: Ferry costs rise\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n--B\r\n'
        "Content-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: https://crawl.example/ferry\r\n\r\n{body}\r\n--B--\r\n", encoding="ascii")
    article = load_article(tmp_path / "page.mhtml")
    assert (article.title, article.url) == ("Ferry costs rise", "https://crawl.example/ferry")
    assert "Café owners said “fine”." in article.body


def test_warc_html_responses_are_pages_with_url_and_fetch_date(tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://crawl.example/2019/11/19/ferry", "text/html; charset=utf-8", page_html("Ferry costs rise").encode()),
        ("https://crawl.example/style.css", "text/css", b"body { color: red }"),
        ("https://crawl.example/bridge", "text/html; charset=iso-8859-1",
         page_html("Bridge to close", "iso-8859-1").encode("cp1252")),
    ])
    pages = list(load_pages(warc))
    assert [p.url for p in pages] == ["https://crawl.example/2019/11/19/ferry", "https://crawl.example/bridge"]
    assert pages[0].fetched == datetime(2019, 11, 20, 10, 0)
    assert pages[0].where.startswith(f"{warc}#")
    first, second = (build_article(p) for p in pages)
    assert (first.title, first.url, first.date, first.date_source) == (
        "Ferry costs rise", "https://crawl.example/2019/11/19/ferry", datetime(2019, 11, 19), "url")
    assert "Café owners said “fine”." in second.body
    assert second.fetched == datetime(2019, 11, 20, 10, 0)


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path):
    whole = write_warc(tmp_path / "whole.warc.gz", [
        (f"https://crawl.example/{n}", "text/html", page_html(f"Story number {n} of the crawl").encode())
        for n in range(3)])
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:-150])  # the last record ends mid-way
    report = RebuildReport()
    articles = list(read_articles([cut], report))
    assert [a.title for a in articles] == ["Story number 0 of the crawl", "Story number 1 of the crawl"]
    assert len(report.skipped) == 1 and str(cut) in report.skipped[0].path
    assert "truncated" in report.skipped[0].reason


def test_find_pages_includes_archives(tmp_path):
    for name in ["a.warc.gz", "b.html.gz", "c.mhtml", "d.gz", "e.warc"]:
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in find_pages([tmp_path])] == ["a.warc.gz", "b.html.gz", "c.mhtml", "e.warc"]
