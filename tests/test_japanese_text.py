"""Japanese text renders without the stray spaces a hard-wrapped source would put in it."""

from __future__ import annotations

import re

import pytest

from layerlab.japanese import JAPANESE, unwrap
from layerlab.lessons import Lesson, load_lessons
from layerlab.lint.registry import all_rules

FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
# Markdown renders a soft line break, and any run of blanks, as one space.
STRAY_SPACE = re.compile(f"[{JAPANESE}](?:[ \\t]*\\n[ \\t]*|[ \\t]+)[{JAPANESE}]")


def stray_spaces(markdown: str) -> list[str]:
    """Places where the rendered text shows a space between two Japanese characters."""
    prose = CODE_SPAN.sub("`code`", FENCED.sub("", markdown))
    return [match.group(0) for match in STRAY_SPACE.finditer(prose)]


def japanese_texts(lesson: Lesson) -> dict[str, str]:
    texts = {"title": lesson.title.ja, "body": lesson.body.ja}
    if lesson.exercise is not None:
        texts["goal"] = lesson.exercise.goal.ja
        texts |= {f"hint {i}": hint.ja for i, hint in enumerate(lesson.exercise.hints, 1)}
        texts |= {f"check {i}": c.label.ja for i, c in enumerate(lesson.exercise.checks, 1)}
    return texts


@pytest.mark.parametrize("lesson", load_lessons(), ids=lambda lesson: lesson.slug)
def test_no_stray_space_in_a_japanese_lesson(lesson: Lesson) -> None:
    found = {name: stray_spaces(text) for name, text in japanese_texts(lesson).items()}
    assert {name: spots for name, spots in found.items() if spots} == {}


def test_no_stray_space_in_a_rules_japanese_text() -> None:
    found = {
        f"{rule.code} {part}": stray_spaces(getattr(rule, part).ja)
        for rule in all_rules()
        for part in ("summary", "why", "fix")
    }
    assert {name: spots for name, spots in found.items() if spots} == {}


def test_a_wrap_between_japanese_characters_is_joined() -> None:
    assert unwrap("安全に動かせる\nイメージです。") == "安全に動かせるイメージです。"


def test_a_wrap_after_japanese_punctuation_is_joined() -> None:
    assert unwrap("ではなく、\nWeb サーバーを") == "ではなく、Web サーバーを"


def test_a_wrap_between_japanese_and_english_keeps_its_space() -> None:
    assert unwrap("1つずつ\nDocker を") == "1つずつ\nDocker を"


def test_english_is_left_alone() -> None:
    text = "Keep the\nlines as written.\n"
    assert unwrap(text) == text


def test_code_blocks_are_left_alone() -> None:
    text = "説明です。\n\n```dockerfile\n# 日本語の\n# コメント\n```\n"
    assert unwrap(text) == text


def test_list_items_stay_separate_but_their_wraps_are_joined() -> None:
    text = "- 一つ目の\n  項目です。\n- 二つ目です。\n"
    assert unwrap(text) == "- 一つ目の項目です。\n- 二つ目です。\n"


def test_table_rows_and_headings_stay_on_their_lines() -> None:
    text = "## 見出し\n本文です。\n| 表 | です |\n| 行 | です |\n"
    assert unwrap(text) == text


def test_the_check_catches_a_wrapped_source() -> None:
    assert stray_spaces("安全に動かせる\nイメージです。`コード の` ") == ["る\nイ"]
