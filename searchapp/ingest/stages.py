"""The stages that make an article of a loaded page: parse -> meta -> clean -> language -> date -> entities.

Each stage takes the draft so far and returns it with its part filled in; a stage that finds the
page unusable raises PageError, and the pipeline records the page and the reason once.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from searchapp.errors import PageError
from searchapp.ingest.clean import clean_html
from searchapp.ingest.dates import date_from_dateline, date_from_text, date_from_url
from searchapp.ingest.dumps import clean_dump
from searchapp.ingest.entities import Entities, extract_entities
from searchapp.ingest.html import parse_html
from searchapp.ingest.ids import document_id
from searchapp.ingest.language import Language, identify
from searchapp.ingest.load import load_pages
from searchapp.ingest.meta import Meta, read_meta
from searchapp.languages import code_of
from searchapp.models import Article, Page
from searchapp.text import fold


@dataclass(frozen=True, slots=True)
class Draft:
    """A page on its way to becoming an article: what the stages so far made of it."""

    page: Page
    tree: HtmlElement | None = None  # HTML pages only, parsed once for every stage
    meta: Meta = field(default_factory=Meta)
    body: str = ""
    captions: tuple[str, ...] = ()
    header: tuple[str, ...] = ()  # standfirst, byline and date lines the page shows above the body
    extracted_by: str = "text dump"  # how the body was found (see clean.Cleaned.route)
    language: Language | None = None  # None until the language stage has run
    entities: Entities = field(default_factory=lambda: Entities((), ()))


Stage = Callable[[Draft], Draft]


def parse(draft: Draft) -> Draft:
    """Parse HTML into a tree; a text dump is split into its title, body and captions here."""
    page = draft.page
    if page.kind == "html":
        return replace(draft, tree=parse_html(page.text))
    dump = clean_dump(page.text)
    return replace(draft, meta=Meta(title=dump.title, source=dump.source), body=dump.body,
                   captions=tuple(dump.captions))


def meta(draft: Draft) -> Draft:
    """Read what the page declares about itself (before clean takes the boilerplate away)."""
    if draft.tree is None:
        return draft
    return replace(draft, meta=read_meta(draft.tree))


def clean(draft: Draft) -> Draft:
    """Keep the article's text and captions, nothing around them."""
    if draft.tree is None:
        return draft
    try:
        cleaned = clean_html(draft.tree, draft.page.text, draft.meta.title)
    except PageError as error:
        raise PageError(str(error), source=draft.meta.source) from error
    return replace(draft, tree=None, body=cleaned.body, captions=cleaned.captions, header=cleaned.header,
                   extracted_by=cleaned.route)


def language(draft: Draft) -> Draft:
    """Decide the language the article is written in: the page's, unless its text says otherwise."""
    return replace(draft, language=identify(title_of(draft), draft.body, draft.meta.language))


def date(draft: Draft) -> Draft:
    """Fill in the date from the page's URL, a dateline or the file name when it declares none."""
    return replace(draft, meta=dated(draft.meta, draft.body, draft.page))


def entities(draft: Draft) -> Draft:
    """Find the people, places, countries and organisations the article names."""
    language = draft.language.code if draft.language else code_of(draft.meta.language)
    return replace(draft, entities=extract_entities(title_of(draft), draft.body, language=language))


STAGES: tuple[Stage, ...] = (parse, meta, clean, language, date, entities)


def build_article(page: Page, stages: tuple[Stage, ...] = STAGES) -> Article:
    """Turn one loaded page into an article, or raise PageError saying why not."""
    draft = Draft(page)
    for stage in stages:
        draft = stage(draft)
    return to_article(draft)


def to_article(draft: Draft) -> Article:
    """The article a finished draft describes, with its stable id."""
    page, found = draft.page, draft.meta
    url = found.url or page.url
    return Article(
        id=document_id(url, draft.body), path=page.where, title=title_of(draft), body=draft.body,
        source=found.source or (urlsplit(url).hostname or "").removeprefix("www."), url=url,
        date=found.date, date_source=found.date_source, updated=found.updated, author=found.author,
        language=draft.language.code if draft.language else code_of(found.language),
        section=found.section, tags=found.tags, captions=draft.captions, header=draft.header,
        people=draft.entities.people, places=draft.entities.places, countries=draft.entities.countries,
        organisations=not_the_source(draft.entities.organisations, found.source),
        fetched=page.fetched, extracted_by=draft.extracted_by,
    )


def not_the_source(organisations: tuple[str, ...], source: str) -> tuple[str, ...]:
    """The organisations an article names, less the outlet that published it (its own credit line)."""
    return tuple(o for o in organisations if fold(o) != fold(source)) if source else organisations


def title_of(draft: Draft) -> str:
    return draft.meta.title or draft.page.path.stem.replace("-", " ").replace("_", " ")


def load_article(path: Path) -> Article:
    """The article of a single-page file (tests, benchmarks, the removed-text view)."""
    page = next(load_pages(path))
    if isinstance(page, PageError):
        raise page
    return build_article(page)


def dated(found: Meta, body: str, page: Page) -> Meta:
    """The page's metadata with the best date there is for it."""
    if found.date and found.date_source == "htmldate" and (found.date.month, found.date.day) == (1, 1):
        # htmldate gives 1 January when it only found a year; a dateline in that year says more.
        in_dateline = date_from_dateline(body, found.date.year)
        if in_dateline and in_dateline.year == found.date.year:
            return replace(found, date=in_dateline, date_source="dateline")
    if found.date:
        return found
    named = date_from_url(page.path.name)
    in_text = date_from_text(page.text) if page.kind == "text" else None
    for when, source in ((date_from_url(page.url), "url"),
                         (date_from_dateline(body, named.year if named else None), "dateline"),
                         (in_text, "page text"), (named, "file name")):
        if when:
            return replace(found, date=when, date_source=source)
    return found
