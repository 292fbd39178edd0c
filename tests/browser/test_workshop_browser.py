"""Workshop mode in a real browser at 1920×1080: the facilitator's sign-in survives a reload
through its cookie, learners never see the page listed, and projector mode reads from the back
of the room (metric values above their labels, controls a slim strip)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_driver import LOCAL, serving, wait_idle
from playwright.sync_api import expect

from layerlab.ui.workshop import COOKIE
from layerlab.workshop.config import PASSCODE_ENV
from layerlab.workshop.store import DB_ENV

pytestmark = pytest.mark.browser
PASSCODE = "projector-42-SECRET"
SCREEN = {"width": 1920, "height": 1080}
CONTROLS_SHARE = 0.15
NAV = '[data-testid="stSidebarNav"]'
PATIENCE_MS = 90_000  # the machine may be shared: a page load can wait for a core


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_idle(page, PATIENCE_MS)


@pytest.fixture(scope="module")
def workshop_url(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own in workshop mode, with a fresh store."""
    database = tmp_path_factory.mktemp("workshop") / "workshop.sqlite"
    with serving({PASSCODE_ENV: PASSCODE, DB_ENV: str(database)}) as url:
        yield url


@pytest.fixture
def screen(browser):
    """A 1920×1080 browser of its own (its own cookies), offline but for 127.0.0.1."""
    context = browser.new_context(viewport=SCREEN)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort(),
    )
    yield context
    context.close()


def sign_in(page, url: str) -> None:
    open_page(page, f"{url}/facilitator")
    page.get_by_label("講師用パスコード").fill(PASSCODE)
    page.get_by_role("button", name="入る").click()
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=PATIENCE_MS)


def test_the_facilitator_stays_signed_in_across_a_reload(screen, workshop_url: str) -> None:
    page = screen.new_page()
    sign_in(page, workshop_url)
    expect(page.locator(NAV).get_by_role("link", name="講師用")).to_be_visible()
    cookie = next(c for c in screen.cookies() if c["name"] == COOKIE)
    assert PASSCODE not in cookie["value"]
    assert cookie["expires"] == -1  # a session cookie: it ends with the browser session
    page.reload()
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=PATIENCE_MS)
    assert page.get_by_label("講師用パスコード").count() == 0
    assert PASSCODE not in page.url


def test_learners_do_not_see_the_facilitator_page(screen, workshop_url: str) -> None:
    page = screen.new_page()
    open_page(page, workshop_url)
    nav = page.locator(NAV)
    expect(nav.get_by_role("link", name="プレイグラウンド")).to_be_visible()
    expect(nav.get_by_role("link", name="ビルドラボ")).to_be_visible()  # no "View more"
    assert nav.get_by_role("link", name="講師用").count() == 0


def boxes(page, selector: str) -> list[dict[str, float]]:
    return [box for box in (el.bounding_box() for el in page.locator(selector).all()) if box]


def font_px(locator) -> float:
    return float(locator.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))


def assert_metrics_read_from_afar(page) -> int:
    metrics = page.locator('[data-testid="stMetric"]')
    expect(metrics.first).to_be_visible(timeout=PATIENCE_MS)
    for metric in metrics.all():
        value = metric.locator('[data-testid="stMetricValue"]')
        label = metric.locator('[data-testid="stMetricLabel"] p').first
        assert font_px(value) > 1.5 * font_px(label)
        assert value.bounding_box()["height"] > label.bounding_box()["height"]
    return metrics.count()


def controls_share(page) -> float:
    """The first screen's share taken by the app's controls: the strip every page has, and on
    the facilitator page its push and builds controls."""
    found = boxes(page, ".st-key-projector-controls, .st-key-facilitator-controls")
    assert found
    area = sum(box["height"] * box["width"] for box in found)
    return area / (SCREEN["width"] * SCREEN["height"])


@pytest.mark.parametrize("path", ["facilitator", "playground", "lab"])
def test_projector_metrics_and_controls_at_1920(
    screen, workshop_url: str, path: str, screenshots: Path
) -> None:
    page = screen.new_page()
    if path == "facilitator":
        sign_in(page, workshop_url)
    open_page(page, f"{workshop_url}/{path}?projector=1")
    assert assert_metrics_read_from_afar(page) >= 1
    assert controls_share(page) <= CONTROLS_SHARE
    page.screenshot(path=str(screenshots / f"projector-{path}-1920.png"))


def test_the_facilitator_page_in_both_languages(
    screen, workshop_url: str, screenshots: Path
) -> None:
    page = screen.new_page()
    sign_in(page, workshop_url)
    page.screenshot(path=str(screenshots / "facilitator-ja-1920.png"))
    open_page(page, f"{workshop_url}/facilitator?lang=en")
    expect(page.get_by_role("heading", name="Facilitator")).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]').first).to_be_visible(timeout=PATIENCE_MS)
    expect(page.locator('[data-testid="stTable"] td').first).to_be_visible()
    page.screenshot(path=str(screenshots / "facilitator-en-1920.png"))
