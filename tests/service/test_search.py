from datetime import datetime

import pytest

from searchapp.errors import ArticleNotFound, IndexMissing
from searchapp.models import SearchRequest
from searchapp.rebuild.options import RebuildOptions
from searchapp.rebuild.run import rebuild_index
from searchapp.service import SearchService
from tests.conftest import story, write_dump


@pytest.fixture(scope="module")
def service(index_dir):
    return SearchService(index_dir)


def titles(page):
    return [h.title for h in page.hits]


def facet(page, name):
    return {v.value: (v.count, v.selected) for f in page.facets if f.name == name for v in f.values}


def test_search_finds_by_stemmed_words(service):
    page = service.search(SearchRequest(q="ceasefires agreed"))
    assert titles(page) == ["Ankara and Moscow agree Idlib ceasefire plan"]
    assert page.total == 1
    assert "<mark>ceasefire</mark>" in page.hits[0].snippet


def test_search_is_accent_insensitive(service):
    assert titles(service.search(SearchRequest(q="sao paulo"))) == ["Café owners in São Paulo fear the election"]


def test_fields_person_place_source_title(service):
    assert service.search(SearchRequest(q="person:bolsonaro")).total == 1
    assert service.search(SearchRequest(q="place:brussels")).total == 1
    assert service.search(SearchRequest(q='source:"test courier"')).total == 1
    assert service.search(SearchRequest(q="title:election")).total == 1
    assert service.search(SearchRequest(q="title:farmers")).total == 0


def test_facets_count_every_match(service):
    page = service.search(SearchRequest())
    assert page.total == 3
    assert facet(page, "year") == {"2018": (3, False)}
    assert facet(page, "source") == {"Harbour Test": (1, False), "Test Wire": (1, False),
                                      "The Test Courier": (1, False)}
    assert facet(page, "place")["Brazil"] == (1, False)


def test_filters_and_across_facets_or_within(service):
    one = service.search(SearchRequest(filters=(("person", "Vladimir Putin"),)))
    assert titles(one) == ["Ankara and Moscow agree Idlib ceasefire plan"]
    both = service.search(SearchRequest(filters=(("person", "Vladimir Putin"), ("person", "Theresa May"))))
    assert both.total == 2
    assert facet(both, "person")["Theresa May"] == (1, True)
    none = service.search(SearchRequest(filters=(("person", "Vladimir Putin"), ("source", "Test Wire"))))
    assert none.total == 0
    # Source counts ignore the source selection: Test Wire alone would give 0 with Putin, the
    # Courier 1, so both show what choosing them would bring.
    assert facet(none, "source") == {"The Test Courier": (1, False), "Test Wire": (0, True)}


def test_counts_of_a_selected_facet_show_what_adding_a_value_brings(service):
    page = service.search(SearchRequest(filters=(("person", "Vladimir Putin"),)))
    people = facet(page, "person")
    assert people["Vladimir Putin"] == (1, True)
    assert people["Theresa May"] == (1, False) and people["Jair Bolsonaro"] == (1, False)
    assert facet(page, "source") == {"The Test Courier": (1, False)}


def test_exclusion(service):
    page = service.search(SearchRequest(exclude=(("person", "Vladimir Putin"),)))
    assert page.total == 2
    assert "Ankara and Moscow agree Idlib ceasefire plan" not in titles(page)
    excluded = [v for f in page.facets if f.name == "person" for v in f.values if v.excluded]
    assert [(v.value, v.selected) for v in excluded] == [("Vladimir Putin", False)]


def test_filter_matches_accent_and_case_variants(service):
    assert service.search(SearchRequest(filters=(("place", "sao paulo"),))).total == 1


def test_full_facet_list_by_name_and_filtered(service):
    full = service.facet(SearchRequest(), "place", order="name")
    names = [v.value for v in full.values]
    assert names == ["Ankara", "Brazil", "Brussels", "Idlib", "London", "Moscow", "Rio de Janeiro", "São Paulo",
                     "Sochi", "Syria", "Tehran", "Turkey"]
    assert not full.truncated
    assert [v.value for v in service.facet(SearchRequest(), "place", contains="sao").values] == ["São Paulo"]


def test_countries_facet(service):
    assert facet(service.search(SearchRequest()), "country")["Brazil"] == (1, False)


def test_timeline_counts_months_with_gaps_filled(service):
    page = service.search(SearchRequest())
    assert [(m.month, m.count) for m in page.timeline] == [("2018-09", 1), ("2018-10", 1), ("2018-11", 1)]


def test_sort_newest_and_oldest_are_date_sorts(service):
    newest = service.search(SearchRequest(sort="newest"))
    assert [h.date.date().isoformat() for h in newest.hits] == ["2018-11-02", "2018-10-05", "2018-09-17"]
    oldest = service.search(SearchRequest(sort="oldest"))
    assert titles(oldest) == list(reversed(titles(newest)))


def test_pages(big_index):
    service = SearchService(big_index)
    first = service.search(SearchRequest(q="harvest", sort="newest"))
    third = service.search(SearchRequest(q="harvest", sort="newest", page=3))
    assert (first.total, first.pages, len(first.hits), len(third.hits)) == (25, 3, 10, 5)
    assert first.hits[0].date == datetime(2018, 10, 25)
    assert third.hits[-1].date == datetime(2018, 10, 1)
    assert service.search(SearchRequest(q="harvest", page=9)).hits == ()


