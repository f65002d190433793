"""The same story from two sites is one result, with "also published by"; exact copies are one article."""
import shutil
import sqlite3

import pytest

from searchapp.ingest.duplicates import NearDuplicates
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from searchapp.web import create_app
from tests.conftest import FIXTURES, PAGES


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory):
    pages = tmp_path_factory.mktemp("syndicated-pages")
    shutil.copytree(PAGES, pages / "pages")
    shutil.copytree(FIXTURES / "syndicated", pages / "wire")
    index = tmp_path_factory.mktemp("syndicated-index")
    rebuild_index(RebuildOptions([pages], index))
    return index


def test_near_duplicates_share_the_first_cluster():
    near = NearDuplicates(sqlite3.connect(""))
    story = " ".join(f"Sentence {n} of the story says the council voted on day {n} to close bridge {n}."
                     for n in range(30))
    assert near.cluster("a", story) == "a"
    assert near.cluster("b", "Something else entirely about grain prices and the harvest in the north.") == "b"
    assert near.cluster("c", story + " The mayor welcomed the vote.") == "a"
    assert near.cluster("d", story.replace("Sentence 3 ", "Line 3 ")) == "a"


def test_republished_story_is_one_result_with_also_published_by(syndicated):
    service = SearchService(syndicated)
    page = service.search(SearchRequest(q="demilitarised zone Idlib"))
    assert page.total == 1
    assert [source for _, source in page.hits[0].also] in (["Wire Republisher"], ["The Test Courier"])
    everything = service.search(SearchRequest())
    assert everything.total == 3  # three stories, four articles
    year = next(f for f in everything.facets if f.name == "year")
    assert [(v.value, v.count) for v in year.values] == [("2018", 3)]


def test_each_copy_keeps_its_own_page_and_links_to_the_other(syndicated):
    client = create_app({"TESTING": True, "INDEX_DIR": syndicated}).test_client()
    data = client.get("/api/search?q=demilitarised+zone+Idlib").get_json()
    hit = data["hits"][0]
    other = hit["also_published_by"][0]["id"]
    html = client.get(f"/article/{other}").get_data(as_text=True)
    assert "Also published by" in html and f'href="/article/{hit["id"]}"' in html
    results = client.get("/search?q=demilitarised+zone+Idlib").get_data(as_text=True)
    assert "Also published by" in results


def test_report_counts_the_republished_copy(syndicated):
    rows, rebuild = SearchService(syndicated).report()
    by_source = {r.source: r for r in rows}
    assert sum(r.republished for r in rows) == 1
    assert by_source["The Test Courier"].duplicates == 1
    assert by_source["(unknown source)"].skipped == {"binary data, not a saved page": 1, "empty file": 1}
    assert rebuild["seen"] == 7 and rebuild["indexed"] == 4


def test_the_same_clusters_as_datasketch_and_memory_that_does_not_grow():
    """Bands on disk find what datasketch's LSH in memory finds; admitting articles costs no
    memory per article."""
    import random
    import tracemalloc

    from datasketch import MinHashLSH

    from searchapp.ingest.dedup import Admission
    from searchapp.ingest.duplicates import PERMUTATIONS, SIMILARITY, minhash
    from searchapp.models import Article

    rng = random.Random(5)
    words = [f"w{n}" for n in range(400)]
    stories = [" ".join(rng.choices(words, k=120)) for _ in range(40)]
    texts = [rng.choice(stories) + " " + " ".join(rng.choices(words, k=rng.choice([0, 3, 60]))) for _ in range(300)]
    lsh, cluster_of = MinHashLSH(threshold=SIMILARITY, num_perm=PERMUTATIONS), {}
    expected = []
    for n, text in enumerate(texts):
        signature = minhash(text)
        cluster = min((cluster_of[m] for m in lsh.query(signature)), default=f"{n:04d}")
        lsh.insert(f"{n:04d}", signature)
        cluster_of[f"{n:04d}"] = cluster
        expected.append(cluster)
    near = NearDuplicates(sqlite3.connect(""))
    assert [near.cluster(f"{n:04d}", text) for n, text in enumerate(texts)] == expected
    assert len(set(expected)) < 300  # the test has near-duplicates in it

    admission = Admission()
    articles = [Article(id=f"{n:016x}", path=f"/archive/page-{n}.html", title="t", body=text)
                for n, text in enumerate(texts)]
    tracemalloc.start()
    for article in articles[:100]:
        admission.admit(article)
    after_100 = tracemalloc.get_traced_memory()[0]
    for article in articles[100:]:
        admission.admit(article)
    after_300 = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert after_300 - after_100 < 200 * 300  # in memory it was about 2,700 bytes an article
