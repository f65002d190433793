"""Random queries and parameters never make the site fail: a page or a message, never a 500."""
import os
import string
from urllib.parse import quote, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchapp.errors import QueryError
from searchapp.models import SearchRequest
from searchapp.service import SearchService

SYNTAX = ['"', "(", ")", "*", "?", "~", "^", ":", "[", "]", "{", "}", "-", "+", " AND ", " OR ", " NOT ", " TO ",
          "title:", "person:", "place:", "source:", "tag:", "date:", "date:[", "colour:", "\\", "/", "\x00", "%"]
WORDS = ["idlib", "ceasefire", "putin", "sochi", "a", "the", "zzz", "2018", "2018-09", "é", "東京"]
queries = st.lists(st.sampled_from(SYNTAX + WORDS) | st.text(string.printable, max_size=6), max_size=12).map("".join)
FAST = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 150)), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(q=queries)
def test_service_answers_any_query(seeds_index, q):
    """Every query gets results or a QueryError saying why it cannot be run, nothing else."""
    try:
        page = SearchService(seeds_index).search(SearchRequest(q=q))
    except QueryError as error:
        assert str(error).endswith(".") and len(str(error)) > 20
    else:
        assert page.total >= 0 and len(page.hits) <= page.request.per_page


@FAST
@given(q=queries, page=st.sampled_from(["1", "0", "-5", "99999999999999999999", "x", ""]),
       per_page=st.sampled_from(["10", "-1", "0", "1000000", "abc"]),
       extra=st.dictionaries(st.sampled_from(["person", "not_place", "from", "to", "sort", "year", "bogus"]),
                             st.text(max_size=12), max_size=3))
def test_routes_never_fail(seeds_client, q, page, per_page, extra):
    params = {"q": q, "page": page, "per_page": per_page, **extra}
    for path in ("/search", "/api/search", "/search.atom", "/search.csv", "/facet/person", "/suggest"):
        # Streamed answers (the CSV) hold their request context until closed: close each one here,
        # not whenever the garbage collector gets to it in the middle of a later request.
        with seeds_client.get(path, query_string=params) as response:
            response.get_data()
            assert response.status_code in (200, 400), (path, params, response.status_code)


PATH_VALUES = st.sampled_from(["Vladimir Putin", "Sochi", "person", "place", "year", "../../etc/passwd",
                               "..%2F..%2Fsetup.cfg", "%00", "a/b/c", "0123456789abcdef", "<script>", "é"]) | \
    st.text(string.printable + "é東", min_size=1, max_size=20)


@FAST
@given(data=st.data())
def test_every_route_answers_with_a_page_or_a_reason(seeds_client, data):
    """Each route of the app, path variables and parameters drawn at random: the answer is a
    page, a 400 with its reason, a 404 (an unknown article, person or facet) or a redirect
    within the site; never a 500."""
    app = seeds_client.application
    rules = [rule for rule in app.url_map.iter_rules() if "GET" in rule.methods and rule.endpoint != "static"]
    rule = data.draw(st.sampled_from(rules))
    values = {name: data.draw(PATH_VALUES) for name in rule.arguments}
    path = rule.rule
    for name, value in values.items():
        path = path.replace(f"<path:{name}>", quote(value, safe="/")).replace(f"<{name}>", quote(value, safe=""))
    params = data.draw(st.dictionaries(st.sampled_from(["q", "page", "per_page", "person", "not_place", "from",
                                                        "to", "sort", "order", "contains", "pos", "bogus"]),
                                       queries, max_size=4))
    with seeds_client.get(path, query_string=params) as response:
        body = response.get_data(as_text=True)
    assert response.status_code in (200, 303, 308, 400, 404), (path, params, response.status_code)
    if response.status_code in (303, 308):  # the advanced form's search; "//" made "/" by the router
        assert urlsplit(response.location).netloc in ("", "localhost") and response.location.count("//") <= 1
    elif response.status_code != 200:
        assert "Traceback" not in body and len(body) > 50


def test_the_route_list_is_the_apps(seeds_client):
    """The test above draws from every route there is: more than twenty, pages and API alike."""
    rules = {rule.rule for rule in seeds_client.application.url_map.iter_rules()}
    assert {"/article/<article_id>/removed", "/api/person/<path:name>", "/search.csv", "/report"} <= rules
    assert len(rules) > 20
