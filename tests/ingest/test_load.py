import codecs

import pytest

from searchapp.errors import PageError
from searchapp.ingest.load import decode, find_pages, load_page
from tests.conftest import PAGES

TEXT = "Çavuşoğlu said “peace” — in São Paulo"


@pytest.mark.parametrize("data, encoding", [
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (b'<meta charset="iso-8859-9">' + TEXT.encode("iso-8859-9", "replace"), "iso-8859-9"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
     + "“peace” — São Paulo".encode("cp1252"), "windows-1252"),
    (TEXT.encode("utf-8"), "utf-8"),
])
def test_decode_follows_bom_then_declared_charset(data, encoding):
    text, used = decode(data)
    assert used == encoding
    assert "São Paulo" in text


def test_latin1_label_decodes_as_windows_1252_like_browsers():
    text, used = decode(b'<meta charset="ISO-8859-1"><p>\x93quoted\x94</p>')
    assert (used, "“quoted”" in text) == ("cp1252", True)


def test_undeclared_legacy_bytes_are_detected_not_crashed():
    data = ("<p>" + "Les négociations ont échoué à Genève, déclare le ministre. " * 20 + "</p>").encode("cp1252")
    text, _ = decode(data)
    assert "négociations" in text


def test_wrong_declared_charset_falls_back():
    text, _ = decode(b'<meta charset="no-such-charset"><p>caf\xc3\xa9</p>')
    assert "café" in text


def test_undecodable_bytes_never_crash():
    text, _ = decode(b"<p>ok \xff\xfe\xfa broken \x80 bytes</p>" * 3, "html")
    assert "broken" in text


def test_find_pages_walks_folders_recursively_in_order(tmp_path):
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    for name in ["a.html", "b/deeper/c.htm", "b/d.txt", "notes.pdf", ".hidden.html", "b/e.HTML"]:
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_pages([tmp_path])]
    assert found == ["a.html", "b/d.txt", "b/e.HTML", "b/deeper/c.htm"]


def test_load_page_reads_cp1252_page():
    page = load_page(PAGES / "site-a" / "cafe-cp1252.html")
    assert (page.kind, page.encoding) == ("html", "windows-1252")
    assert "Café owners in São Paulo" in page.text


@pytest.mark.parametrize("name, content, reason", [
    ("empty.html", b"  \n", "empty file"),
    ("binary.html", bytes(range(256)) * 8, "binary data"),
    ("notes.pdf", b"%PDF-1.4", "not a page"),
])
def test_load_page_rejects_what_is_not_a_page(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PageError, match=reason):
        load_page(path)


def test_unreadable_file_is_a_page_error(tmp_path):
    with pytest.raises(PageError, match="cannot read"):
        load_page(tmp_path / "missing.html")


def test_links_out_of_the_archive_and_link_loops_are_not_followed(tmp_path):
    archive, outside = tmp_path / "archive", tmp_path / "secret"
    archive.mkdir()
    outside.mkdir()
    (outside / "passwords.txt").write_text("not news")
    (archive / "a.html").write_text("<p>x</p>")
    (archive / "leak.txt").symlink_to(outside / "passwords.txt")
    (archive / "inner.html").symlink_to(archive / "a.html")
    (archive / "folder").symlink_to(outside, target_is_directory=True)
    (archive / "loop.html").symlink_to(archive / "loop.html")
    assert [p.name for p in find_pages([archive])] == ["a.html", "inner.html"]
