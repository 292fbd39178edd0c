"""A lesson's page: reading in tabs beside the exercise, only its own rules, hints before the
solution, and no text linted twice."""

from __future__ import annotations

from typing import Any

import pytest
from apptest_helpers import lesson_or_skip, open_lesson, type_into
from streamlit.testing.v1 import AppTest

from layerlab.ui import analysis

SLUG = "02-build-cache"


def order(at: AppTest) -> list[str]:
    """The main area's elements in page order, as (type: label or value) strings."""
    found: list[str] = []

    def walk(node: Any) -> None:
        for child in getattr(node, "children", {}).values():
            label = getattr(child, "label", None) or getattr(child, "value", None)
            found.append(f"{getattr(child, 'type', '')}: {label}")
            walk(child)

    walk(at.main)
    return found


def test_the_reading_is_in_tabs_and_the_editor_beside_it(app: AppTest) -> None:
    open_lesson(app, SLUG)
    assert [tab.label for tab in app.tabs] == ["解説", "悪い例とよい例", "このレッスンのルール"]
    assert app.text_area(key=f"editor-{SLUG}-0")
    assert not any(tab.text_area for tab in app.tabs)  # the editor is never behind a tab


def test_a_lesson_lists_only_the_rules_it_teaches(app: AppTest) -> None:
    open_lesson(app, "01-introduction")
    rules_tab = app.tabs[2]
    assert [e.label.split("`")[1] for e in rules_tab.expander] == ["LL406", "LL405"]


def test_hints_come_before_the_reference_solution(app: AppTest) -> None:
    open_lesson(app, SLUG)
    elements = order(app)
    hint = next(i for i, e in enumerate(elements) if e.startswith("button: ヒントを見る"))
    solution = next(i for i, e in enumerate(elements) if e.endswith(": 模範解答"))
    assert hint < solution


def test_a_hint_shows_on_click(app: AppTest) -> None:
    lesson = lesson_or_skip(SLUG)
    assert lesson.exercise is not None
    open_lesson(app, SLUG)
    app.button(key=f"hint-{SLUG}").click().run()
    assert lesson.exercise.hints[0].ja in app.info[0].value


def test_the_same_text_is_linted_once(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_lint = analysis.lint

    def counting_lint(text: str, **kwargs: Any) -> Any:
        calls.append(text)
        return real_lint(text, **kwargs)

    analysis.findings_for.clear()
    analysis.checks_for.clear()
    monkeypatch.setattr(analysis, "lint", counting_lint)
    open_lesson(app, SLUG)
    type_into(app, f"editor-{SLUG}-0", "FROM python:3.12-slim\n")
    app.button(key=f"check-{SLUG}").click().run()
    app.run()
    assert sorted(set(calls)) == sorted(calls)  # each text at most once
    assert "FROM python:3.12-slim\n" in calls


def test_another_language_is_another_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(analysis, "lint", lambda text, **kw: calls.append(kw["lang"]) or [])
    analysis.findings_for.clear()
    for lang in ("ja", "en", "ja"):
        analysis.findings_for("FROM scratch\n", None, lang)
    assert calls == ["ja", "en"]
