"""Dockerfile views: numbered rows that wrap under their own text, and a real line diff."""

from __future__ import annotations

import re

from layerlab.lessons import ROOT, load_lesson
from layerlab.ui.render import changed_lines, dockerfile_html

ROW = re.compile(r'<div class="(ll-row[^"]*)"><span class="ll-no">(\d+)</span>')


def rows(html: str) -> list[tuple[int, bool]]:
    return [(int(number), "ll-mark" in classes) for classes, number in ROW.findall(html)]


def test_every_line_is_a_row_of_number_and_code() -> None:
    html = dockerfile_html("\n\nFROM python:3.12-slim\nRUN true\n", [4])
    assert rows(html) == [(1, False), (2, False), (3, False), (4, True)]


def test_a_long_line_wraps_in_its_code_cell_not_under_the_numbers() -> None:
    html = dockerfile_html("RUN " + "x " * 200 + "\n")
    assert "grid-template-columns:max-content 1fr" in html
    assert ".ll-line {white-space:pre-wrap" in html


def test_learner_text_is_escaped() -> None:
    html = dockerfile_html("RUN echo '<script>alert(1)</script>'\n")
    assert "<script>" not in html


def test_unchanged_lines_are_not_marked() -> None:
    before = "FROM python:3.12\nWORKDIR /app\nCOPY . .\n"
    after = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
    assert changed_lines(before, after) == ([1], [1])


def test_a_moved_line_is_not_marked() -> None:
    before = "FROM x\nCOPY . .\nRUN pip install -r requirements.txt\n"
    after = "FROM x\nRUN pip install -r requirements.txt\nCOPY . .\n"
    assert changed_lines(before, after) == ([], [])


def test_comments_blank_lines_and_spacing_are_not_changes() -> None:
    before = "FROM x\nRUN a  &&  b\n"
    after = "# why\nFROM x\n\nRUN a && b\n"
    assert changed_lines(before, after) == ([], [])


def test_lesson_7_keeps_its_user_unmarked() -> None:
    lesson = load_lesson(ROOT / "07-multi-stage")
    assert lesson.bad is not None and lesson.good is not None
    removed, _ = changed_lines(lesson.bad.en, lesson.good.en)
    bad_lines = lesson.bad.en.splitlines()
    assert not any(bad_lines[n - 1].startswith("USER") for n in removed)


def test_lesson_8_good_file_is_not_all_marked() -> None:
    lesson = load_lesson(ROOT / "08-case-study")
    assert lesson.bad is not None and lesson.good is not None
    _, added = changed_lines(lesson.bad.ja, lesson.good.ja)
    good_lines = lesson.good.ja.splitlines()
    unmarked = [line for n, line in enumerate(good_lines, 1) if line.strip() and n not in added]
    assert "WORKDIR /app" in unmarked
    assert any(line.startswith("#") for line in unmarked)
