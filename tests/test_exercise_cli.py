"""`layerlab exercise check|list`: the app's exercise checks from a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from layerlab.cli import main
from layerlab.lessons import ROOT, lesson_folders, load_lesson

LESSON = ROOT / "02-build-cache"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["exercise", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["02", "2", "02-build-cache"])
def test_the_solution_passes_with_exit_0(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, "check", name, str(LESSON / "solution.Dockerfile"), "--lang", "en")
    assert code == 0
    assert out.rstrip().endswith("passed")


def test_the_starter_is_not_yet_with_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "02", str(LESSON / "starter.Dockerfile"), "--lang", "en")
    assert code == 1
    assert "✗ LL101 deps-after-source-copy is gone" in out
    assert out.rstrip().endswith("not yet")


def test_json_names_the_lesson_and_each_check(capsys: pytest.CaptureFixture[str]) -> None:
    starter = str(LESSON / "starter.Dockerfile")
    code, out, _ = run(capsys, "check", "2", starter, "--format", "json", "--lang", "en")
    report = json.loads(out)
    assert code == 1
    assert report["lesson"] == "02-build-cache"
    assert report["passed"] is False
    assert {"label": "LL101 deps-after-source-copy is gone", "passed": False} in report["checks"]
    assert all(set(check) == {"label", "passed"} for check in report["checks"])


def test_labels_come_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    solution = str(LESSON / "solution.Dockerfile")
    _, out, _ = run(capsys, "check", "02", solution, "--format", "json", "--lang", "ja")
    report = json.loads(out)
    assert report["checks"][0]["label"] == "Docker が解釈できる (LL001 がない)"


def test_the_lessons_sample_project_is_the_context(capsys: pytest.CaptureFixture[str]) -> None:
    # Lesson 3's .dockerignore check only works against django-uwsgi's context.
    starter = str(ROOT / "03-dockerignore" / "starter.Dockerfile")
    code, out, _ = run(capsys, "check", "03", starter, "--lang", "en")
    assert code == 1
    assert "✗ LL504 copy-missing-file is gone" in out


def test_stdin_is_read_for_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    solution = (LESSON / "solution.Dockerfile").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(solution)))
    code, _, _ = run(capsys, "check", "02", "-")
    assert code == 0


def test_unknown_lesson_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "42", str(LESSON / "solution.Dockerfile"), "--lang", "en")
    assert (code, out) == (2, "")
    assert "no lesson '42'" in err


def test_unreadable_file_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", "02", str(tmp_path / "missing"), "--lang", "ja")
    assert code == 2
    assert "読み込めません" in err


def test_binary_file_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"\xff\xfe\x00garbage\xff")
    code, _, err = run(capsys, "check", "02", str(path))
    assert code == 2
    assert str(path) in err


def test_missing_argument_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "check", "02")
    assert code == 2


def test_unknown_format_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "check", "02", str(LESSON / "solution.Dockerfile"), "--format", "x")
    assert code == 2


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_list_prints_every_lesson_and_its_goal(
    capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    code, out, _ = run(capsys, "list", "--lang", lang)
    lesson = load_lesson(LESSON)
    assert code == 0
    assert f"02-build-cache  {lesson.title(lang)}" in out
    assert lesson.exercise is not None and lesson.exercise.goal(lang) in out
    assert len([line for line in out.splitlines() if not line.startswith(" ")]) == len(
        lesson_folders()
    )
