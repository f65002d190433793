"""Random queries and parameters never make the site fail: a page or a message, never a 500."""
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from searchapp.errors import QueryError
from searchapp.models import SearchRequest
from searchapp.search.service import SearchService

SYNTAX = ['"', "(", ")", "*", "?", "~", "^", ":", "[", "]", "{", "}", "-", "+", " AND ", " OR ", " NOT ", " TO ",
          "title:", "person:", "place:", "source:", "tag:", "date:", "date:[", "colour:", "\\", "/", "\x00", "%"]
WORDS = ["idlib", "ceasefire", "putin", "sochi", "a", "the", "zzz", "2018", "2018-09", "é", "東京"]
queries = st.lists(st.sampled_from(SYNTAX + WORDS) | st.text(string.printable, max_size=6), max_size=12).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


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
        response = seeds_client.get(path, query_string=params)
        assert response.status_code in (200, 400), (path, params, response.status_code)
