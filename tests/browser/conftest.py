"""A real `searchapp serve` on a free loopback port and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import os
import shutil

import pytest

from tests.served import free_port, served  # noqa: F401 - free_port: other tests import it from here

CHROMIUM = os.environ.get("SEARCHAPP_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def server(seeds_index, tmp_path_factory):
    """The site on the sample archive, served by gunicorn as in production."""
    with served(seeds_index, tmp_path_factory.mktemp("browser") / "serve.log", processes=2, threads=4,
                ready="/") as running:
        yield running.base


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
