"""The names a worker's model has read, kept across the articles that worker reads.

News repeats its names across articles as much as within one: once the model has read "Tatiana
Eriksson" in one story, a sentence of the next one whose capitalised words were all read before
need not go to the model again, and the names found before are matched there with the label the
model gave them most often. Each process keeps its own (a worker of the rebuild's pool learns from
the pages it reads); both tables are bounded, the least recently seen entry leaving first, so a
worker's memory stays flat however long the archive.
"""
from __future__ import annotations

import re
from collections import Counter, OrderedDict
from collections.abc import Iterable

from searchapp.config import setting

POSSESSIVE = re.compile(r"['’]s?$")  # "Alexander Lebed's" is matched as "Alexander Lebed"
ARTICLE = re.compile(r"^(?:the|The|THE)\s+")  # "the World Bank" is known by its first capitalised word, as "World Bank"

# Both full, with names of 25 characters: 38 MB (tracemalloc).
WORDS = 100_000  # runs of capitalised words
NAMES = 30_000  # names with their labels


class KnownNames:
    """Capitalised words in sentences the model read, and the names it found with the labels it
    gave them, least recently seen first."""

    def __init__(self, words: int = WORDS, names: int = NAMES) -> None:
        self.word_limit, self.name_limit = words, names
        self.words: OrderedDict[str, None] = OrderedDict()
        self.names: OrderedDict[str, Counter[tuple[str, str]]] = OrderedDict()  # name -> {(label, kind): times}
        self.by_first_word: dict[str, set[str]] = {}  # "Tatiana" -> {"Tatiana Eriksson"}

    def __contains__(self, run: object) -> bool:
        """Whether the model read this run of capitalised words and, if it is a name, agreed with
        itself on its label (a name it labels both ways, like "Arbil", is read again)."""
        if run not in self.words:
            return False
        counts = self.names.get(run) if isinstance(run, str) else None
        return counts is None or settled(counts)

    def __len__(self) -> int:
        return len(self.names)

    def see_words(self, words: Iterable[str]) -> None:
        """Remember runs of capitalised words the model read ("Alexander Lebed", "Moscow")."""
        for word in words:
            self.words[word] = None
            self.words.move_to_end(word)
        while len(self.words) > self.word_limit:
            self.words.popitem(last=False)

    def learn(self, found: Iterable[tuple[str, str, str]]) -> None:
        """Count the (label, kind, name) readings the model gave ("ORG", "NORP", "Kurds")."""
        for label, kind, name in found:
            name = ARTICLE.sub("", POSSESSIVE.sub("", name))
            counts = self.names.get(name)
            if counts is None:
                counts = self.names[name] = Counter()
                self.by_first_word.setdefault(first_word(name), set()).add(name)
            counts[label, kind] += 1
            self.names.move_to_end(name)
        while len(self.names) > self.name_limit:
            name, _ = self.names.popitem(last=False)
            same_start = self.by_first_word[first_word(name)]
            same_start.discard(name)
            if not same_start:
                del self.by_first_word[first_word(name)]

    def names_in(self, text: str, words: Iterable[str]) -> dict[str, Counter[tuple[str, str]]]:
        """The known names written in text, whose capitalised words are `words`."""
        found = {}
        for word in words:
            for name in self.by_first_word.get(word, ()):
                if name in text and settled(self.names[name]):
                    found[name] = self.names[name]
                    self.names.move_to_end(name)
        return found

    def clear(self) -> None:
        self.words.clear()
        self.names.clear()
        self.by_first_word.clear()


def settled(readings: Counter[tuple[str, str]]) -> bool:
    """Whether one label has most of the readings."""
    labels: Counter[str] = Counter()
    for (label, _), count in readings.items():
        labels[label] += count
    return 2 * max(labels.values(), default=0) > labels.total()


def first_word(name: str) -> str:
    return name.split(maxsplit=1)[0].rstrip(".'’") if name.strip() else name


KNOWN = KnownNames()


def forget() -> None:
    """Forget every name this process has read (tests, and benchmarks comparing runs)."""
    KNOWN.clear()


def remembering() -> KnownNames | None:
    """This process's known names when SEARCHAPP_ENTITY_MEMORY is 1; None, each article read alone, by
    default (it costs organisations about 0.01 F1 on CoNLL: docs/entities.md)."""
    return KNOWN if int(setting("ENTITY_MEMORY")) else None
