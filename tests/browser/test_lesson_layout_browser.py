"""Lessons and the playground at 1400×900, in both languages: the exercise's editor on the
first screen, code that wraps under its own text, the uploader in the page's language.

Screenshots of every lesson and the playground go to test-artifacts/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_driver import EDITOR_FRAME, LOCAL, editor, open_page, wait_idle
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from layerlab.lessons import lesson_folders

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1400, 900
SLUGS = [folder.name for folder in lesson_folders()]
LANGS = ("ja", "en")


@pytest.fixture
def screen(browser):
    """A page the size of a laptop screen, offline."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(LOCAL) else route.abort(),
    )
    yield context.new_page()
    context.close()


def load(page, url: str) -> None:
    """Open `url` with its editor loaded; once more if a busy machine lost the first load."""
    try:
        open_page(page, url)
        editor(page)
    except (AssertionError, PlaywrightTimeout):
        open_page(page, url)
        editor(page)
    page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_the_exercise_editor_is_on_the_first_screen(
    screen, app_url: str, screenshots: Path, slug: str, lang: str
) -> None:
    load(screen, f"{app_url}/{slug}?lang={lang}")
    box = screen.locator(EDITOR_FRAME).first.bounding_box()
    screen.screenshot(path=str(screenshots / f"lesson-{slug}-{lang}.png"))
    assert box is not None and box["y"] + 100 < HEIGHT, f"editor top at {box}"


@pytest.mark.parametrize("lang", LANGS)
def test_playground_screenshot(screen, app_url: str, screenshots: Path, lang: str) -> None:
    load(screen, f"{app_url}/playground?lang={lang}")
    screen.screenshot(path=str(screenshots / f"playground-{lang}.png"))
    box = screen.locator(EDITOR_FRAME).first.bounding_box()
    assert box is not None and box["y"] < HEIGHT


def test_the_uploader_speaks_japanese(screen, app_url: str) -> None:
    open_page(screen, f"{app_url}/playground?lang=ja")
    zone = screen.locator('[data-testid="stFileUploaderDropzone"]')
    screen.wait_for_function(  # the page's style element arrives with the rest of the run
        """() => {
          const p = document.querySelector('[data-testid="stFileUploaderDropzone"] button p');
          return p && getComputedStyle(p).fontSize === '0px';
        }""",
        timeout=15_000,
    )
    shown = zone.evaluate(
        """zone => {
          const texts = [getComputedStyle(zone, '::before').content];
          for (const el of zone.querySelectorAll('*')) {
            if (el.offsetParent === null || getComputedStyle(el).fontSize === '0px') continue;
            if (el.closest('[data-testid="stIconMaterial"]')) continue;  // an icon, not text
            for (const node of el.childNodes)
              if (node.nodeType === 3 && node.textContent.trim()) texts.push(node.textContent);
          }
          const button = zone.querySelector('button p');
          if (button) texts.push(getComputedStyle(button, '::after').content);
          return texts.join(' | ');
        }"""
    )
    assert "ファイルを選ぶ" in shown and "ドロップ" in shown
    assert "Upload" not in shown and "per file" not in shown


@pytest.mark.parametrize("projector", [False, True])
def test_wrapped_code_lines_start_under_their_text(
    screen, app_url: str, screenshots: Path, projector: bool
) -> None:
    suffix = "&projector=1" if projector else ""
    open_page(screen, f"{app_url}/01-introduction?lang=ja{suffix}")
    if projector:
        screen.get_by_role("radio", name="悪い例とよい例").click()
    else:
        screen.get_by_role("tab", name="悪い例とよい例").click()
    wait_idle(screen)
    rows = screen.locator(".ll-bad .ll-row")
    rows.locator("visible=true").first.wait_for(timeout=15_000)
    shown = [
        (index, row.locator(".ll-line").bounding_box(), row.locator(".ll-no").bounding_box())
        for index, row in enumerate(rows.all())
    ]
    shown = [(index, line, number) for index, line, number in shown if line and number]
    one_line = min(line["height"] for _, line, _ in shown)
    wrapped = [(i, line, number) for i, line, number in shown if line["height"] > 1.5 * one_line]
    assert wrapped, "a long line of lesson 1's bad Dockerfile should wrap"
    index, line, number = wrapped[0]
    rows.nth(index).screenshot(path=str(screenshots / f"wrapped-line-projector-{projector}.png"))
    assert line["x"] >= number["x"] + number["width"]  # every wrapped line starts right of it
