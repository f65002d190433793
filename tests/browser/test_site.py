"""What a person does on the site, in a real browser: search, narrow, sort, page, read, follow."""
import re
from urllib.parse import parse_qs, urlsplit

SOCHI = "Russia and Turkey agree Idlib ceasefire zone at Sochi talks"


def params(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def heading(page) -> str:
    return " ".join(page.locator("#results-heading").inner_text().split())


def search_from_home(page, query: str) -> None:
    page.goto("/")
    page.get_by_label("Search the archive").fill(query)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")


def test_search_idlib_ceasefire(page):
    search_from_home(page, "Idlib ceasefire")
    assert page.locator(".hit h2 a").first.inner_text() == SOCHI
    assert heading(page).startswith("Results 1–")
    assert page.locator(".hit .snippet mark").count() > 0
    assert "Also published by Gulf Wire" in page.locator(".hit").first.inner_text()


def test_select_two_facet_values(page):
    page.goto("/search?q=Idlib")
    people = page.locator("form.facet", has=page.locator("legend", has_text="People"))
    people.get_by_label(re.compile(r"^Vladimir Putin")).check()
    people.get_by_label(re.compile(r"^Sergei Lavrov")).check()
    people.get_by_role("button", name=re.compile("Apply")).click()
    page.wait_for_url("**person=**")
    assert params(page)["person"] == ["Vladimir Putin", "Sergei Lavrov"] and params(page)["q"] == ["Idlib"]
    assert people.get_by_label(re.compile(r"^Vladimir Putin")).is_checked()
    assert page.locator(".active-filters").inner_text().count("person:") == 2
    total = int(re.search(r"of (\d+)", heading(page)).group(1))
    data = page.request.get(page.url.replace("/search?", "/api/search?")).json()
    assert total == data["total"] > 0
    assert all({"Vladimir Putin", "Sergei Lavrov"} & set(h["people"]) for h in data["hits"])


def test_change_sort_to_newest(page):
    page.goto("/search?q=Syria")
    page.get_by_role("link", name="Newest", exact=True).click()
    page.wait_for_url("**sort=newest**")
    dates = page.locator(".hit .meta time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert len(dates) == 10 and dates == sorted(dates, reverse=True)


def test_page_forward(page):
    page.goto("/search?q=Syria")
    first_page = page.locator(".hit h2 a").all_inner_texts()
    page.locator("nav.pagination").get_by_role("link", name="Next ›").click()
    page.wait_for_url("**page=2**")
    assert heading(page).startswith("Results 11–")
    assert page.locator('nav.pagination [aria-current="page"]').inner_text() == "2"
    assert not set(first_page) & set(page.locator(".hit h2 a").all_inner_texts())


def test_open_an_article_then_follow_a_person(page):
    search_from_home(page, "Idlib ceasefire")
    page.locator(".hit h2 a").first.click()
    page.wait_for_url("**/article/**")
    assert page.locator("article h1").inner_text() == SOCHI
    assert page.locator("article h1 mark").count() == 2  # the query's words, highlighted
    assert "Result 1 of" in page.locator(".result-nav").inner_text()
    page.locator(".entities").get_by_role("link", name="Vladimir Putin").click()
    page.wait_for_url("**/person/**")
    assert page.locator("h1").inner_text() == "Vladimir Putin"
    assert page.locator(".timeline svg").count() == 1
    assert "People mentioned with Vladimir Putin" in page.locator(".related").inner_text()


def test_advanced_form(page):
    page.goto("/advanced")
    page.get_by_label("This exact phrase").fill("buffer zone")
    page.get_by_label("None of these words").fill("Aleppo")
    page.get_by_label("Source").select_option("The Levant Ledger")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url("**/search?**")
    assert params(page) == {"q": ['"buffer zone" -Aleppo'], "source": ["The Levant Ledger"]}
    assert page.get_by_label("Search the archive").input_value() == '"buffer zone" -Aleppo'
    assert all(s.startswith("The Levant Ledger") for s in page.locator(".hit .meta").all_inner_texts())


def test_keyboard_only(page):
    page.goto("/")
    page.wait_for_function("document.activeElement.id === 'q'")  # the search box has focus
    page.keyboard.type("Idlib ceasefire")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")
    # Tab from the top: skip link, brand, search box and its links, sort and page size, then results.
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        element = page.evaluate("""() => { const e = document.activeElement;
            return {text: e.innerText || e.value || '', outline: getComputedStyle(e).outlineStyle,
                    inResults: !!e.closest('.hit')} }""")
        reached.append(element)
        if element["inResults"]:
            break
    assert reached[0]["text"] == "Skip to content"
    assert reached[-1]["inResults"] and reached[-1]["text"] == SOCHI
    assert all(e["outline"] != "none" for e in reached)  # focus is visible on every stop
    page.keyboard.press("Enter")
    page.wait_for_url("**/article/**")
    assert page.locator("article h1").inner_text() == SOCHI


def test_pages_are_accessible_basics(page):
    page.goto("/search?q=Idlib")
    assert page.evaluate("document.documentElement.lang") == "en"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input:not([type=hidden]), select')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.outerHTML)""")
    assert unlabelled == []
    assert page.locator("fieldset legend").count() >= 5
    counts = page.locator("form.facet .count").all_text_contents()  # what a screen reader says
    assert counts and all(re.fullmatch(r"\d[\d,]* articles", count.strip()) for count in counts), counts
    assert page.locator("form.facet .count .visually-hidden").count() == len(counts)  # shown as the number alone


def test_phone_width_has_no_horizontal_scroll(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    for path in ("/", "/search?q=Idlib", "/person/Vladimir Putin"):
        tab.goto(path)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()
