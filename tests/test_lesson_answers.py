"""Each lesson's folder of answers: every right one passes its exercise, every wrong one fails.

Right answers are written the way different competent engineers would; wrong ones include
answers that would satisfy a text check but not the effect the lesson teaches.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layerlab.exercises import passed
from layerlab.lessons import ROOT, check_exercise, lesson_folders, load_lesson

ANSWERS = sorted(ROOT.glob("*/answers/*/*.Dockerfile"))


def verdict(path: Path) -> str:
    return path.parent.name


@pytest.mark.parametrize("path", ANSWERS, ids=[str(p.relative_to(ROOT)) for p in ANSWERS])
def test_answer_gets_its_verdict(path: Path) -> None:
    lesson = load_lesson(path.parents[2])
    results = check_exercise(lesson, path.read_text(encoding="utf-8"))
    failing = [result.label.en for result in results if not result.passed]
    if verdict(path) == "right":
        assert failing == []
    else:
        assert not passed(results), "a wrong answer passed every check"


@pytest.mark.parametrize("folder", lesson_folders(), ids=lambda p: p.name)
def test_every_lesson_has_three_right_answers_and_wrong_ones(folder: Path) -> None:
    right = list((folder / "answers" / "right").glob("*.Dockerfile"))
    wrong = list((folder / "answers" / "wrong").glob("*.Dockerfile"))
    assert len(right) >= 3 and len(wrong) >= 3


@pytest.mark.parametrize("path", ANSWERS, ids=[str(p.relative_to(ROOT)) for p in ANSWERS])
def test_answer_says_what_it_shows(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"# {verdict(path).capitalize()}: ")
