import re
from html import unescape

import pytest
from markupsafe import escape

from searchapp.models import Article
from searchapp.rebuild.run import index_articles
from searchapp.web import create_app
from tests.web.test_filters import chips, clear_all, submit


def ids_in(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/article/([0-9a-f]{16})', html)


def heading(html: str) -> str:
    """The results heading, as a reader hears it."""
    found = re.search(r'<h1 id="results-heading">(.*?)</h1>', html, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", unescape(found)).split())


def test_home_has_search_box_and_count(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert 'name="q"' in html and "3 articles" in html
    assert 'href="/help"' in html and 'href="/advanced"' in html


def test_results_page(client):
    html = client.get("/search?q=ceasefire").get_data(as_text=True)
    assert heading(html) == "Results 1–1 of 1 for ceasefire" and "seconds" in html
    assert "Ankara and Moscow agree Idlib ceasefire plan" in html
    assert "<mark>ceasefire</mark>" in html
    assert "The Test Courier" in html and "17 September 2018" in html
    assert len(ids_in(html)) == 1


def test_facet_checkboxes_add_and_remove_filters(client):
    html = client.get("/search?q=").get_data(as_text=True)
    assert re.search(r'<input type="checkbox" id="[^"]+" name="person" value="Vladimir Putin">\s*<label', html)
    filtered = client.get(submit(html, tick=(("person", "Vladimir Putin"),))).get_data(as_text=True)
    assert heading(filtered) == "Results 1–1 of 1"
    assert re.search(r'name="person" value="Vladimir Putin" checked>', filtered)
    both = client.get(submit(filtered, tick=(("person", "Theresa May"),))).get_data(as_text=True)
    assert heading(both) == "Results 1–2 of 2"
    remove = chips(filtered)["person: Vladimir Putin"]
    assert "person=" not in remove
    assert heading(client.get(remove).get_data(as_text=True)) == "Results 1–3 of 3"


def test_filters_combine(client):
    html = client.get("/search?person=Vladimir+Putin&person=Theresa+May&year=2018").get_data(as_text=True)
    assert heading(html) == "Results 1–2 of 2"
    assert list(chips(html)) == ["person: Vladimir Putin", "person: Theresa May", "year: 2018"]
    assert clear_all(html) == "/search"


def test_exclusion_links(client):
    html = client.get("/search").get_data(as_text=True)
    link = unescape(re.search(r'href="([^"]*not_person=Vladimir[^"]*)"', html).group(1))
    excluded = client.get(link).get_data(as_text=True)
    assert heading(excluded) == "Results 1–2 of 2" and "person: not Vladimir Putin" in chips(excluded)
    assert "Ankara and Moscow agree" not in excluded


def test_more_link_and_full_facet_page(app):
    app.config["FACET_LIMIT"] = 2
    app.extensions["search"].facet_limit = 2
    client = app.test_client()
    html = client.get("/search").get_data(as_text=True)
    more = unescape(re.search(r'href="(/facet/place[^"]*)"', html).group(1))
    page = client.get(more).get_data(as_text=True)
    assert "<h1>Places</h1>" in page and 'name="contains"' in page
    assert page.count('class="value"') == 12
    by_name = client.get("/facet/place?order=name&contains=o").get_data(as_text=True)
    assert re.findall(r'class="value"[^>]*>\s*<bdi>([^<]+?)</bdi></a>', by_name) == [
        "London", "Moscow", "Rio de Janeiro", "São Paulo", "Sochi"]
    assert client.get("/facet/nope").status_code == 404


def test_person_page(client):
    html = client.get("/person/Vladimir Putin").get_data(as_text=True)
    assert "<h1>Vladimir Putin</h1>" in html and "Mentioned in 1 article." in html
    assert "People mentioned with Vladimir Putin" in html and 'href="/person/Recep%20Tayyip%20Erdogan"' in html
    assert "<svg" in html and "2018-09: 1" in html
    assert "Ankara and Moscow agree Idlib ceasefire plan" in html


def test_place_page_accepts_any_spelling(client):
    html = client.get("/place/sao paulo").get_data(as_text=True)
    assert "<h1>São Paulo</h1>" in html


def test_unknown_person_is_404(client):
    response = client.get("/person/Nobody Atall")
    assert response.status_code == 404 and "No article in the archive mentions" in response.get_data(as_text=True)


def test_people_in_results_link_to_their_pages(client):
    html = client.get("/search?q=ceasefire").get_data(as_text=True)
    assert 'class="mentions"' in html and 'href="/person/Vladimir%20Putin"' in html


def test_sort_links_and_newest_first(client):
    html = client.get("/search?sort=oldest").get_data(as_text=True)
    titles = re.findall(r'<h2><a href="/article/[^"]+">([^<]+)</a>', html)
    assert titles[0] == "Ankara and Moscow agree Idlib ceasefire plan"
    assert '<strong aria-current="true">Oldest</strong>' in html
    assert "sort=newest" in html


def test_pagination(big_index):
    client = create_app({"TESTING": True, "INDEX_DIR": big_index}).test_client()
    html = client.get("/search?q=harvest&page=2").get_data(as_text=True)
    assert heading(html) == "Results 11–20 of 25 for harvest"
    assert '<span aria-current="page">2</span>' in html
    assert 'rel="prev"' in html and 'rel="next"' in html and "page=3" in html
    assert '<ol class="hits" start="11">' in html
    assert len(ids_in(html)) == 10


@pytest.mark.parametrize("page", ["0", "-3", "abc"])
def test_bad_page_numbers_are_clamped(client, page):
    assert client.get(f"/search?q=ceasefire&page={page}").status_code == 200


@pytest.mark.parametrize("page", ["1001", "999999999999"])
def test_pages_beyond_ten_thousand_results_are_refused_with_the_reason(client, page):
    response = client.get(f"/search?q=ceasefire&page={page}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Only the first 10,000 results can be paged through" in html
    assert 'value="ceasefire"' in html  # the search box keeps the query to narrow it
    api = client.get(f"/api/search?q=ceasefire&page={page}")
    assert api.status_code == 400 and "10,000" in api.get_json()["message"]


@pytest.mark.parametrize("q", ['"idlib ceasefire', "(ceasefire", "title:", "colour:red ceasefire", "AND",
                               "*", "ceasefire)", "\x00", "a" * 4000])
def test_bad_queries_never_fail(client, q):
    response = client.get("/search", query_string={"q": q})
    assert response.status_code == 200


@pytest.mark.parametrize("q, reason", [
    ("a" * 4001, "Searches are limited to 4,000 characters; this one has 4,001."),
    (" ".join(f"word{n} the" for n in range(151)),
     "This search has 151 different words to look for; at most 150 can be searched at once."),
    ("*fire", '"*fire" starts with a wildcard, which would try every word in the archive'),
    ("ceasefire title:?dlib", '"?dlib" starts with a wildcard'),
])
def test_costly_queries_are_refused_with_the_reason(client, q, reason):
    response = client.get("/search", query_string={"q": q})
    assert response.status_code == 400
    assert escape(reason) in response.get_data(as_text=True)
    assert client.get("/api/search", query_string={"q": q}).get_json()["message"].startswith(reason)


def test_a_quoted_wildcard_is_only_text(client):
    assert client.get("/search", query_string={"q": '"*fire" ceasefire'}).status_code == 200


def test_malformed_query_explains_and_shows_plain_word_results(client):
    html = client.get("/search", query_string={"q": '"idlib ceasefire'}).get_data(as_text=True)
    assert "A quotation mark is not closed" in html
    assert "Showing results for <strong>idlib ceasefire</strong>" in html
    assert heading(html) == "Results 1–1 of 1 for \"idlib ceasefire"


def test_query_text_is_escaped(client):
    html = client.get("/search", query_string={"q": "<script>alert(1)</script>"}).get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_article_page(client):
    article_id = ids_in(client.get("/search?q=ceasefire").get_data(as_text=True))[0]
    html = client.get(f"/article/{article_id}?q=buffer").get_data(as_text=True)
    assert "<h1>Ankara and Moscow agree Idlib ceasefire plan</h1>" in html
    assert "Nadia Okafor" in html and "17 September 2018" in html
    assert 'href="https://www.testcourier.example/2018/09/17/idlib-ceasefire-plan/?utm_source=feed"' in html
    assert "<mark>buffer</mark>" in html
    assert html.count("<p>") >= 5
    assert "(Lorenzo Quist/Test Agency)" in html
    assert 'href="/person/Vladimir%20Putin"' in html and 'href="/place/Idlib"' in html
    assert 'href="/search?country=Syria"' in html


def test_unknown_article_is_a_real_404(client):
    response = client.get("/article/0000000000000000")
    assert response.status_code == 404
    assert "Article not found" in response.get_data(as_text=True)


def test_unknown_page_is_404(client):
    assert client.get("/nope").status_code == 404


def test_missing_index_is_503_with_instructions(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": tmp_path}).test_client()
    response = client.get("/search?q=x")
    assert response.status_code == 503
    assert "searchapp rebuild" in response.get_data(as_text=True)
    assert client.get("/").status_code == 503


def test_stylesheet_is_served_locally(client):
    with client.get("/static/style.css") as response:
        assert response.status_code == 200 and b"@media" in response.data


def test_a_result_position_past_the_pageable_results_is_ignored(client):
    """pos= comes from the URL: a huge one must not make the service rank that many results."""
    article_id = ids_in(client.get("/search?q=ceasefire").get_data(as_text=True))[0]
    response = client.get(f"/article/{article_id}?q=ceasefire&pos=999999999999999999")
    assert response.status_code == 200 and 'rel="next"' not in response.get_data(as_text=True)


def test_the_article_page_shows_the_standfirst_marked_but_not_the_byline_twice(tmp_path):
    index = tmp_path / "index"
    index_articles([Article(
        id="s1", path="p", title="Idlib ceasefire holds", body="The ceasefire held for a third day in Idlib.",
        source="Test Courier", url="https://example.com/s1", author="Nadia Okafor",
        header=("Turkish and Russian patrols begin along the buffer zone <today>", "By Nadia Okafor",
                "17 September 2018"))], index)
    client = create_app({"TESTING": True, "INDEX_DIR": index}).test_client()
    html = client.get("/article/s1?q=patrols").get_data(as_text=True)
    standfirst = html[html.index('<div class="standfirst"'):]
    standfirst = standfirst[:standfirst.index("</div>")]
    assert "Turkish and Russian <mark>patrols</mark> begin along the buffer zone &lt;today&gt;" in standfirst
    assert "Okafor" not in standfirst and "2018" not in standfirst
    assert html.count("Nadia Okafor") == 1  # the meta line's "by Nadia Okafor"


def test_an_article_without_a_standfirst_shows_none(client):
    article_id = ids_in(client.get("/search?q=ceasefire").get_data(as_text=True))[0]
    html = client.get(f"/article/{article_id}").get_data(as_text=True)
    assert 'class="standfirst"' not in html  # its header is a byline and a date line only
