"""Word queries scored with arrays give Whoosh's own matches and scores, on any index shape."""
import numpy as np
import pytest
from whoosh.index import create_in

from searchapp.backends.whoosh.arrays import Unsupported, evaluate
from searchapp.backends.whoosh.compile import to_whoosh
from searchapp.backends.whoosh.postings import PostingReader
from searchapp.backends.whoosh.ranking import WEIGHTING
from searchapp.backends.whoosh.schema import SCHEMA
from searchapp.search.parse import parse_query

CROPS = ["wheat", "barley", "maize", "rye", "oats", "rice", "beans", "lentils"]
TOWNS = ["Arles", "Brno", "Cork", "Delft", "Elche", "Faro", "Ghent", "Hull"]
QUERIES = [
    "harvest", "wheat market", "wheat OR barley OR rice", "harvest -wheat", "harvest NOT barley",
    "title:harvest market", "(wheat OR barley) AND market", "wheat^2 market", "harvest harvest prices",
    "person:farmer", "nothing-like-this", "market AND NOT (wheat OR rye)", "body:cooperative OR title:rye",
    "harv*", "ma* OR b?rley", "wheat~1 market", "whe*", "title:harvest~2", "zzz* harvest", "r?e",
    '"wheat market"', '"market market"', '"wheat wheat" OR barley', '"harvest in" OR rye', 'title:"harvest in"',
    '"wheat market"^3', '"wheat nothing-like-this"', '"wheat arles"~3', '-"wheat market" harvest',
]


@pytest.fixture(scope="module", params=["one segment", "segments with deletions"])
def searcher(request, tmp_path_factory):
    index = create_in(str(tmp_path_factory.mktemp("arrays")), SCHEMA)
    documents = []
    for n in range(300):
        crop, town = CROPS[n % 8], TOWNS[(n * 3) % 8]
        words = " ".join([crop] * (1 + n % 4) + ["market"] * (n % 3) + ["harvest"] * (n % 5 != 0))
        documents.append({"id": str(n), "title": f"{crop} harvest in {town}" if n % 2 else f"{town} prices",
                          "body": f"{words} cooperative {town} " + "filler " * (n % 37),
                          "people_text": "farmer" * (n % 2), "content": f"{crop} {words} {town}"})
    if request.param == "one segment":
        with index.writer() as writer:
            for doc in documents:
                writer.add_document(**doc)
    else:
        for start in (0, 150):
            writer = index.writer()
            for doc in documents[start:start + 150]:
                writer.add_document(**doc)
            writer.commit(merge=False)
        writer = index.writer()
        for n in range(0, 300, 7):
            writer.delete_by_term("id", str(n))
        writer.commit(merge=False)
    with index.searcher(weighting=WEIGHTING) as searcher:
        if request.param != "one segment":
            assert len(searcher.leaf_searchers()) == 2 and searcher.reader().has_deletions()
        yield searcher


@pytest.mark.parametrize("text", QUERIES)
def test_matches_and_scores_are_whooshs(searcher, text):
    query = to_whoosh(parse_query(text).query)
    reader = searcher.reader()
    lengths = {field: np.array([reader.doc_field_length(d, field, 1) for d in range(reader.doc_count_all())],
                               dtype=float) for field in SCHEMA.scorable_names()}
    found = evaluate(PostingReader(searcher, lengths.__getitem__), query)
    theirs = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    assert found.docs.tolist() == sorted(theirs)
    assert found.scores.tolist() == pytest.approx([theirs[d] for d in found.docs.tolist()], rel=1e-9)
    assert len(theirs) or text in ("nothing-like-this", "zzz* harvest", '"wheat nothing-like-this"')


@pytest.mark.parametrize("text", ["date:2018", "date:[2018 to 2019]"])
def test_other_queries_are_left_to_whoosh(searcher, text):
    with pytest.raises(Unsupported):
        evaluate(PostingReader(searcher, lambda field: None), to_whoosh(parse_query(text).query))
