"""bench/language.py: the multilingual sample is made of texts of 50 words or more with their
languages, and the benchmark prints the accuracy with the sample's languages and sizes."""
import subprocess
import sys
from pathlib import Path

import pytest

from bench.language_sample import MIN_WORDS, evenly, grouped, own, words
from bench.realistic import generate
from searchapp.ingest.load import load_page
from searchapp.ingest.stages import STAGES, build_article

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, count", [("one two three", 3), ("l'envoyé, 2018", 2), ("日本語の文章", 3), ("", 0)])
def test_words(text, count):
    assert words(text) == count


def test_paragraphs_are_grouped_into_texts_of_50_words_or_more():
    paragraphs = [" ".join(["mot"] * 20)] * 30  # 600 words
    texts = list(grouped(paragraphs))
    assert texts and all(words(t) >= MIN_WORDS for t in texts)
    assert sum(words(t) for t in texts) <= 600 and len({words(t) for t in texts}) > 1  # of several sizes
    assert list(grouped([" ".join(["mot"] * 30)])) == []  # too short for a text of its own


def test_evenly_spreads_the_picks():
    assert evenly(list(range(10)), 5) == [0, 2, 4, 6, 8] and evenly([1, 2], 5) == [1, 2]


def test_our_own_texts_are_labelled_and_long_enough():
    texts = list(own())
    assert {t.language for t in texts} >= {"fr", "ar", "he", "fa", "ur"}
    assert all(words(t.text) >= MIN_WORDS and t.source == "own" for t in texts)


def test_the_benchmark_prints_accuracy_languages_and_sizes():
    done = subprocess.run([sys.executable, "bench/language.py", "--sources", "own", "--realistic", "5"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "sample: 15 texts of 54+ words, 12 languages; own 15" in out
    assert "Arabic (ar)" in out and "Hebrew (he)" in out and "French (fr)" in out
    assert "searchapp   accuracy 1.0000 (15/15)  target >= 0.98 met" in out
    assert "5/5 read as English" in out


def test_realistic_pages_are_read_as_english(tmp_path):
    generate(tmp_path, 4, seed=7)
    stages = tuple(stage for stage in STAGES if stage.__name__ != "entities")
    assert {build_article(load_page(path), stages).language for path in tmp_path.rglob("*.html")} == {"en"}
