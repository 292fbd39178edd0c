"""A real `streamlit run app.py` on a free port, driven by Playwright with Debian's chromium.

Nothing is downloaded: Playwright launches /usr/bin/chromium (the `chromium_path` fixture), and
every request that leaves 127.0.0.1 is aborted and recorded, so a test can prove the app
works offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_driver import LOCAL, ROOT, launch_chromium, serving

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def app_url(chromium_path: str) -> Iterator[str]:
    with serving() as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright, chromium_path)
        yield launched
        launched.close()


@pytest.fixture
def external_requests() -> list[str]:
    return []


@pytest.fixture
def page(browser, external_requests: list[str]):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def offline(route) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
