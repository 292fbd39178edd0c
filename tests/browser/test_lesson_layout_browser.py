"""Lessons and the playground at 1400×900, in both languages: the exercise's editor on the
first screen, code that wraps under its own text, the uploader in the page's language.

Screenshots of every lesson and the playground go to test-artifacts/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_driver import EDITOR_FRAME, LOCAL, editor, open_page, wait_idle

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


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", SLUGS)
def test_the_exercise_editor_is_on_the_first_screen(
    screen, app_url: str, screenshots: Path, slug: str, lang: str
) -> None:
    open_page(screen, f"{app_url}/{slug}?lang={lang}")
    editor(screen)  # the component has loaded
    screen.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    box = screen.locator(EDITOR_FRAME).first.bounding_box()
    screen.screenshot(path=str(screenshots / f"lesson-{slug}-{lang}.png"))
    assert box is not None and box["y"] + 100 < HEIGHT, f"editor top at {box}"


@pytest.mark.parametrize("lang", LANGS)
def test_playground_screenshot(screen, app_url: str, screenshots: Path, lang: str) -> None:
    open_page(screen, f"{app_url}/playground?lang={lang}")
    editor(screen)
    screen.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
    screen.screenshot(path=str(screenshots / f"playground-{lang}.png"))
    box = screen.locator(EDITOR_FRAME).first.bounding_box()
    assert box is not None and box["y"] < HEIGHT


def test_the_uploader_speaks_japanese(screen, app_url: str) -> None:
    open_page(screen, f"{app_url}/playground?lang=ja")
    zone = screen.locator('[data-testid="stFileUploaderDropzone"]')
    shown = zone.evaluate(
        """zone => {
          const texts = [getComputedStyle(zone, '::before').content];
          for (const el of zone.querySelectorAll('*')) {
            if (el.offsetParent === null || getComputedStyle(el).fontSize === '0px') continue;
            for (const node of el.childNodes)
              if (node.nodeType === 3 && node.textContent.trim()) texts.push(node.textContent);
          }
          const button = zone.querySelector('button p, button span');
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
    wrapped = None
    for index in range(rows.count()):
        row = rows.nth(index)
        line = row.locator(".ll-line").bounding_box()
        number = row.locator(".ll-no").bounding_box()
        if line and number and line["height"] > 1.5 * number["height"]:
            wrapped = (line, number)
            break
    assert wrapped is not None, "a long line of lesson 1's bad Dockerfile should wrap"
    line, number = wrapped
    rows.nth(index).screenshot(path=str(screenshots / f"wrapped-line-projector-{projector}.png"))
    assert line["x"] >= number["x"] + number["width"]  # every wrapped line starts right of it
