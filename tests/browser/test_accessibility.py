"""axe-core, run by Playwright in Chromium, finds no serious or critical accessibility violation
on the site's main pages (axe-core is installed by `make axe`, into node_modules/)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")
PAGES = {
    "home": "/",
    "results": "/search?q=Idlib",
    "article": None,  # the first result for Idlib, found when the test runs
    "person": "/person/" + quote("Vladimir Putin"),
    "compare": "/compare?q=Idlib&q=Aleppo&q=Ghouta",
    "compare form": "/compare",
    "citation": None,  # the results page's citation link
    "help": "/help",
}


@pytest.fixture
def audited(browser, server):
    """A tab that may run axe-core: the site's CSP allows no script at all, and Playwright's
    add_script_tag is subject to it, so this context alone bypasses the CSP (the page's own
    markup and styles are unchanged by that)."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE}): run `make axe`")
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def path_of(tab, name: str) -> str:
    if name == "article":
        tab.goto("/search?q=Idlib")
        return tab.locator(".hit h2 a").first.get_attribute("href")
    if name == "citation":
        tab.goto("/search?q=Idlib")
        return tab.locator(".cite-link a").get_attribute("href")
    return PAGES[name]


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violations(audited, name):
    response = audited.goto(path_of(audited, name))
    assert response and response.ok
    audited.add_script_tag(path=str(AXE))
    results = audited.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
             for v in results["violations"] if v["impact"] in SERIOUS]
    assert not found, "\n".join(found)
    assert results["passes"], "axe-core ran no checks"
