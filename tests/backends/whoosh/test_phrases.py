"""The phrase boost read only for documents that can make the page ranks as Whoosh's phrase
query read for every match does."""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from functools import partial

import numpy as np
import pytest
from whoosh import query as wq

from searchapp.backends.whoosh import selection
from searchapp.backends.whoosh.arrays import Matches, add_where
from searchapp.backends.whoosh.phrases import holding_all, phrase_scores
from searchapp.backends.whoosh.postings import PostingReader
from searchapp.models import Article, SearchRequest
from searchapp.rebuild.run import index_articles
from searchapp.search.analysis import TEXT_ANALYZER
from searchapp.service import SearchService

WORDS = ["oil", "prices", "rise", "market", "bank", "rates", "fall", "talks", "deal", "news", "said", "week"]


def whoosh_scores(searcher, query: wq.Query, docs: np.ndarray) -> np.ndarray:
    """The query's scores for docs (0 where it does not match), as Whoosh's search gives them."""
    found = np.zeros(len(docs))
    hits = [(hit.docnum, hit.score) for hit in searcher.search(query, limit=None)]
    if hits:
        numbers = np.array([d for d, _ in hits], dtype=np.int64)
        inside = np.isin(numbers, docs)
        found[np.searchsorted(docs, numbers[inside])] = np.array([s for _, s in hits])[inside]
    return found


def reference_scores(reading, docs, scores, phrase, nth_best, count):
    """The scores as before: Whoosh's phrase query over every match, added where it matches."""
    extra = [(hit.docnum, hit.score) for hit in reading.searcher.search(phrase, limit=None)]
    if not extra:
        return scores
    return add_where(Matches(docs, scores), Matches(np.array([d for d, _ in extra], dtype=np.int64),
                                                    np.array([s for _, s in extra]))).scores


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    rng = random.Random(4)
    articles = []
    for n in range(400):
        body = "\n\n".join(" ".join(rng.choices(WORDS, k=rng.randint(5, 60))) for _ in range(rng.randint(1, 4)))
        cluster = f"a{n - 1}" if n % 17 == 1 else ""  # some copies of the previous story
        articles.append(Article(id=f"a{n}", path=f"a{n}.html", title=" ".join(rng.choices(WORDS, k=4)), body=body,
                                date=datetime(2020, 1, 1) + timedelta(days=rng.randrange(30)), cluster=cluster))
    folder = tmp_path_factory.mktemp("phrases")
    index_articles(articles, folder, backend="whoosh")
    return SearchService(folder, backend="whoosh")


QUERIES = [" ".join(pair) for pair in zip(WORDS, WORDS[1:] + WORDS[:1], strict=True)] + \
    ["oil prices rise", "bank rates fall", "said said", "news week deal", "market"]


@pytest.mark.parametrize("count", [1, 3, 10, 50])
@pytest.mark.parametrize("text", QUERIES)
def test_ranking_is_the_one_of_the_full_phrase_query(service, monkeypatch, text, count):
    request = SearchRequest(q=text, sort="relevance")
    found = service.ranked_ids(request, count)
    monkeypatch.setattr(selection, "with_phrase_scores", reference_scores)
    assert found == service.ranked_ids(request, count)


@pytest.mark.parametrize("field", ["content", "title"])
@pytest.mark.parametrize("text", ["oil prices", "oil prices rise", "said said", "deal news", "news oil fall"])
def test_phrase_scores_are_whooshs(service, text, field):
    with service.engine.searcher() as searcher:
        columns = service.engine.columns(searcher)
        reading = PostingReader(searcher, partial(columns.lengths, searcher.reader()))
        docs = np.arange(searcher.doc_count_all(), dtype=np.int64)
        phrase = wq.Phrase(field, [t.text for t in TEXT_ANALYZER(text)], boost=2.0)
        expected = whoosh_scores(searcher, phrase, docs)
        assert phrase_scores(reading, phrase, docs).tolist() == pytest.approx(expected.tolist(), rel=1e-9)
        assert np.flatnonzero(phrase_scores(reading, phrase, docs)).tolist() == np.flatnonzero(expected).tolist()
        holding = holding_all(reading, phrase)
        assert set(np.flatnonzero(expected)) <= set(holding.tolist())
        assert phrase_scores(reading, phrase, holding).tolist() == pytest.approx(expected[holding].tolist(), rel=1e-9)
