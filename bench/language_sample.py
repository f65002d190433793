"""The multilingual sample that bench/language.py measures language identification on.

Texts of 50 words or more, each labelled with the language it is written in (ISO 639-1), from:

  kits      ../shared/eval: the extraction kits' article bodies (extraction, extraction-dragnet),
            CoNLL-2003 testa's news articles (its sports results tables, lists of names and
            scores, are left out; `sports()` gives them) and GUM's Wikinews articles: English
            news, but for six pages of the extraction kit, read and labelled by hand (NOT_ENGLISH)
  gnome     GNOME's user help in 40 translations (Debian package gnome-user-docs): each page's
            paragraphs that differ from the English page (untranslated ones are left in English by
            the translators' tools), grouped into texts of 50-300 words
  faq       the Debian FAQ in 10 languages (debian-faq and debian-faq-de, -fr, -it, -ja, -ko, -nl,
            -pt, -ru, -zh-cn), paragraphs grouped the same way, those identical to the English
            FAQ's (left untranslated) taken out
  monajat   Islamic supplications in Arabic (monajat-data; its transliterations left out), grouped
            the same way
  firefox   Firefox's interface sentences (of 8 words or more) in 11 languages, from its language
            packs (firefox-esr-l10n-ar, -he, -fa, -ur, -tr, -ro, -nb-no, -hi-in, -th, -bg, -en-gb),
            those identical to a British English one (left untranslated) taken out, grouped the
            same way: Arabic, Hebrew, Persian and Urdu prose beyond GNOME's and monajat's
  own       texts written for this project in the style of the news archive (language_samples.txt)

Install the Debian packages with
    apt-get install --no-install-recommends gnome-user-docs monajat-data debian-faq \
        debian-faq-de debian-faq-fr debian-faq-it debian-faq-ja debian-faq-ko debian-faq-nl \
        debian-faq-pt debian-faq-ru debian-faq-zh-cn
and the language packs without Firefox itself (they depend on it) with
    apt-get download firefox-esr-l10n-ar firefox-esr-l10n-he ... && dpkg -x PACKAGE.deb DIR
and LANGPACKS=DIR/usr/lib/firefox-esr/browser/extensions. A source that is not installed is left
out and said so. Nothing is copied into the repository.

`mislabelled()` gives a second set: GNOME pages whose file declares a language (xml:lang) but
whose text the translators left in English, the case where a page's declared language is wrong.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KITS = ROOT.parent / "shared" / "eval"
HELP = Path("/usr/share/help")
FAQ = Path("/usr/share/doc/debian/FAQ")
MONAJAT = Path("/usr/share/monajat/data.db")
LANGPACKS = Path(os.environ.get("LANGPACKS", "/usr/lib/firefox-esr/browser/extensions"))
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\d\$)?[Sd]|&[\w.]+;|<[^<>]*>|\$\w+|\\n")
OWN = Path(__file__).resolve().parent / "language_samples.txt"
MALLARD = "{http://projectmallard.org/1.0/}"
PER_SOURCE = 40  # texts per source and language, picked evenly, so no language dominates
MIN_WORDS = 50
SIZES = (60, 90, 150, 300)  # word counts grouped texts aim at, in turn
# Scripts written without spaces between words: two characters count as one word.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
WORD = re.compile(r"[^\W\d_]{1,}", re.UNICODE)
# Pages of the extraction kit that are not in English, read and labelled by hand.
NOT_ENGLISH = {
    "21486419bb109c5a62a68957f528e6ff29c92f58d8d3c1f2837c86ff3f3e11f9": "id",  # kabarislamia.com
    "7837c9d66c815b9a21dd669a3dc21677c3f084b1b7dd603d56e87867d8970dd3": "id",  # kabarislamia.com
    "3c6d3381ef52ca26be2fbde19c1b0fe17d85682b726dfecf5e300c1ca34546b1": "ru",  # wday.ru
    "c82b3d1d540bbbd6081bdfb78b4c068c583aa766bcaaefe7ad16d24e5413a829": "ru",  # wday.ru
    "c4a3637c6696f238cf9fe1c7fbb17bbb6731a71d4f5fe399b9b4fc3294a96a6b": "ru",  # gto-normativy.ru
    "85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3": "ja",  # lhpat-tm.com
}


@dataclass(frozen=True, slots=True)
class Sample:
    text: str
    language: str  # ISO 639-1, what the text is written in
    source: str
    declared: str = ""  # what the page said it was written in, when that differs


def words(text: str) -> int:
    """Words in a text, counting two characters of Chinese, Japanese, Korean or Thai as one."""
    unspaced = len(UNSPACED.findall(text))
    return len(WORD.findall(UNSPACED.sub(" ", text))) + unspaced // 2


def iso(code: str) -> str:
    """pt_BR -> pt, zh-cn -> zh, sr@latin -> sr."""
    return re.split(r"[_@-]", code)[0].lower()


def grouped(paragraphs: list[str], turn: int = 0) -> Iterator[str]:
    """Consecutive paragraphs joined into texts of about SIZES[turn % 4] words, 50 at least."""
    group: list[str] = []
    count = 0
    for paragraph in paragraphs:
        group.append(paragraph)
        count += words(paragraph)
        if count >= SIZES[turn % len(SIZES)]:
            yield "\n\n".join(group)
            group, count, turn = [], 0, turn + 1
    if count >= MIN_WORDS:
        yield "\n\n".join(group)


def evenly(items: list, n: int = PER_SOURCE) -> list:
    """n items spread over the list (all of them when there are fewer)."""
    if len(items) <= n:
        return items
    return [items[i * len(items) // n] for i in range(n)]


def kits() -> Iterator[Sample]:
    """English news from the extraction and entity kits."""
    for kit in ("extraction", "extraction-dragnet"):
        truth = KITS / kit / "ground-truth.json"
        if truth.exists():
            for key, item in json.loads(truth.read_text()).items():
                if words(item["articleBody"]) >= MIN_WORDS:
                    yield Sample(item["articleBody"], NOT_ENGLISH.get(key, "en"), kit)
    for name, doc in conll():
        if not doc.sports and words(doc.text) >= MIN_WORDS:
            yield Sample(doc.text, "en", name)


def sports() -> Iterator[Sample]:
    """CoNLL's sports results tables (lists of names and scores): English, but hardly prose."""
    for name, doc in conll():
        if doc.sports and words(doc.text) >= MIN_WORDS:
            yield Sample(doc.text, "en", f"{name} sports")


