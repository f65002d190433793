"""Our own postings arrays give exactly what Whoosh's blocks give: documents, weights, positions,
matches and scores, on an index of several segments with deletions, with articles in English,
French and Arabic (their words marked with their language, search/analysis.py)."""
import os
import shutil

import numpy as np
import pytest
from whoosh.index import create_in, open_dir

from searchapp.backends.whoosh.arrays import evaluate
from searchapp.backends.whoosh.compile import to_whoosh
from searchapp.backends.whoosh.postings import PostingReader, read
from searchapp.backends.whoosh.ranking import WEIGHTING
from searchapp.backends.whoosh.schema import SCHEMA, whoosh_document
from searchapp.backends.whoosh.store import FIELDS, open_store, store_folder, write_store
from searchapp.search.analysis import analysis_of
from searchapp.search.parse import parse_query
from tests.backends.whoosh.test_arrays import QUERIES

WORDS = ["wheat", "barley", "market", "harvest", "prices", "rise", "in", "the", "rain", "port"]
OTHERS = {"fr": ["blé", "orge", "marché", "récolte", "prix", "hausse", "dans", "la", "pluie", "port"],
          "ar": ["القمح", "الشعير", "السوق", "الحصاد", "الأسعار", "ارتفاع", "في", "مفاوضات", "المطر", "ميناء"]}
LANGUAGES = ("en", "fr", "ar")


def documents(start: int, count: int):
    for n in range(start, start + count):
        language = "fr" if n % 5 == 0 else "ar" if n % 7 == 0 else ""
        vocabulary = OTHERS.get(language, WORDS)
        words = [vocabulary[(n * k + k * k) % len(vocabulary)] for k in range(1, 4 + n % 40)]
        yield whoosh_document({
            "id": str(n), "title": " ".join(words[:3]) + f" {vocabulary[3] if n % 2 else vocabulary[9]}",
            "body": " ".join(words), "content": " ".join(words + words[::-1]), "people_text": "farmer" * (n % 2),
            "language": language, "analysis": analysis_of(language)})


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    index = create_in(str(folder), SCHEMA)
    for start in (0, 200):
        writer = index.writer()
        for doc in documents(start, 200):
            writer.add_document(**doc)
        writer.commit(merge=False)
    writer = index.writer()
    for n in range(0, 400, 9):
        writer.delete_by_term("id", str(n))
    writer.commit(merge=False)
    write_store(folder)
    return folder


@pytest.fixture
def searcher(index):
    with open_dir(str(index)).searcher(weighting=WEIGHTING) as searcher:
        assert len(searcher.leaf_searchers()) == 2 and searcher.reader().has_deletions()
        yield searcher


def stores_of(folder, searcher) -> dict:
    segments = [leaf.reader().segment().segment_id() for leaf, _ in searcher.leaf_searchers()]
    stores = {segment: open_store(folder, segment) for segment in segments}
    assert all(stores.values())
    return stores


def lengths_of(searcher):
    reader = searcher.reader()
    lengths = {field: np.array([reader.doc_field_length(d, field, 1) for d in range(reader.doc_count_all())],
                               dtype=float) for field in SCHEMA.scorable_names()}
    return lengths.__getitem__


@pytest.mark.parametrize("field", FIELDS)
def test_every_word_reads_as_from_whooshs_blocks(index, searcher, field):
    stores = stores_of(index, searcher)
    words = list(searcher.reader().lexicon(field))
    assert len(words) > 5
    for word in [*words, b"nothing-like-this"]:
        ours, theirs = read(searcher, field, word, stores), read(searcher, field, word, {})
        assert ours.docs.tolist() == theirs.docs.tolist()
        assert ours.weights.tolist() == theirs.weights.tolist()
        every = np.arange(len(theirs.docs))
        for got, expected in zip(ours.positions(every), theirs.positions(every), strict=True):
            assert got.tolist() == expected.tolist()
        some = every[::3]  # any subset
        for got, expected in zip(ours.positions(some), theirs.positions(some), strict=True):
            assert got.tolist() == expected.tolist()


@pytest.mark.parametrize("text", [*QUERIES, '"wheat barley"', '"the rain in"', 'title:"harvest port"', "récoltes",
                                  '"pluie dans la port"', "marché OR القمح", "الأسعار", "مفاوضات -السوق", "prix*"])
@pytest.mark.parametrize("languages", [("en",), LANGUAGES])
def test_matches_and_scores_are_whooshs(index, searcher, text, languages):
    query = to_whoosh(parse_query(text, languages).query)
    found = evaluate(PostingReader(searcher, lengths_of(searcher), stores_of(index, searcher)), query)
    theirs = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert found.docs.tolist() == sorted(theirs)
    assert found.scores.tolist() == pytest.approx([theirs[d] for d in found.docs.tolist()], rel=1e-9)


def test_a_new_build_links_the_arrays_of_segments_it_keeps(index, tmp_path):
    build = tmp_path / "next"
    shutil.copytree(index, build, ignore=shutil.ignore_patterns("postings"))
    ix = open_dir(str(build))
    writer = ix.writer()
    for doc in documents(400, 50):
        writer.add_document(**doc)
    writer.commit(merge=False)
    write_store(build, previous=index)
    with ix.searcher() as searcher:
        segments = [leaf.reader().segment().segment_id() for leaf, _ in searcher.leaf_searchers()]
    kept = {path.name for path in store_folder(index).iterdir()}
    assert len(segments) == 3
    for segment in segments:
        assert open_store(build, segment) is not None
        header = f"{segment}.json"
        if header in kept:  # linked, not written again
            assert os.path.samefile(store_folder(build) / header, store_folder(index) / header)
    ix.optimize()  # merged into one segment: the arrays of the three are gone
    write_store(build)
    with ix.searcher() as searcher:
        (only,) = [leaf.reader().segment().segment_id() for leaf, _ in searcher.leaf_searchers()]
    assert {path.name.split(".")[0] for path in store_folder(build).iterdir()} == {only}
