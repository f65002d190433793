"""Relevance feedback on every engine (service/feedback.py): a long query of words joined by OR
ranks higher a story that shares the words of its first results, matches and counts exactly
what the query matches, and short queries and date orders are left as they are. Engines that
rank by neither query boosts nor optional words (searchd 2.2) are left as they are too."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import pytest

from searchapp.models import Article, SearchRequest
from searchapp.rebuild.run import index_articles
from searchapp.search import feedback
from searchapp.search.analysis import words
from searchapp.service import SearchService
from searchapp.text import fold
from tests.contract.conftest import BACKENDS, address_of

LONG = "harbour OR cranes OR dockers OR strike OR cargo OR port"


def article(key: str, title: str, body: str, day: int, source: str = "Wire") -> Article:
    return Article(id=key, path="", title=title, body=body, source=source, date=datetime(2018, 9, day), language="en")


PORT = [
    article("port-strike", "Dockers strike at the port",
            "Dockers walked out at the port on Monday: cranes stood idle and cargo piled up in the harbour. The "
            "union called a picket at every gate, and the picket held through the night. The union says the "
            "strike goes on until wages rise.", 1),
    article("port-owners", "Port owners meet the union",
            "Owners of the port met the union over the strike of the dockers. The union wants wages to rise; the "
            "owners offered a bonus to end the picket at the cargo gates.", 2, "Herald"),
    article("port-ships", "Ships wait outside the harbour",
            "Ships with cargo waited outside the harbour for a third day as the strike of the dockers kept the "
            "cranes still.", 3),
    # Each holds one word of the query, in a slightly longer text for the one about the picket:
    # without the words of the first results, the fair ranks above it.
    article("teachers-picket", "Teachers stand outside their school",
            "Teachers joined the union picket outside the school by the harbour, and the union picket lasted "
            "all day.", 4, "Herald"),
    article("summer-fair", "A summer fair by the sea",
            "Families enjoyed the summer fair by the harbour, with music, games, songs and stalls all day.", 5),
]
TOPICS = ("garden", "library", "museum", "railway", "bakery", "theatre", "orchard", "bridge", "choir", "market")
FILLERS = [article(f"notes-{i}", f"Notes from the {TOPICS[i % 10]} committee",
                   f"The {TOPICS[i % 10]} committee met again and agreed on a plan for the {TOPICS[(i * 3 + 1) % 10]} "
                   f"and the {TOPICS[(i * 7 + 2) % 10]} before winter.", 10 + i % 20) for i in range(40)]
ARTICLES = PORT + FILLERS


@pytest.fixture(scope="module", params=BACKENDS)
def service(request, tmp_path_factory) -> SearchService:
    url = address_of(request, request.param)
    folder = tmp_path_factory.mktemp(f"{request.param}-feedback")
    index_articles(ARTICLES, folder, backend=url)
    return SearchService(folder, backend=url)


def holds(article: Article) -> set[str]:
    return set(words("text", "\n".join([article.title, article.body]), article.language))


def matching(text: str) -> list[Article]:
    """The articles holding any word of a query of words joined by OR."""
    wanted = set(words("text", text.replace(" OR ", " ")))
    return [a for a in ARTICLES if holds(a) & wanted]


def test_the_engine_counts_the_articles_holding_each_word(service):
    asked = ["union", "picket", "harbour", "docker", "committe", "nowher"]
    expected = {word: sum(word in holds(a) for a in ARTICLES) for word in asked}
    assert expected == {"union": 3, "picket": 3, "harbour": 4, "docker": 3, "committe": 40, "nowher": 0}
    found = service.engine.content_frequencies(asked)
    assert {word: found.get(word, 0) for word in asked} == expected


def test_a_long_query_ranks_higher_a_story_sharing_the_words_of_its_first_results(service):
    request = SearchRequest(q=LONG)
    query = service.read(LONG).query
    before = service.engine.ranked_ids(request, query, 10)
    after = service.ranked_ids(request, 10)
    assert before.index("summer-fair") < before.index("teachers-picket")
    if service.engine.ranks_with_boosts:
        assert after.index("teachers-picket") < after.index("summer-fair")
        assert set(after) == set(before) == {a.id for a in PORT}
    else:  # searchd 2.2 would ignore the added words: nothing is added
        assert service.ranking(request, query) is query
        assert after == before


def test_the_added_words_change_the_order_not_the_matches_counts_or_marks(service):
    request = SearchRequest(q=LONG, per_page=50)
    page = service.search(request)
    expected = matching(LONG)
    assert page.total == len(expected) == 5
    assert {hit.id for hit in page.hits} == {a.id for a in expected}
    sources: dict[str, int] = defaultdict(int)
    for a in expected:
        sources[fold(a.source)] += 1
    assert {fold(v.value): v.count for f in page.facets if f.name == "source" for v in f.values} == sources
    assert all("<mark>" in hit.snippet and "<mark>union" not in hit.snippet and "<mark>picket" not in hit.snippet
               for hit in page.hits)


@pytest.mark.parametrize("text, sort", [
    ("harbour", "relevance"), ("harbour OR union", "relevance"), ("harbour OR cranes OR dockers OR strike", ""),
    ("harbour cranes dockers strike cargo port", ""), (LONG, "newest"), (LONG, "oldest"),
    (f'({LONG}) -"summer fair"', ""),
])
def test_short_queries_other_queries_and_date_orders_are_left_as_they_are(service, text, sort):
    request = SearchRequest(q=text, sort=sort)
    query = service.read(text).query
    assert service.ranking(request, query) is query
    assert service.ranked_ids(request, 50) == service.engine.ranked_ids(request, query, 50)


def test_only_long_queries_of_words_joined_by_or_are_expanded(service):
    request = SearchRequest(q=LONG)
    query = service.read(LONG).query
    assert feedback.query_words(query) is not None
    assert (service.ranking(request, query) is not query) == service.engine.ranks_with_boosts