def conll() -> Iterator[tuple[str, object]]:
    scorer = KITS / "entities" / "score.py"
    if not scorer.exists():
        return
    sys.path.insert(0, str(scorer.parent))
    import score
    for name, folder, split in (("conll", KITS / "entities", "eng.testa"), ("gum", KITS / "entities-gum", "eng.dev")):
        if (folder / split).exists():
            yield from ((name, doc) for doc in score.load_docs(split, str(folder)))


def mallard(path: Path) -> list[str]:
    from lxml import etree
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError:
        return []
    found = (" ".join("".join(p.itertext()).split()) for p in root.iter(MALLARD + "p", MALLARD + "title"))
    return [p for p in found if p]


def gnome_pages() -> Iterator[tuple[str, Path, list[str], list[str]]]:
    """(language, page, its translated paragraphs, its paragraphs left in English)."""
    english = {page.name: set(mallard(page)) for page in sorted((HELP / "C" / "gnome-help").glob("*.page"))}
    for folder in sorted(HELP.iterdir()):
        if folder.name == "C" or not (folder / "gnome-help").is_dir():
            continue
        for page in sorted((folder / "gnome-help").glob("*.page")):
            paragraphs = mallard(page)
            known = english.get(page.name, set())
            yield (iso(folder.name), page, [p for p in paragraphs if p not in known],
                   [p for p in paragraphs if p in known])


def gnome() -> Iterator[Sample]:
    """GNOME help's translated paragraphs, by language."""
    if not (HELP / "C" / "gnome-help").is_dir():
        return
    texts: dict[str, list[str]] = {}
    for language, _, translated, _ in gnome_pages():
        texts.setdefault(language, []).extend(grouped(translated, len(texts.get(language, ()))))
    for language, found in texts.items():
        yield from (Sample(text, language, "gnome") for text in evenly(found))


def mislabelled() -> Iterator[Sample]:
    """GNOME pages that declare a language but were left in English."""
    if not (HELP / "C" / "gnome-help").is_dir():
        return
    seen: dict[str, int] = {}
    for language, _, translated, untranslated in gnome_pages():
        if not translated and words(" ".join(untranslated)) >= MIN_WORDS and seen.get(language, 0) < 5:
            seen[language] = seen.get(language, 0) + 1
            yield Sample("\n\n".join(untranslated), "en", "gnome, untranslated", declared=language)


