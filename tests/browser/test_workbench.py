"""Issue 17's workbench in a real browser: one click narrows, nothing chosen is lost (with and
without JavaScript), removable chips, and the search box's suggestions used from the keyboard."""
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

WAIT = 10_000  # ms: the deadline of every wait below


def params(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def group(page, legend: str):
    return page.locator("#filters fieldset", has=page.locator("legend", has_text=legend))


def chip(page, name: str):
    return page.locator(".active-filters").get_by_role("link", name=f"Remove filter: {name}", exact=True)


@pytest.fixture
def no_script_page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(WAIT)
    yield tab
    context.close()


def test_the_lost_choice_without_javascript(no_script_page):
    """Issue 17: Vladimir Putin ticked under People, Idlib under Places, one Apply: both kept."""
    page = no_script_page
    page.goto("/search?q=Idlib+ceasefire")
    group(page, "People").get_by_label(re.compile(r"^Vladimir Putin")).check()
    group(page, "Places").get_by_label(re.compile(r"^Idlib")).check()
    expect(page).to_have_url(re.compile(r"q=Idlib\+ceasefire$"), timeout=WAIT)  # nothing applied yet
    page.locator("#filters").get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**place=**", timeout=WAIT)
    assert params(page) == {"q": ["Idlib ceasefire"], "person": ["Vladimir Putin"], "place": ["Idlib"]}
    expect(chip(page, "Vladimir Putin")).to_be_visible(timeout=WAIT)
    expect(chip(page, "Idlib")).to_be_visible(timeout=WAIT)
    expect(group(page, "People").get_by_label(re.compile(r"^Vladimir Putin"))).to_be_checked(timeout=WAIT)
    expect(group(page, "Places").get_by_label(re.compile(r"^Idlib"))).to_be_checked(timeout=WAIT)


def test_one_apply_sends_every_group_and_keeps_what_the_form_does_not_show(no_script_page):
    page = no_script_page
    page.goto("/search?q=Idlib&not_place=Russia&sort=newest&from=2018&to=2018")
    group(page, "People").get_by_label(re.compile(r"^Vladimir Putin")).check()
    group(page, "Countries").get_by_label(re.compile(r"^Turkey")).check()
    group(page, "Source").get_by_label(re.compile(r"^The Levant Ledger")).check()
    page.locator("#filters").get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**person=**", timeout=WAIT)
    assert params(page) == {"q": ["Idlib"], "not_place": ["Russia"], "from": ["2018-01-01"], "to": ["2018-12-31"],
                            "sort": ["newest"], "person": ["Vladimir Putin"], "country": ["Turkey"],
                            "source": ["The Levant Ledger"]}


def test_the_lost_choice_with_javascript(page):
    """The same scenario with the script: each tick applies at once, and Apply loses nothing."""
    page.goto("/search?q=Idlib+ceasefire")
    group(page, "People").get_by_label(re.compile(r"^Vladimir Putin")).check()
    expect(chip(page, "Vladimir Putin")).to_be_visible(timeout=WAIT)
    group(page, "Places").get_by_label(re.compile(r"^Idlib")).check()
    expect(chip(page, "Idlib")).to_be_visible(timeout=WAIT)
    page.locator("#filters").get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**place=**", timeout=WAIT)
    assert params(page) == {"q": ["Idlib ceasefire"], "person": ["Vladimir Putin"], "place": ["Idlib"]}
    expect(chip(page, "Vladimir Putin")).to_be_visible(timeout=WAIT)


def test_one_click_narrows_in_place_keeping_scroll_and_focus(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 600})
    page = context.new_page()
    page.set_default_timeout(WAIT)
    try:
        page.goto("/search?q=Idlib")
        page.evaluate("window.notReloaded = true")  # gone if the page were loaded again
        total = page.request.get("/api/search?q=Idlib&place=Damascus").json()["total"]
        box = group(page, "Places").get_by_label(re.compile(r"^Damascus"))
        box.focus()
        page.evaluate("window.scrollBy(0, 200)")
        scrolled = page.evaluate("window.scrollY")
        assert scrolled > 0
        page.keyboard.press("Space")  # one key, as one click: no Apply
        page.wait_for_url("**place=Damascus**", timeout=WAIT)
        expect(chip(page, "Damascus")).to_be_visible(timeout=WAIT)
        expect(page.locator("#results-heading")).to_contain_text(f"of {total:,}", timeout=WAIT)
        assert page.evaluate("window.notReloaded") is True
        assert page.evaluate("document.activeElement.id") == "f-place-damascus"
        assert page.evaluate("document.activeElement.checked") is True
        assert page.evaluate("window.scrollY") == scrolled
        expect(page.locator("#results-status")).to_contain_text(f"of {total:,}", timeout=WAIT)
        # Back shows the search before the tick again, from the URL.
        page.go_back()
        page.wait_for_url(re.compile(r"q=Idlib$"), timeout=WAIT)
        expect(chip(page, "Damascus")).to_have_count(0, timeout=WAIT)
        expect(group(page, "Places").get_by_label(re.compile(r"^Damascus"))).not_to_be_checked(timeout=WAIT)
    finally:
        context.close()


