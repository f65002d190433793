"""How the service names joined values in requests and reads them in the query field."""
from searchapp.models import SearchRequest
from searchapp.search import query as q
from searchapp.search.facets import FACETS
from searchapp.search.parse import parse_query
from searchapp.service.joins import NO_JOINS, canonical, joined_query, joins_of

JOINS = joins_of({"Ronald Reagan": ("REAGAN", "Reagan", "Ronald Reagan")})
FIELD = {"people_text": (FACETS["person"], JOINS)}
GROUP = q.Or((q.Term("people", "Ronald Reagan"), q.Term("people", "REAGAN"), q.Term("people", "Reagan")))


def test_a_joined_value_is_named_as_its_group_is_shown():
    assert JOINS.name("reagan") == JOINS.name("RONALD REAGAN") == "Ronald Reagan"
    assert JOINS.name("Howard Baker") == "Howard Baker" and NO_JOINS.name("Reagan") == "Reagan"


def test_requests_name_each_group_once():
    request = SearchRequest(q="trade", filters=(("person", "Reagan"), ("place", "Reagan"), ("person", "Ronald Reagan"),
                                                ("person", "Howard Baker")), exclude=(("person", "REAGAN"),))
    assert canonical(request, {"person": JOINS}) == SearchRequest(
        q="trade", filters=(("person", "Ronald Reagan"), ("place", "Reagan"), ("person", "Howard Baker")),
        exclude=(("person", "Ronald Reagan"),))
    unchanged = SearchRequest(filters=(("person", "Howard Baker"),))
    assert canonical(unchanged, {"person": JOINS}) is unchanged


def test_the_person_field_naming_the_group_finds_the_group_where_it_narrows_the_search():
    assert joined_query(parse_query('person:"Ronald Reagan"').query, FIELD) == GROUP
    assert joined_query(parse_query('trade person:"ronald reagan"').query, FIELD) == q.And((
        q.Or((q.Term("content", "trade"), q.Term("title", "trade", 0.2))), GROUP))
    excluded = joined_query(parse_query('trade -person:"Ronald Reagan"').query, FIELD)
    assert isinstance(excluded, q.AndNot) and excluded.negative == GROUP


def test_other_phrases_and_alternatives_are_read_word_by_word_as_before():
    for typed in ('person:"Howard Baker"', 'person:"Ronald Reagan" OR trade', 'person:"Ronald Reagan"~3',
                  "person:Reagan", 'title:"Ronald Reagan"'):
        assert joined_query(parse_query(typed).query, FIELD) == parse_query(typed).query, typed
