"""Links to a changed search are built without url_for per link; they must be url_for's own."""
from datetime import date

import pytest
from flask import url_for

from searchapp.models import SearchRequest
from searchapp.web import create_app, params

REQUESTS = [
    SearchRequest(q="Idlib ceasefire"),
    SearchRequest(q='"oil prices" & café/ü?=#%+', filters=(("person", "Vladimir Putin"), ("place", "Idlib"),
                                                         ("person", "Recep Tayyip Erdoğan")),
                  exclude=(("country", "Russia"),)),
    SearchRequest(),
    SearchRequest(q="x", sort="newest", per_page=25, page=3, date_from=date(2018, 1, 1)),
]
CHANGES = [{}, {"page": "2"}, {"person": ["A B", "C&D"]}, {"q": ""}]


@pytest.mark.parametrize("request_", REQUESTS)
@pytest.mark.parametrize("endpoint", ["pages.search", "api.search", "feeds.atom"])
def test_search_links_are_what_url_for_makes(tmp_path, request_, endpoint):
    app = create_app({"INDEX": str(tmp_path)})
    with app.test_request_context("/"):
        for changes in CHANGES:
            args = params.changed_args(request_, **changes)
            assert params.search_url(request_, endpoint, **changes) == url_for(endpoint, **args)


def test_links_to_a_path_with_variables_are_url_for_s(tmp_path):
    app = create_app({"INDEX": str(tmp_path)})
    with app.test_request_context("/"):
        request_ = SearchRequest(q="Idlib", filters=(("person", "Vladimir Putin"),))
        link = params.search_url(request_, "articles.article", article_id="abc123", pos="3")
        assert link == url_for("articles.article", article_id="abc123", q="Idlib", person=["Vladimir Putin"], pos="3")
        facet_page = url_for("pages.facet", param="place")
        assert params.search_url(request_, "pages.facet", param="place").startswith(facet_page)


@pytest.mark.parametrize("request_", REQUESTS)
@pytest.mark.parametrize("endpoint", ["pages.search", "api.search"])
def test_facet_value_links_are_what_url_for_makes(tmp_path, request_, endpoint):
    """Links that add, remove or exclude a facet value, for values chosen, excluded and neither."""
    app = create_app({"INDEX": str(tmp_path)})
    with app.test_request_context("/"):
        for param in ("person", "place", "country"):
            for value in ("Vladimir Putin", "Idlib", "Russia", "Recep Tayyip Erdoğan", "A&B ü"):
                for link, key in ((params.toggle_url, param), (params.exclude_url, params.EXCLUDE + param)):
                    args = params.to_args(request_)
                    other = params.EXCLUDE + param if key == param else param
                    chosen, others = list(args.get(key, [])), list(args.get(other, []))
                    if value in chosen or value in others:
                        change = {key: [v for v in chosen if v != value], other: [v for v in others if v != value]}
                    else:
                        change = {key: [*chosen, value], other: others}
                    assert link(request_, param, value, endpoint) == url_for(
                        endpoint, **params.changed_args(request_, **change))
