"""Regenerate the README's screenshots at desktop and phone widths: home, results narrowed by two
filters (shown as chips), article, compare over time, and the search box's open suggestions.

Builds a temporary index of seeds/, serves it with `searchapp serve` on a free loopback port and
photographs it with Debian's Chromium through Playwright. Run with `make screenshots`.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from searchapp.rebuild.options import RebuildOptions  # noqa: E402
from searchapp.rebuild.run import rebuild_index  # noqa: E402
from tests.served import served  # noqa: E402

PAGES = {"home": "/", "results": "/search?q=Idlib+ceasefire&person=Vladimir+Putin&place=Idlib",
         "article": None, "compare": "/compare?q=Idlib&q=Aleppo&q=Ghouta"}
TYPED = "Puti"  # typed into the home page's box for the suggestions picture
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def main() -> None:
    with tempfile.TemporaryDirectory() as index:
        rebuild_index(RebuildOptions([ROOT / "seeds"], Path(index)))
        with served(Path(index), Path(index) / "serve.log", processes=1, threads=4) as server:
            shoot(server.base)


def shoot(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for width_name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(base + PAGES["results"])
            article = page.locator(".hit h2 a").first.get_attribute("href")
            for name, path in PAGES.items():
                page.goto(base + (path or article))
                target = ROOT / "docs" / f"{name}-{width_name}.png"
                page.screenshot(path=str(target))
                print(target.relative_to(ROOT))
            page.goto(base + "/")
            page.locator("input[data-suggest]").first.press_sequentially(TYPED, delay=50)
            page.locator("[role=listbox] [role=option]").first.wait_for(timeout=10_000)
            target = ROOT / "docs" / f"suggestions-{width_name}.png"
            page.screenshot(path=str(target))
            print(target.relative_to(ROOT))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