def faq() -> Iterator[Sample]:
    """The Debian FAQ's paragraphs, by language (English from the top folder)."""
    if not FAQ.is_dir():
        return
    import lxml.html
    def paragraphs(folder: Path, pattern: str) -> Iterator[list[str]]:
        for page in sorted(folder.glob(pattern)):
            found = (" ".join(p.text_content().split()) for p in lxml.html.fromstring(page.read_bytes()).iter("p"))
            yield [p for p in found if p]

    english = {p for page in paragraphs(FAQ, "*.en.html") for p in page}
    folders = [(FAQ, "en")] + [(f, iso(f.name)) for f in sorted(FAQ.iterdir()) if f.is_dir() and f.name != "images"]
    for folder, language in folders:
        found: list[str] = []
        for page in paragraphs(folder, "*.en.html" if language == "en" else "*.html"):
            found.extend(grouped([p for p in page if language == "en" or p not in english], len(found)))
        yield from (Sample(text, language, "faq") for text in evenly(found))


def monajat() -> Iterator[Sample]:
    """Arabic supplications, grouped into texts of 50 words or more."""
    if not MONAJAT.exists():
        return
    with sqlite3.connect(f"file:{MONAJAT}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT lang, text FROM monajat ORDER BY rowid").fetchall()
    arabic = [" ".join(text.split()) for language, text in rows if language == "ar"]
    yield from (Sample(text, "ar", "monajat") for text in evenly(list(grouped(arabic))))


def firefox() -> Iterator[Sample]:
    """Sentences of Firefox's language packs, placeholders and markup taken out, by language."""
    packs = {iso(pack.name.removeprefix("langpack-").split("@")[0]): pack
             for pack in sorted(LANGPACKS.glob("langpack-*.xpi"))}
    english = set(sentences(packs["en"])) if "en" in packs else set()
    for language, pack in packs.items():
        found = [s for s in sentences(pack) if language == "en" or s not in english]
        yield from (Sample(text, language, "firefox") for text in evenly(list(grouped(found))))


def sentences(pack: Path) -> list[str]:
    """The strings of 8 words or more of a language pack, placeholders and markup taken out."""
    import zipfile
    strings: dict[str, None] = {}
    with zipfile.ZipFile(pack) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith((".ftl", ".properties")):
                for line in archive.read(name).decode("utf-8", "replace").splitlines():
                    key, equals, value = line.partition("=")
                    if equals and not line.startswith(("#", " ")) and " " not in key.strip():
                        value = " ".join(PLACEHOLDER.sub(" ", value).split())
                        if len(value.split()) >= 8:
                            strings[value] = None
    return list(strings)


def own() -> Iterator[Sample]:
    """Texts written for this project: blocks under a "== xx" line."""
    if not OWN.exists():
        return
    language, lines = "", []
    for line in [*OWN.read_text(encoding="utf-8").splitlines(), "== end"]:
        if line.startswith("== "):
            text = "\n".join(lines).strip()
            if language and words(text) >= MIN_WORDS:
                yield Sample(text, language, "own")
            language, lines = line[3:].strip(), []
        elif not line.startswith("#"):
            lines.append(line)


SOURCES = {"kits": kits, "gnome": gnome, "faq": faq, "monajat": monajat, "firefox": firefox, "own": own}


def sample(sources: tuple[str, ...] = tuple(SOURCES)) -> list[Sample]:
    """Every text of the chosen sources that are installed."""
    return [found for name in sources for found in SOURCES[name]()]


def missing(sources: tuple[str, ...] = tuple(SOURCES)) -> list[str]:
    """The sources (of those chosen) that are not on this machine."""
    absent = {"kits": not KITS.is_dir(), "gnome": not HELP.joinpath("C", "gnome-help").is_dir(),
              "faq": not FAQ.is_dir(), "monajat": not MONAJAT.exists(),
              "firefox": not any(LANGPACKS.glob("langpack-*.xpi")), "own": not OWN.exists()}
    return [name for name, gone in absent.items() if gone and name in sources]


if __name__ == "__main__":
    from collections import Counter
    counts = Counter((s.source, s.language) for s in sample())
    for (source, language), n in sorted(counts.items()):
        print(source, language, n)
    print(sum(counts.values()), "texts", len({s.language for s in sample()}), "languages")
