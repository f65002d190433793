"""Compare over time in a real browser: from a results page to the chart, and on a phone."""
from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(base_url=server, viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def test_compare_with_from_the_results_page(page):
    page.goto("/search?q=Idlib")
    page.get_by_label("Compare over time with").fill("Aleppo")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url("**/compare?**")
    assert page.locator("h1").inner_text() == "Idlib · Aleppo over time"
    assert page.locator("figure.compare-chart svg polyline").count() == 4  # two lines on each of two charts
    assert page.get_by_role("table").locator("thead th[scope=colgroup]").all_inner_texts() == ["Idlib", "Aleppo"]


def test_compare_page_fits_a_phone(phone):
    phone.goto("/compare?q=Idlib&q=Aleppo&q=Ghouta&q=Sochi&q=Putin")
    width = phone.evaluate("document.documentElement.clientWidth")
    assert width == PHONE["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    charts = phone.locator("figure.compare-chart svg")
    assert charts.count() == 2
    for n in range(2):
        box = charts.nth(n).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] > 100
    table = phone.locator(".compare-table")
    table.scroll_into_view_if_needed()
    assert table.is_visible() and phone.locator(".compare-table tbody tr").count() >= 1
    region = phone.locator(".table-scroll").bounding_box()
    assert region and region["x"] + region["width"] <= width  # a wide table scrolls inside its own box
    phone.locator(".table-scroll").focus()  # and can be scrolled from the keyboard
    phone.keyboard.press("ArrowRight")
    phone.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")


def test_axis_labels_never_overlap_on_a_phone(phone):
    phone.goto("/compare?q=Idlib&q=Aleppo&q=Ghouta")
    boxes = phone.evaluate("""() => [...document.querySelectorAll('figure.compare-chart svg')].map(svg =>
        [...svg.querySelectorAll('.grid text, .months text')].map(t => {
            const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, t.textContent];
        }))""")
    for labels in boxes:
        assert len(labels) > 4
        for i, a in enumerate(labels):
            for b in labels[i + 1:]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, f"{a[4]!r} overlaps {b[4]!r}"
