"""Which way text from the archive is written: the lang and dir attributes of titles, snippets and
articles, so that Arabic and Hebrew read right to left inside the site's English pages."""
from __future__ import annotations

from flask import Flask
from markupsafe import Markup, escape

from searchapp.languages import RIGHT_TO_LEFT, name_of

SITE_LANGUAGE = "en"  # <html lang="en">: what the site's own words are written in


def text_attributes(code: str) -> Markup:
    """The attributes of a text from the archive in a language: ' lang="ar" dir="rtl"' for one
    written right to left, ' lang="fr"' for another, nothing for English (the page's own), and
    ' dir="auto"' (the browser reads the direction from its first letters) when it is unknown."""
    if not code:
        return Markup(' dir="auto"')
    if code == SITE_LANGUAGE:
        return Markup("")
    if code in RIGHT_TO_LEFT:
        return Markup(' lang="{}" dir="rtl"').format(escape(code))
    return Markup(' lang="{}"').format(escape(code))


def init_app(app: Flask) -> None:
    """Make the helpers available to every template."""
    app.jinja_env.globals.update(text_attributes=text_attributes, language_name=name_of)
