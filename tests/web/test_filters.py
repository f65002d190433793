"""The results page's filters: one form for every group, removable chips, and the site's own script."""
import re
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest


def chips(html: str) -> dict[str, str]:
    """{what a chip shows ("person: Vladimir Putin"): where it leads} for every active filter."""
    found = re.findall(r'<a class="chip" href="([^"]*)"><span class="visually-hidden">Remove filter: </span>'
                       r'<span class="kind" aria-hidden="true">([^<]*)</span>([^<]*)'
                       r'<span aria-hidden="true"> ×</span></a>', html)
    return {unescape(kind + label): unescape(href) for href, kind, label in found}


def clear_all(html: str) -> str:
    return unescape(re.search(r'<a class="clear" href="([^"]*)">Clear all<span class="visually-hidden"> filters</span>',
                              html).group(1))


def filters_form(html: str) -> str:
    forms = re.findall(r'<form class="facet filters" id="filters".*?</form>', html, re.S)
    assert len(forms) == 1, "one filters form on the page"
    return forms[0]


def submit(html: str, tick: tuple[tuple[str, str], ...] = (), untick: tuple[tuple[str, str], ...] = ()) -> str:
    """The URL a browser goes to when the filters form is applied, after ticking and unticking
    boxes, given as (param, value)."""
    form = filters_form(html)
    fields = [(n, unescape(v)) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)]
    boxes = re.findall(r'<input type="checkbox" id="[^"]+" name="([^"]+)" value="([^"]*)"( checked)?', form)
    for name, value, checked in boxes:
        value = unescape(value)
        if (checked and (name, value) not in untick) or (name, value) in tick:
            fields.append((name, value))
    return "/search?" + urlencode(fields)


def params(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def test_every_group_is_in_one_form_with_one_apply(client):
    html = client.get("/search?q=&not_place=London&sort=oldest&from=2018-01&to=2018-12").get_data(as_text=True)
    form = filters_form(html)
    legends = re.findall(r'<legend id="facet-(\w+)">', form)
    assert legends == ["person", "place", "organisation", "country", "source", "language", "tag", "year"]
    assert len(re.findall(r'<form class="facet', html)) == 1
    assert len(re.findall(r"<button[^>]*>Apply", form)) == 1
    hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    assert hidden == [("not_place", "London"), ("from", "2018-01-01"), ("to", "2018-12-31"), ("sort", "oldest")]


def test_one_apply_keeps_ticks_from_every_group(client):
    """The lost choice of issue 17: a person and a place ticked, one Apply, both kept."""
    html = client.get("/search?q=ceasefire").get_data(as_text=True)
    url = submit(html, tick=(("person", "Vladimir Putin"), ("place", "Idlib")))
    assert params(url) == [("q", "ceasefire"), ("person", "Vladimir Putin"), ("place", "Idlib")]
    narrowed = client.get(url).get_data(as_text=True)
    assert chips(narrowed) == {
        "person: Vladimir Putin": "/search?q=ceasefire&place=Idlib",
        "place: Idlib": "/search?q=ceasefire&person=Vladimir+Putin",
    }
    # Unticking one value sends the other: what the form shows as a box is not also hidden.
    assert params(submit(narrowed, untick=(("place", "Idlib"),))) == [("q", "ceasefire"), ("person", "Vladimir Putin")]


def test_a_value_typed_in_another_spelling_is_one_box(client):
    html = client.get("/search?person=vladimir+putin").get_data(as_text=True)
    assert re.search(r'name="person" value="Vladimir Putin" checked>', html)
    assert 'type="hidden" name="person"' not in filters_form(html)
    assert params(submit(html, untick=(("person", "Vladimir Putin"),))) == []


def test_chips_remove_one_filter_each_and_clear_all(client):
    html = client.get("/search", query_string={"q": "talks", "person": "Theresa May", "not_place": "Idlib",
                                               "from": "2018", "to": "2018", "sort": "newest"}).get_data(as_text=True)
    assert chips(html) == {
        "person: Theresa May": "/search?q=talks&not_place=Idlib&from=2018-01-01&to=2018-12-31&sort=newest",
        "place: not Idlib": "/search?q=talks&person=Theresa+May&from=2018-01-01&to=2018-12-31&sort=newest",
        "dates: 2018": "/search?q=talks&person=Theresa+May&not_place=Idlib&sort=newest",
    }
    assert clear_all(html) == "/search?q=talks&sort=newest"
    assert '<span class="visually-hidden">Remove filter: </span>' in html  # "Remove filter: Theresa May"
    assert "Clear all" not in client.get("/search?q=talks").get_data(as_text=True)


@pytest.mark.parametrize(("dates", "label"), [
    ({"from": "2018", "to": "2018"}, "2018"),
    ({"from": "2017", "to": "2018"}, "2017–2018"),
    ({"from": "2018-09", "to": "2018-09"}, "September 2018"),
    ({"from": "2018-09-03", "to": "2018-10-15"}, "3 September 2018 to 15 October 2018"),
    ({"from": "2018-05-03"}, "from 3 May 2018"),
    ({"to": "2018-05"}, "until 31 May 2018"),
])
def test_a_date_chip_says_the_range_as_a_person_would(client, dates, label):
    html = client.get("/search", query_string=dates).get_data(as_text=True)
    assert list(chips(html)) == [f"dates: {label}"]


def test_the_page_loads_the_script_file_and_no_inline_script(client):
    html = client.get("/search?q=ceasefire").get_data(as_text=True)
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/searchapp.js" defer>']
    assert not re.search(r"\son\w+=", html)  # no inline event handlers either
    script = client.get("/static/searchapp.js")
    assert script.status_code == 200 and script.mimetype in ("text/javascript", "application/javascript")
    assert "eval(" not in script.get_data(as_text=True)
    script.close()
    assert 'id="results-region"' in html and 'data-suggest="/api/suggest"' in html