def test_chips_remove_one_filter_and_clear_all(page):
    page.goto("/search?q=Idlib&person=Vladimir+Putin&not_place=Russia&from=2018&to=2018")
    expect(page.locator(".active-filters a")).to_have_text(
        [re.compile(r"person: Vladimir Putin ×$"), re.compile(r"place: not Russia ×$"), re.compile(r"dates: 2018 ×$"),
         re.compile("Clear all")], timeout=WAIT)
    chip(page, "not Russia").click()
    page.wait_for_url(lambda url: "not_place" not in url, timeout=WAIT)
    assert params(page) == {"q": ["Idlib"], "person": ["Vladimir Putin"], "from": ["2018-01-01"],
                            "to": ["2018-12-31"]}
    chip(page, "2018").click()
    page.wait_for_url(lambda url: "from=" not in url, timeout=WAIT)
    assert params(page) == {"q": ["Idlib"], "person": ["Vladimir Putin"]}
    page.get_by_role("link", name="Clear all filters").click()
    page.wait_for_url(re.compile(r"/search\?q=Idlib$"), timeout=WAIT)
    expect(page.locator(".active-filters")).to_have_count(0, timeout=WAIT)


def listbox(page):
    return page.get_by_role("listbox", name="Suggestions")


def test_keyboard_only_suggestion_applies_a_person_as_a_filter(page):
    page.goto("/")
    page.wait_for_function("document.activeElement.id === 'q'", timeout=WAIT)
    box = page.get_by_role("combobox", name="Search the archive")
    expect(box).to_have_attribute("aria-expanded", "false", timeout=WAIT)
    page.keyboard.type("vladimir pu")  # "vla" also offers the French pages' Vladimir Poutine, first
    option = listbox(page).get_by_role("option", name="Vladimir Putin, person")
    expect(option).to_be_visible(timeout=WAIT)
    # An answer to "vladimir p", typed on the way, lists Vladimir Poutine first: wait for the answer
    # to what the box says, whose first option is Putin, before choosing with the keyboard.
    expect(listbox(page).get_by_role("option").first).to_have_accessible_name("Vladimir Putin, person",
                                                                              timeout=WAIT)
    expect(box).to_have_attribute("aria-expanded", "true", timeout=WAIT)
    expect(box).to_have_attribute("aria-controls", "q-suggestions", timeout=WAIT)
    expect(page.locator(".combobox [role=status]")).to_have_text(re.compile(r"^\d+ suggestions?$"), timeout=WAIT)
    page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true", timeout=WAIT)
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"), timeout=WAIT)
    expect(box).to_be_focused(timeout=WAIT)  # the focus stays in the box
    page.keyboard.press("Enter")
    page.wait_for_url("**person=**", timeout=WAIT)
    assert params(page) == {"person": ["Vladimir Putin"]}  # a filter, not the words "Vladimir Putin"
    expect(chip(page, "Vladimir Putin")).to_be_visible(timeout=WAIT)


