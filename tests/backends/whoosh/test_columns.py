"""Facet counts made with the columns are the counts Whoosh's own grouping makes: per value of
every facet field, for word queries and for every article."""
from __future__ import annotations

from datetime import datetime

import pytest
from whoosh import sorting

from searchapp.backends.whoosh.compile import to_whoosh
from searchapp.backends.whoosh.engine import WhooshEngine
from searchapp.backends.whoosh.selection import Selection
from searchapp.models import Article, SearchRequest
from searchapp.rebuild.run import index_articles
from searchapp.search.facets import FACETS
from searchapp.search.parse import parse_query

PEOPLE = ["Vladimir Putin", "Recep Tayyip Erdogan", "Angela Merkel", "Emmanuel Macron", "Theresa May"]
PLACES = ["Idlib", "Sochi", "Ankara", "Berlin", "Paris", "Brussels"]
WORDS = ["ceasefire", "summit", "talks", "border", "refugees", "trade"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("columns")
    articles = []
    for n in range(120):  # each article its own story, so stories and documents count alike
        articles.append(Article(
            id=f"a{n:03d}", path=f"p{n}", title=f"{WORDS[n % 6]} {WORDS[(n * 5) % 6]}",
            body=" ".join(WORDS[(n + k) % 6] for k in range(n % 4 + 1)), source=f"Site {n % 3}",
            date=datetime(2018, 1 + n % 12, 1 + n % 27) if n % 7 else None,
            people=tuple(PEOPLE[(n + k) % 5] for k in range(n % 3)),
            places=tuple(PLACES[(n * k) % 6] for k in range(1, n % 4 + 1)), tags=("war",) * (n % 2)))
    index_articles(articles, folder)
    return WhooshEngine(folder)


@pytest.mark.parametrize("text", ["", "ceasefire", "summit talks", "border OR trade", "refugees -trade"])
@pytest.mark.parametrize("param", list(FACETS))
def test_counts_are_whooshs_grouping(engine, text, param):
    field = FACETS[param].field
    query = parse_query(text).query
    with engine.searcher() as searcher:
        ours, _ = Selection(searcher, engine.columns(searcher), SearchRequest(q=text), to_whoosh(query)).counts(param)
        results = searcher.search(to_whoosh(query), limit=None,
                                  groupedby={field: sorting.FieldFacet(field, allow_overlap=True)})
        theirs = {value.decode() if isinstance(value, bytes) else value: len(docs)
                  for value, docs in results.groups(field).items() if value}
    assert ours == theirs
