"""The realistic benchmark archive: reproducible, as heavy as real pages, and read by our own loader."""

import re

from bench.realistic import generate, page, shape, story_of
from bench.realistic_queries import draw_queries
from bench.realistic_text import Writer
from searchapp.ingest.load import load_page
from searchapp.ingest.stages import STAGES, build_article

PAGES = 20


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_same_seed_same_bytes(tmp_path):
    generate(tmp_path / "one", PAGES, seed=3)
    generate(tmp_path / "two", PAGES, seed=3)
    one = {path.relative_to(tmp_path / "one"): path.read_bytes() for path in (tmp_path / "one").rglob("*.html")}
    two = {path.relative_to(tmp_path / "two"): path.read_bytes() for path in (tmp_path / "two").rglob("*.html")}
    assert len(one) == PAGES and one == two


def test_pages_are_as_heavy_as_real_ones():
    writer = Writer(7)
    shapes = [shape(page(writer, 7, index)[2]) for index in range(PAGES)]
    assert all(30_000 < row["bytes"] < 800_000 and 250 < row["elements"] < 2_500 for row in shapes)
    assert all(500 <= sum(len(p.split()) for p in writer.story(index).paragraphs) <= 1_100 for index in range(PAGES))


def test_the_loader_reads_the_article_not_the_chrome(tmp_path):
    assert generate(tmp_path, 4, seed=7)["wire"] == 1  # page 1 is an earnings table (bench/realistic_wire.py)
    writer = Writer(7)
    stories = {story.headline: story for story in (story_of(writer, 7, index) for index in range(4))}
    assert any(story.kind for story in stories.values())
    for path in sorted(tmp_path.rglob("*.html")):
        article = build_article(load_page(path), STAGES[:-1])  # people and places are not what is tested
        assert article.title in stories
        story = stories[article.title]
        body, extracted = words(" ".join(story.paragraphs)), words(article.body)
        assert len(body & extracted) / len(body) > 0.9
        assert "cookies" not in extracted and "advertisement" not in extracted
        assert len(article.body.split()) < 1.3 * sum(len(p.split()) for p in story.paragraphs)


def test_queries_are_short_some_phrases_some_faceted():
    requests = draw_queries(200, pages=500, seed=7)
    assert requests == draw_queries(200, pages=500, seed=7)
    assert all(1 <= len(request.q.strip('"').split()) <= 4 for request in requests)
    phrases = sum(request.q.startswith('"') for request in requests)
    faceted = sum(bool(request.filters) for request in requests)
    assert 20 <= phrases <= 60 and 30 <= faceted <= 70