def test_a_name_after_words_keeps_the_words_and_the_filters(page):
    page.goto("/search?q=Idlib&year=2018")
    page.get_by_role("combobox", name="Search the archive").focus()
    page.keyboard.press("End")
    page.keyboard.type(" Damas")
    expect(listbox(page).get_by_role("option", name="Damascus, place")).to_be_visible(timeout=WAIT)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**place=Damascus**", timeout=WAIT)
    assert params(page) == {"q": ["Idlib"], "year": ["2018"], "place": ["Damascus"]}


def test_a_late_answer_keeps_the_option_chosen(page):
    """The answer for the last letter typed comes after ↓ chose an option: Enter still takes it."""
    held = []
    last = re.compile(r".*/api/suggest\?q=Idlib\+Damas$")
    page.route(last, lambda route: held.append(route))  # answered only when the test says
    page.goto("/search?q=Idlib")
    page.get_by_role("combobox", name="Search the archive").focus()
    page.keyboard.press("End")
    page.keyboard.type(" Dama")
    expect(listbox(page).get_by_role("option", name="Damascus, place")).to_be_visible(timeout=WAIT)
    with page.expect_request(last, timeout=WAIT):
        page.keyboard.type("s")
    deadline = time.monotonic() + WAIT / 1000
    while not held and time.monotonic() < deadline:  # each round trip lets Playwright run the route handler
        page.evaluate("() => new Promise(done => setTimeout(done, 20))")
    assert held, "the request for 'Idlib Damas' was not held"
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name="Damascus, place")).to_have_attribute("aria-selected", "true", timeout=WAIT)
    with page.expect_response(re.compile(r".*/api/suggest\?q=Idlib\+Damas$"), timeout=WAIT):
        held[0].continue_()
    page.wait_for_function("() => document.querySelectorAll('[role=option]').length > 0", timeout=WAIT)
    page.keyboard.press("Enter")
    page.wait_for_url("**place=Damascus**", timeout=WAIT)
    assert params(page) == {"q": ["Idlib"], "place": ["Damascus"]}


def test_a_word_goes_into_the_query_and_escape_closes_the_list(page):
    page.goto("/")
    box = page.get_by_role("combobox", name="Search the archive")
    box.focus()
    page.keyboard.type("Idlib cease")
    word = listbox(page).get_by_role("option", name="Idlib ceasefire, word")
    expect(word).to_be_visible(timeout=WAIT)
    page.keyboard.press("Escape")
    expect(listbox(page)).to_be_hidden(timeout=WAIT)
    expect(box).to_have_attribute("aria-expanded", "false", timeout=WAIT)
    expect(box).to_have_value("Idlib cease", timeout=WAIT)  # Escape closes the list, the text stays
    page.keyboard.press("ArrowDown")  # opens it again on the first suggestion
    expect(word).to_have_attribute("aria-selected", "true", timeout=WAIT)
    page.keyboard.press("Enter")
    expect(box).to_have_value("Idlib ceasefire", timeout=WAIT)
    expect(listbox(page)).to_be_hidden(timeout=WAIT)
    assert urlsplit(page.url).path == "/"  # a word is not applied: the person goes on writing
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**", timeout=WAIT)
    assert params(page) == {"q": ["Idlib ceasefire"]}


def test_the_script_runs_under_the_sites_policy(page):
    """The policy allows our own file and its fetches: nothing is reported as a violation."""
    page.add_init_script("""window.violations = [];
        document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));""")
    page.goto("/search?q=Idlib")
    expect(page.get_by_role("combobox", name="Search the archive")).to_have_attribute("aria-expanded", "false",
                                                                                      timeout=WAIT)  # it ran
    fetched = page.evaluate("""() => Promise.race([
        fetch('/api/suggest?q=vla').then(r => r.ok ? 'fetched' : 'refused', () => 'blocked'),
        new Promise(resolve => setTimeout(() => resolve('no answer'), 10000))])""")
    assert fetched == "fetched"
    assert page.evaluate("window.violations") == []