def test_malformed_query_gives_notice_and_plain_word_results(service):
    page = service.search(SearchRequest(q='"idlib ceasefire'))
    assert page.notice.startswith("A quotation mark is not closed")
    assert page.total == 1


def test_article_with_highlighted_words(service):
    hit = service.search(SearchRequest(q="ceasefire")).hits[0]
    view = service.article(hit.id, q="buffer zones")
    assert view.article.title == "Ankara and Moscow agree Idlib ceasefire plan"
    assert any("<mark>buffer</mark> <mark>zone</mark>" in p for p in view.paragraphs)


def test_unknown_article(service):
    with pytest.raises(ArticleNotFound):
        service.article("nope")


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing, match="searchapp rebuild"):
        SearchService(tmp_path).search(SearchRequest(q="x"))


def test_page_text_is_escaped_in_snippets_and_articles(tmp_path):
    pages = tmp_path / "pages"
    write_dump(pages, "x.txt", "Script <b>kiddies</b>", story(
        'The page said <script>alert("owned")</script> and nothing else about kiddies.'))
    rebuild_index(RebuildOptions([pages], tmp_path / "index"))
    service = SearchService(tmp_path / "index")
    hit = service.search(SearchRequest(q="kiddies")).hits[0]
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    view = service.article(hit.id, q="kiddies")
    assert "&lt;script&gt;" in view.paragraphs[0] and "<script>" not in view.paragraphs[0]
    assert view.title_html == "Script &lt;b&gt;<mark>kiddies</mark>&lt;/b&gt;"


def test_service_follows_a_rebuild(tmp_path):
    pages, index = tmp_path / "pages", tmp_path / "index"
    write_dump(pages, "a.txt", "Apples", story("Apples were picked early."))
    rebuild_index(RebuildOptions([pages], index))
    service = SearchService(index)
    assert service.count() == 1
    write_dump(pages, "b.txt", "Pears", story("Pears were picked late."))
    rebuild_index(RebuildOptions([pages], index))
    assert service.count() == 2


def test_sidebar_facets_are_the_head_of_the_full_list(index_dir):
    """The sidebar counts only the values it can show; they match the full list's head exactly."""
    narrow = SearchService(index_dir, facet_limit=2)
    for request in (SearchRequest(), SearchRequest(filters=(("person", "Jair Bolsonaro"),))):
        page = narrow.search(request)
        for name in ("person", "place", "country", "source"):
            full = [(v.value, v.count) for v in narrow.facet(request, name).values if v.count]
            side = next(f for f in page.facets if f.name == name)
            shown = [(v.value, v.count) for v in side.values if v.count and not v.selected]
            assert shown == [vc for vc in full if vc[0] not in request.selected(name)][: len(shown)]
            assert len(shown) == min(2, len(full)) or request.selected(name)
            assert side.truncated == (len(full) > len(side.values))
    selected = next(f for f in narrow.search(SearchRequest(filters=(("person", "Jair Bolsonaro"),))).facets
                    if f.name == "person")
    assert [v.value for v in selected.values if v.selected] == ["Jair Bolsonaro"]


def test_equal_scores_rank_newest_first_beyond_the_first_batch(tmp_path):
    """A date range scores every match alike: the newest must come first even when Whoosh's own
    first batch of equal scores (by document number) holds older ones."""
    import random
    for number in range(45):
        rng = random.Random(number)
        words = " ".join("".join(rng.choice("abcdefghiklmnoprstu") for _ in range(6)) for _ in range(80))
        # Files are read in name order, oldest first: Whoosh numbers the oldest lowest.
        write_dump(tmp_path / "pages", f"2021-{1 + number // 28:02d}-{1 + number % 28:02d}-page-{number:02d}.txt",
                   f"Page {number}", [words.capitalize() + "."])
    rebuild_index(RebuildOptions([tmp_path / "pages"], tmp_path / "index"))
    hits = SearchService(tmp_path / "index").search(SearchRequest(q="date:2021", per_page=5)).hits
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True) and dates[0] == datetime(2021, 2, 17)


def test_a_wildcard_standing_for_too_many_words_is_refused(tmp_path):
    from searchapp.errors import QueryError
    from searchapp.models import Article
    from searchapp.rebuild.run import index_articles
    words = " ".join(f"zed{n}" for n in range(1100))
    index_articles([Article(id="1", path="1", title="words", body=words)], tmp_path)
    service = SearchService(tmp_path)
    service.search(SearchRequest(q="zed1*"))  # 211 words: allowed
    service.search(SearchRequest(q="zed1~1 ceasefire"))
    with pytest.raises(QueryError, match=r'"zed\*" stands for more than 1,024 different words'):
        service.search(SearchRequest(q="peace zed*"))
    with pytest.raises(QueryError, match=r'"zed\?\*" stands for more than 1,024'):
        service.search(SearchRequest(q="zed?*"))
    with pytest.raises(QueryError, match=r'range "0 TO " takes in more than 1,024'):
        service.search(SearchRequest(q="{0TO]"))  # found by the route fuzzer


def test_wildcards_are_marked_as_the_words_they_stand_for(service):
    page = service.search(SearchRequest(q="ceasef*"))
    assert page.total and all("<mark>" in hit.snippet for hit in page.hits)
