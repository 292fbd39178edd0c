"""Helpers for driving the app in AppTest: reach a lesson, type into its editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from layerlab.lessons import ROOT, Exercise, Lesson, LessonError, lesson_folders, load_lesson

APP = Path(__file__).resolve().parents[2] / "app.py"
FOLDERS = lesson_folders()
SLUGS = [folder.name for folder in FOLDERS]


def lesson_or_skip(slug: str) -> Lesson:
    try:
        return load_lesson(ROOT / slug)
    except LessonError as exc:  # tests/test_lessons.py reports the content problem itself
        pytest.skip(f"lesson content not loadable yet: {exc}")


def open_exercise(at: AppTest, slug: str) -> Exercise:
    """Open the lesson and return its exercise; skip lessons without one."""
    lesson = lesson_or_skip(slug)
    if lesson.exercise is None:
        pytest.skip("no exercise")
    open_lesson(at, slug)
    return lesson.exercise


def number(slug: str) -> int:
    return int(slug.split("-", 1)[0])


def current_number(at: AppTest) -> int:
    """The lesson number in the page title; 0 on the start page."""
    head = at.title[0].value.split(".", 1)[0]
    return int(head) if head.isdigit() else 0


def open_lesson(at: AppTest, slug: str) -> AppTest:
    """From wherever the app is, walk with the lesson's own previous/next buttons."""
    if not at.title:
        at.run()
    for _ in range(len(SLUGS) + 1):
        here = current_number(at)
        if here == number(slug):
            return at
        at.button(key="nav-next" if here < number(slug) else "nav-prev").click().run()
    raise AssertionError(f"could not reach {slug}")


def editor_key(slug: str) -> str:
    return f"editor-{slug}-0"


def type_into(at: AppTest, key: str, text: str) -> AppTest:
    return at.text_area(key=key).set_value(text).run()
