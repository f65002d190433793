from pathlib import Path

from searchapp.ingest.cache import page_key
from searchapp.ingest.entities import warm
from searchapp.ingest.known_names import KNOWN, KnownNames, forget, remembering
from searchapp.ingest.workers import Workers
from searchapp.models import Page


def test_known_names_are_bounded_the_least_recently_seen_leaving_first():
    known = KnownNames(words=3, names=2)
    known.see_words(["Ada", "Bo", "Cy"])
    known.learn([("PER", "PERSON", "Ada Lind"), ("PER", "PERSON", "Bo Sten")])
    known.names_in("Ada Lind came.", ["Ada"])  # seen again: now the most recent
    known.see_words(["Ada", "Dee"])
    known.learn([("LOC", "GPE", "the Dee's")])
    assert list(known.words) == ["Cy", "Ada", "Dee"]
    assert dict(known.names) == {"Ada Lind": {("PER", "PERSON"): 1}, "Dee": {("LOC", "GPE"): 1}}
    assert known.by_first_word == {"Ada": {"Ada Lind"}, "Dee": {"Dee"}}


def test_forget_empties_this_process_s_known_names():
    KNOWN.see_words(["Ada"])
    KNOWN.learn([("PER", "PERSON", "Ada Lind")])
    forget()
    assert (len(KNOWN), "Ada" in KNOWN, KNOWN.by_first_word) == (0, False, {})


def test_the_model_knows_names_across_articles_only_when_told_to(monkeypatch):
    monkeypatch.delenv("SEARCHAPP_ENTITY_MEMORY", raising=False)
    assert remembering() is None
    monkeypatch.setenv("SEARCHAPP_ENTITY_MEMORY", "1")
    assert remembering() is KNOWN


def test_knowing_names_across_articles_or_not_is_part_of_a_page_s_cache_key(monkeypatch):
    page = Page(Path("a.html"), "<p>Ada Lind</p>", "html")
    monkeypatch.setenv("SEARCHAPP_ENTITY_MEMORY", "0")
    alone = page_key(page)
    monkeypatch.setenv("SEARCHAPP_ENTITY_MEMORY", "1")
    assert page_key(page) != alone


def learn_and_count(name: str) -> int:
    """A worker's task: learn a name, say how many this worker knows."""
    KNOWN.learn([("PER", "PERSON", name)])
    return len(KNOWN)


def test_a_worker_keeps_the_names_of_its_earlier_pages_and_starts_knowing_none():
    KNOWN.learn([("PER", "PERSON", "Known Before")])
    pool = Workers(1, learn_and_count, died=lambda item: -1, too_slow=lambda item: -1, prepare=warm)
    try:
        counts = [pool.collect(pool.submit([name]))[0] for name in ("Ada Lind", "Bo Sten", "Cy Wren")]
    finally:
        pool.close()
    assert (counts, len(KNOWN)) == ([1, 2, 3], 0)
