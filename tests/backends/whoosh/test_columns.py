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
from searchapp.search import query as q
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


def test_a_joined_surname_is_the_full_names_group_once_per_document(tmp_path):
    """"Reagan" alone (in any case) joins "Ronald Reagan": one group, which a document naming both
    holds once; "Baker" stays alone beside two full names that share it."""
    named = [("Ronald Reagan", "Reagan"), ("Reagan",), ("REAGAN",), ("Ronald Reagan",), ("Howard Baker",),
             ("James Baker",), ("Baker",)]
    index_articles([Article(id=f"r{n}", path=f"r{n}", title="Capitol report", body="The trade bill.",
                            people=people) for n, people in enumerate(named)], tmp_path)
    engine = WhooshEngine(tmp_path)
    with engine.searcher() as searcher:
        column = engine.columns(searcher).fields["people"]
        ids = searcher.reader().column_reader("id")
        groups = {ids[d]: column.groups[column.starts[d]:column.starts[d + 1]].tolist() for d in range(len(named))}
        reagan = column.keys["reagan"]
        assert column.keys["ronald reagan"] == reagan and column.labels[reagan] == "Ronald Reagan"
        assert groups["r0"] == [reagan] and groups["r1"] == groups["r2"] == groups["r3"] == [reagan]
        assert len({column.keys["baker"], column.keys["howard baker"], column.keys["james baker"]}) == 3
        assert column.joined == {"Ronald Reagan": ("REAGAN", "Reagan", "Ronald Reagan")}
        assert sorted(ids[d] for d in column.docs_with([reagan], column.starts.size - 1).nonzero()[0]) == \
            ["r0", "r1", "r2", "r3"]
        counts, distinct = Selection(searcher, engine.columns(searcher), SearchRequest(), to_whoosh(q.Every())
                                     ).counts("person")
    assert counts == {"Ronald Reagan": 4, "Howard Baker": 1, "James Baker": 1, "Baker": 1} and distinct == 4
