"""Arabic next to English and French in a real browser, on a phone: no sideways scrolling, Arabic
titles, snippets and articles laid out right to left (each line ending at the right edge), the
site's own words left to right, and a name in Arabic kept before its count in the sidebar."""
from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
# For each element: its direction, and per line of its text the left and right ends of the line
# and of the element's box (a line is the text's rectangles that share a top).
LINES = """els => els.map(el => {
  const box = el.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(el);
  const lines = {};
  for (const r of range.getClientRects()) {
    if (!r.width) continue;
    const top = Math.round(r.top);
    lines[top] = lines[top] || {left: r.left, right: r.right};
    lines[top].left = Math.min(lines[top].left, r.left);
    lines[top].right = Math.max(lines[top].right, r.right);
  }
  return {direction: getComputedStyle(el).direction, left: box.left, right: box.right,
          lines: Object.values(lines)};
})"""


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(base_url=server, viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.evaluate(
        "document.documentElement.clientWidth")


def right_aligned(found: dict) -> bool:
    """Every line of the element ends at its right edge and the last one stops short of its left."""
    return (found["direction"] == "rtl" and found["lines"]
            and all(abs(line["right"] - found["right"]) < 2 for line in found["lines"]))


def left_aligned(found: dict) -> bool:
    return (found["direction"] == "ltr" and found["lines"]
            and all(abs(line["left"] - found["left"]) < 2 for line in found["lines"]))


def test_arabic_results_read_right_to_left_on_a_phone(phone):
    phone.goto("/search?language=Arabic")
    assert phone.locator(".hit").count() == 3
    assert no_sideways_scrolling(phone)
    titles = phone.locator(".hit h2").evaluate_all(LINES)
    snippets = phone.locator(".hit .snippet").evaluate_all(LINES)
    assert len(titles) == len(snippets) == 3
    assert all(right_aligned(t) for t in titles + snippets), titles + snippets
    # a short title leaves the room on its left, not on its right
    assert any(min(line["left"] for line in t["lines"]) - t["left"] > 20 for t in titles)
    assert all(left_aligned(m) for m in phone.locator(".hit .meta").evaluate_all(LINES))


def test_a_mixed_list_keeps_each_title_in_its_direction_on_a_phone(phone):
    phone.goto("/search?per_page=50")
    assert no_sideways_scrolling(phone)
    arabic = phone.locator(".hit h2[dir=rtl]").evaluate_all(LINES)
    others = phone.locator(".hit h2:not([dir])").evaluate_all(LINES)
    french = phone.locator(".hit h2[lang=fr]").count()
    assert len(arabic) == 3 and french == 4 and len(others) >= 40
    assert all(right_aligned(t) for t in arabic)
    assert all(left_aligned(t) for t in others)


def test_an_arabic_article_on_a_phone(phone):
    phone.goto("/search?language=Arabic&sort=newest")
    phone.locator(".hit h2 a").first.click()
    phone.wait_for_url("**/article/**")
    assert no_sideways_scrolling(phone)
    assert right_aligned(phone.locator("article h1").evaluate_all(LINES)[0])
    paragraphs = phone.locator("article .body p").evaluate_all(LINES)
    assert len(paragraphs) >= 4 and all(right_aligned(p) for p in paragraphs)
    assert phone.locator("article .details").evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert phone.locator("html").get_attribute("lang") == "en"


def test_an_arabic_name_stays_before_its_count_in_the_sidebar(page):
    page.goto("/search")
    label = page.locator("#filters label.value", has=page.locator("bdi", has_text="الرائد"))
    name = label.locator("bdi").bounding_box()
    count = label.locator(".count").bounding_box()
    assert name and count and count["x"] >= name["x"] + name["width"] - 1
