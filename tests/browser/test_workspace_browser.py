"""The workspace in a real browser: Ace editor, gutter markers, exercises, language, projector."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_driver import (
    EDITOR_FRAME,
    editor,
    findings_text,
    gutter_rows,
    open_page,
    replace_text,
    type_line,
    wait_idle,
)
from playwright.sync_api import expect

from layerlab.lessons import Lesson, load_lessons
from layerlab.lint import lint

pytestmark = pytest.mark.browser
MARKED = re.compile(r"ace_(error|warning|info)")
ENGLISH = re.compile(r"lang=en")
ACE_TYPE = {"error": "error", "warning": "warning", "info": "info", "style": "info"}


def exercise_lesson() -> Lesson:
    """The first lesson with an exercise whose content loads today."""
    try:
        lessons = load_lessons()
    except ValueError as exc:
        pytest.skip(f"lesson content not loadable yet: {exc}")
    for lesson in lessons:
        if lesson.exercise is not None:
            return lesson
    pytest.skip("no lesson with an exercise yet")


def expected_gutter(text: str, lesson: Lesson) -> dict[int, str]:
    """What Ace should show: the most severe annotation per line."""
    order = ["info", "warning", "error"]
    rows: dict[int, str] = {}
    for finding in lint(text, context=lesson.context()):
        kind = ACE_TYPE[finding.level.value]
        if order.index(kind) > order.index(rows.get(finding.line, "info")) or (
            finding.line not in rows
        ):
            rows[finding.line] = kind
    return rows


def test_starter_shows_gutter_markers_and_findings(page, app_url: str) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}")
    expected = expected_gutter(lesson.exercise.starter, lesson)
    assert expected, "the starter should have findings"
    expect(
        editor(page)
        .locator(
            ".ace_gutter-cell.ace_error, .ace_gutter-cell.ace_warning, .ace_gutter-cell.ace_info"
        )
        .first
    ).to_be_visible()
    assert gutter_rows(page) == expected
    for finding in lint(lesson.exercise.starter, context=lesson.context()):
        assert finding.code in findings_text(page)


def test_typing_a_line_adds_its_marker_and_finding(page, app_url: str) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}")
    editor(page)
    line = "RUN apt-get update"
    type_line(page, line)
    typed = lesson.exercise.starter + "\n" + line  # Ctrl+End, Enter, then the line
    new = {f.code for f in lint(typed, context=lesson.context())} - {
        f.code for f in lint(lesson.exercise.starter, context=lesson.context())
    }
    assert new, "the typed line should trigger a rule"
    for code in new:
        expect(page.locator(".st-key-findings-panel")).to_contain_text(code, timeout=10_000)
    expected_line = len(typed.splitlines())
    expect(
        editor(page).locator(".ace_gutter-cell", has_text=str(expected_line)).first
    ).to_have_class(MARKED, timeout=10_000)


def test_passing_an_exercise_updates_progress(page, app_url: str, screenshots: Path) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}")
    replace_text(page, lesson.exercise.solution)
    expect(page.locator(".ll-flag").first).to_contain_text(lesson.exercise.solution.split("\n")[-2])
    page.locator(f".st-key-check-{lesson.slug} button").click()
    expect(page.get_by_text("クリア! よくできました")).to_be_visible(timeout=10_000)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("1 件クリア")
    page.locator(".st-key-exercise-checks").screenshot(path=screenshots / "exercise-passed.png")


def test_language_switch_survives_a_page_change(page, app_url: str) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}")
    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    expect(page.locator("h1").first).to_contain_text(lesson.title.en)
    assert "lang=en" in page.url
    heading = page.locator("h1").first
    here = heading.inner_text()
    page.locator(".st-key-nav-prev button, .st-key-nav-next button").first.click()
    expect(heading).not_to_have_text(here)
    expect(page).to_have_url(ENGLISH)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("lessons passed")


def test_typed_text_survives_leaving_and_coming_back(page, app_url: str) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}")
    type_line(page, "# kept across pages")
    expect(page.locator(".ll-flag").first).to_contain_text("# kept across pages")
    heading = page.locator("h1").first
    here = heading.inner_text()
    page.locator(".st-key-nav-prev button, .st-key-nav-next button").first.click()
    expect(heading).not_to_have_text(here)
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{lesson.slug}"]').click()
    expect(heading).to_have_text(here)
    expect(editor(page).locator(".ace_content")).to_contain_text("# kept across pages")


def test_projector_mode_is_large_chromeless_and_keyboard_driven(
    page, app_url: str, screenshots: Path
) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}?projector=1")
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    page.locator('[data-testid="stMain"]').screenshot(path=screenshots / "projector.png")
    before = page.locator("h1").first.inner_text()
    page.locator("h1").first.click()
    page.keyboard.press("ArrowRight")
    expect(page.locator("h1").first).not_to_have_text(before, timeout=10_000)
    assert "projector=1" in page.url


def test_projector_toggle(page, app_url: str) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}")
    page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').first.click()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    assert "projector=1" in page.url


def test_learner_script_is_shown_not_run(page, app_url: str, screenshots: Path) -> None:
    open_page(page, f"{app_url}/playground")
    replace_text(page, "FROM python:3.12-slim\n# <script>window.pwned = 1</script> **bold**\n")
    wait_idle(page)
    page.get_by_text("指摘された行").click()
    view = page.locator(".ll-flag").first
    expect(view).to_contain_text("<script>window.pwned = 1</script> **bold**")
    assert page.evaluate("window.pwned") is None
    page.locator('[data-testid="stMain"]').screenshot(path=screenshots / "playground.png")


def test_lesson_screenshot_and_offline(
    page, app_url: str, screenshots: Path, external_requests: list[str]
) -> None:
    lesson = exercise_lesson()
    open_page(page, f"{app_url}/{lesson.slug}")
    page.locator('[data-testid="stMain"]').screenshot(path=screenshots / "lesson.png")
    editor(page)
    page.locator('[data-testid="stMain"]').screenshot(path=screenshots / "lesson-exercise.png")
    open_page(page, f"{app_url}/playground")
    editor(page)
    assert external_requests == []


def test_upload_replaces_the_playground_text(page, app_url: str) -> None:
    open_page(page, f"{app_url}/playground")
    uploaded = "FROM python:3.12-slim-bookworm\n# uploaded from disk\n"
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "Dockerfile", "mimeType": "text/plain", "buffer": uploaded.encode()}]
    )
    remounted = page.frame_locator(EDITOR_FRAME).first.locator(".ace_content")
    expect(remounted).to_contain_text("# uploaded from disk", timeout=15_000)


def test_leaving_a_lesson_straight_from_the_editor_opens_the_next_one(page, app_url: str) -> None:
    # Clicking a link takes the focus from the editor: a rerun sent on that blur raced the page
    # switch and the browser blanked the app ("Bad delta path index").
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    lessons = [lesson for lesson in load_lessons() if lesson.exercise is not None][:4]
    open_page(page, f"{app_url}/{lessons[0].slug}")
    for there in lessons[1:]:
        type_line(page, "# leaving now")
        expect(page.locator(".st-key-findings-panel")).to_be_visible()
        page.locator(f'[data-testid="stSidebarNav"] a[href$="/{there.slug}"]').click()
        expect(page.locator("h1").first).to_contain_text(there.title.ja, timeout=15_000)
        wait_idle(page)
    assert [error for error in errors if "delta path" in error] == []
