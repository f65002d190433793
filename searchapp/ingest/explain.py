"""What cleaning kept and removed: the saved page's text, block by block, for users to check."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from searchapp.errors import PageError
from searchapp.ingest.html import parse_html, strings
from searchapp.ingest.load import load_page
from searchapp.models import Article, Page
from searchapp.text import squash

NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "head"})


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    fate: str  # "kept", "title", "header", "caption" or "removed"


def reload_page(where: str) -> Page:
    """Read a page again from where the index says it came from (a path, or a WARC record)."""
    path, _, offset = where.partition("#")
    if offset.isdigit():
        from searchapp.ingest.warc import warc_record

        return warc_record(Path(path), int(offset))
    return load_page(Path(where))


def explain(article: Article) -> list[Block]:
    """Every text block of the saved page, in page order, with what cleaning did to it."""
    page = reload_page(article.path)
    text = "\n".join(strings(parse_html(page.text), hidden=NOT_TEXT)) if page.kind == "html" else page.text
    body, captions = f" {squash(article.body)} ", [squash(c) for c in article.captions]
    paragraphs = {squash(p) for p in article.paragraphs}
    title, header = squash(article.title), {squash(line) for line in article.header}
    blocks = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        key = squash(line)
        # Two-word scraps ("By", "Home") are in any body; they count as kept only as whole paragraphs.
        if key and (f" {key} " in body if len(key.split()) > 2 else key in paragraphs):
            fate = "kept"
        elif key and key == title:
            fate = "title"
        elif key and key in header:
            fate = "header"
        elif key and any(key in c or c in key for c in captions if c):
            fate = "caption"
        else:
            fate = "removed"
        blocks.append(Block(line, fate))
    if not blocks:
        raise PageError("the saved page has no text")
    return blocks

