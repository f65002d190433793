"""Did you mean: words are looked up as the vocabulary holds them, in any language, and field
names are never corrected."""
from __future__ import annotations

from searchapp.service.spelling import correct_spelling
from searchapp.text import within_edits


class Vocabulary:
    """An engine's vocabulary (Engine.frequency and Engine.near) over a few words."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.asked: list[str] = []

    def frequency(self, word: str) -> int:
        self.asked.append(word)
        return self.counts.get(word, 0)

    def near(self, word: str, distance: int) -> list[str]:
        return [w for w in self.counts if w[:1] == word[:1] and within_edits(word, w, distance)]


def test_a_misspelled_word_is_replaced_by_the_nearest_known_one():
    engine = Vocabulary({"negociations": 3, "talks": 5, "title": 9, "floods": 2})
    assert correct_spelling("Négociatoins talks", engine) == "Negociations talks"
    assert correct_spelling("title:talks flods", engine) == "title:talks floods"  # fields are left alone
    assert not any(word.startswith("titl") for word in engine.asked)


def test_arabic_words_are_looked_up_with_their_letters_as_written():
    engine = Vocabulary({"رئيس": 4, "مفاوضات": 2})
    assert correct_spelling("رئيس", engine) == ""  # known: its hamza seat kept (fold() would drop it)
    assert correct_spelling("مُفاوَضات", engine) == ""  # its vowels are part of the word, then left out
    assert engine.asked == ["رئيس", "مفاوضات"]
    assert correct_spelling("مفاوضاا", engine) == "مفاوضات"
