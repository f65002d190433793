"""bench/feedback_cost.py on a tiny realistic archive: its pasted queries are long OR queries that
relevance feedback expands, and it times both arms on the same app, leaving the service as it was."""

import pytest

from bench.feedback_cost import best_times, pasted
from bench.search_scale import make_articles
from searchapp.rebuild.run import index_articles
from searchapp.search import feedback
from searchapp.web import create_app

ARTICLES = 60


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("feedback-cost")
    index_articles(make_articles(ARTICLES), folder)
    return create_app({"TESTING": True, "INDEX_DIR": folder, "BACKEND": ""})


def test_pasted_queries_are_words_of_the_archive_joined_by_or():
    requests = pasted(5, 20, ARTICLES)
    assert len(requests) == 5 and all(len(r.q.split(" OR ")) == 20 for r in requests)
    assert pasted(5, 20, ARTICLES) == requests  # seeded


def test_both_arms_are_timed_and_only_the_first_expands(app):
    service, requests = app.extensions["search"], pasted(3, 20, ARTICLES)
    ranking = service.ranking
    expanded = []
    def counted(request, query):
        expanded.append(ranking(request, query))
        return expanded[-1]
    service.ranking = counted
    best = best_times(app.test_client(), service, requests, rounds=1)
    assert service.ranking is counted
    del service.ranking
    assert set(best) == {"with", "without"} and all(len(times) == 3 and all(0 < t < 60 for t in times)
                                                    for times in best.values())
    assert len(expanded) == 3 and all(type(query).__name__ == "AndMaybe" for query in expanded)
    assert feedback.query_words(service.read(requests[0].q).query) is not None
