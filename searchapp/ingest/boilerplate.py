"""Line-level rules for what news sites add around an article, shared by HTML and text dumps."""
from __future__ import annotations

import re

MIN_WORDS = 20  # less than this is a notice ("This page has moved"), not an article
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
# "8Previous article..." (the 8 is an icon glyph), "Next story »", "Read more: ...", "Related: ..."
NAVIGATION = re.compile(
    r"^\W{0,3}\d?\s*(?:(?:previous|next|older|newer)\s*(?:article|story|post|item)"
    r"|read\s+more\b|related(?:\s+(?:articles?|stories|coverage|content|links))?\s*[:»]"
    r"|see\s+also\s*:|more\s+on\s+this\s*:|most\s+read\b|recommended\s*(?:for\s+you)?\s*:?$)",
    re.I,
)
# Share prompts, sign-up boxes, cookie notices, ad labels: short lines made only of these words.
PROMPTS = re.compile(
    r"^\W*(?:share(?:\s+(?:this|on|via)\b.*)?|tweet|email|print|comments?(?:\s*\(\d+\))?|\d+\s+comments?"
    r"|advertisement|sponsored(?:\s+content)?|sign\s+up\b.*|subscribe\b.*|follow\s+us\b.*"
    r"|we\s+use\s+cookies\b.*|accept(?:\s+all)?(?:\s+cookies)?|click\s+here\b.*"
    r"|(?:facebook|twitter|whatsapp|linkedin|reddit)(?:\s*[/|·,]\s*\w+)*)\W*$",
    re.I,
)
# "(Tolga Bozoglu/Pool Photo via AP, File)", "Photo: Ana Ruiz / Reuters", "Credit: ... / AFP"
CREDIT = re.compile(
    r"^\s*(?:\(\s*[^()]{2,80}/[^()]{1,60}\)\s*\\?|(?:photo|picture|image|credit|photograph)s?"
    r"(?:\s+by)?\s*[:|-]\s*[^.]{2,80}|.{0,300}\bcredit\s*(?:\.{3}|…|:)\s*[^.]{2,80})\s*$",
    re.I,
)
# A line that is only a date: "October 5, 2018", "17 September 2018 14:05", "Updated: 2018-09-17"
DATE_ONLY = re.compile(
    r"^\W*(?:(?:published|updated|posted)\s*:?\s*)?(?:\w+,?\s+){0,3}(?:19|20)\d{2}(?:[-/.]\d{1,2}){0,2}"
    r"(?:,?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\W*$",
    re.I,
)
BYLINE = re.compile(r"^\s*(?:by|written by|reporting by)\s+[A-Z][\w.'-]+(?:\s+(?:and\s+)?[A-Z][\w.'-]+){0,5}\s*$")


def is_navigation(line: str) -> bool:
    """Tell whether a line is a prev/next or related-links pointer rather than article text."""
    return len(line) < 300 and bool(NAVIGATION.match(line.strip()))


def is_prompt(line: str) -> bool:
    """Tell whether a line is a share, sign-up, cookie or ad prompt."""
    return len(line) < 200 and bool(PROMPTS.match(line.strip()))


def is_credit(line: str) -> bool:
    """Tell whether a line is a photo credit."""
    return len(line) < 400 and bool(CREDIT.match(line))


def is_byline(line: str) -> bool:
    """Tell whether a line is only a byline ("By Jane Doe")."""
    return bool(BYLINE.match(line))


def is_date_only(line: str) -> bool:
    """Tell whether a line is only a publication date."""
    return len(line) < 60 and bool(DATE_ONLY.match(line.strip()))


def split_paragraphs(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Split candidate paragraphs into (body, credits), dropping navigation, prompts and bylines."""
    body, credit_lines = [], []
    for paragraph in paragraphs:
        text = paragraph.strip().rstrip("\\").strip()
        if not text or is_navigation(text) or is_prompt(text) or is_byline(text) or is_date_only(text):
            continue
        if is_credit(paragraph):
            credit_lines.append(text)
        else:
            body.append(text)
    return body, credit_lines


def words(paragraphs: list[str]) -> int:
    """Rough word count; scripts written without spaces count a word per two characters."""
    text = " ".join(paragraphs)
    return len(text.split()) + len(UNSPACED.findall(text)) // 2
