"""Lessons and sample projects load; every exercise is solvable: solution passes, starter fails."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layerlab.exercises import passed
from layerlab.lessons import (
    MANIFEST,
    Lesson,
    LessonError,
    check_exercise,
    lesson_folders,
    load_lesson,
    load_lessons,
)
from layerlab.lint import lint
from layerlab.lint.registry import LESSONS, rules_by_code
from layerlab.sample_projects import SampleProjectError, load_project, load_projects

FOLDERS = lesson_folders()
LESSONS_ON_DISK = pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])


@LESSONS_ON_DISK
def test_lesson_loads(folder: Path) -> None:
    lesson = load_lesson(folder)
    assert lesson.slug in LESSONS
    assert lesson.title.ja and lesson.title.en
    assert lesson.body.ja.strip() and lesson.body.en.strip()


@LESSONS_ON_DISK
def test_lesson_teaches_known_rules_that_belong_to_it(folder: Path) -> None:
    lesson = load_lesson(folder)
    assert all(code in rules_by_code() for code in lesson.rules)


@LESSONS_ON_DISK
def test_bad_and_good_examples_differ(folder: Path) -> None:
    lesson = load_lesson(folder)
    assert (lesson.bad is None) == (lesson.good is None)
    assert lesson.bad != lesson.good or lesson.bad is None


@LESSONS_ON_DISK
def test_bad_and_good_are_the_same_dockerfile_in_both_languages(folder: Path) -> None:
    lesson = load_lesson(folder)
    for example in (lesson.bad, lesson.good):
        if example is not None:
            assert _code(example.ja) == _code(example.en)


@LESSONS_ON_DISK
def test_comments_shown_in_a_japanese_lesson_are_japanese(folder: Path) -> None:
    lesson = load_lesson(folder)
    texts = [lesson.bad, lesson.good] if lesson.bad and lesson.good else []
    comments = [line for text in texts for line in text.ja.splitlines() if line.startswith("#")]
    assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line) for line in comments)


def _code(dockerfile: str) -> list[str]:
    return [line for line in dockerfile.splitlines() if not line.startswith("#")]


@LESSONS_ON_DISK
def test_reference_solution_passes(folder: Path) -> None:
    lesson = load_lesson(folder)
    if lesson.exercise is None:
        pytest.skip("no exercise")
    failing = [r.label.en for r in check_exercise(lesson, lesson.exercise.solution) if not r.passed]
    assert failing == []


@LESSONS_ON_DISK
def test_starter_fails(folder: Path) -> None:
    lesson = load_lesson(folder)
    if lesson.exercise is None:
        pytest.skip("no exercise")
    assert not passed(check_exercise(lesson, lesson.exercise.starter))


@LESSONS_ON_DISK
def test_exercise_project_is_a_sample_project(folder: Path) -> None:
    lesson = load_lesson(folder)
    assert lesson.project is None or lesson.project in load_projects()


def test_lessons_come_in_the_talks_order() -> None:
    slugs = [lesson.slug for lesson in load_lessons()]
    assert slugs == [slug for slug in LESSONS if slug in slugs]


def _lesson(slug: str) -> Lesson:
    return next(lesson for lesson in load_lessons() if lesson.slug == slug)


def test_multi_stage_fails_an_answer_that_puts_an_empty_venv_on_path() -> None:
    lesson = _lesson("07-multi-stage")
    assert lesson.exercise is not None
    before, found, after = lesson.exercise.solution.rpartition("ENV PATH=/opt/venv/bin:$PATH")
    assert found, "the final stage puts the venv on PATH"
    trapped = before + 'ENV VIRTUAL_ENV=/opt/venv PATH="$VIRTUAL_ENV/bin:$PATH"' + after
    assert not passed(check_exercise(lesson, trapped))


@pytest.mark.parametrize("user", ["app", "10001", "10001:10001"])
def test_case_study_accepts_a_named_or_a_numeric_user(user: str) -> None:
    lesson = _lesson("08-case-study")
    assert lesson.exercise is not None
    answer = lesson.exercise.solution.replace("USER app", f"USER {user}")
    assert passed(check_exercise(lesson, answer))


# The loader's own behaviour, on small lessons written here.

TOML = """
[lesson]
title = { ja = "テスト", en = "Test" }
rules = ["LL002"]
bad = "bad.Dockerfile"
good = "good.Dockerfile"
[exercise]
goal = { ja = "空行を消す", en = "Remove the blank line" }
starter = "starter.Dockerfile"
solution = "solution.Dockerfile"
absent = ["LL002"]
present = []
[[exercise.patterns]]
regex = '^run\\s+apt-get update'
label = { ja = "update する", en = "updates" }
[[exercise.hints]]
ja = "ヒント"
en = "A hint"
"""
BAD = "FROM python:3.12-slim\nRUN apt-get update && \\\n\n    apt-get upgrade -y\n"
GOOD = "FROM python:3.12-slim\nRUN apt-get update && \\\n    apt-get upgrade -y\n"


def write_lesson(root: Path, manifest: str = TOML, slug: str = "04-fewer-layers") -> Path:
    folder = root / slug
    folder.mkdir(parents=True)
    files = {
        MANIFEST: manifest,
        "ja.md": "本文",
        "en.md": "Body",
        "bad.Dockerfile": BAD,
        "good.Dockerfile": GOOD,
        "starter.Dockerfile": BAD,
        "solution.Dockerfile": GOOD,
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_loader_reads_every_field(tmp_path: Path) -> None:
    lesson = load_lesson(write_lesson(tmp_path))
    assert lesson.title.en == "Test"
    assert lesson.body.ja == "本文"
    assert lesson.rules == ("LL002",)
    assert lesson.exercise is not None
    assert [check.label.en for check in lesson.exercise.checks] == [
        "Docker can parse it (no LL001)",
        "LL002 empty-continuation is gone",
        "updates",
    ]
    assert lesson.exercise.hints[0].en == "A hint"


def test_check_passes_on_the_solution_and_names_each_goal(tmp_path: Path) -> None:
    lesson = load_lesson(write_lesson(tmp_path))
    results = check_exercise(lesson, GOOD)
    assert [r.label.en for r in results] == [
        "Docker can parse it (no LL001)",
        "LL002 empty-continuation is gone",
        "updates",
    ]
    assert passed(results)


def test_check_fails_when_an_absent_code_is_found(tmp_path: Path) -> None:
    lesson = load_lesson(write_lesson(tmp_path))
    failing = [r.label.en for r in check_exercise(lesson, BAD) if not r.passed]
    assert failing == ["LL002 empty-continuation is gone"]


def test_patterns_are_case_insensitive_and_multiline(tmp_path: Path) -> None:
    lesson = load_lesson(write_lesson(tmp_path))
    assert passed(check_exercise(lesson, GOOD.replace("RUN", "run")))


def test_check_fails_when_a_pattern_is_missing(tmp_path: Path) -> None:
    lesson = load_lesson(write_lesson(tmp_path))
    assert not passed(check_exercise(lesson, "FROM python:3.12-slim\n"))


def test_present_codes_must_be_found(tmp_path: Path) -> None:
    manifest = TOML.replace('absent = ["LL002"]\npresent = []', 'absent = []\npresent = ["LL002"]')
    lesson = load_lesson(write_lesson(tmp_path, manifest))
    assert [r.passed for r in check_exercise(lesson, BAD)][1] is True
    assert [r.passed for r in check_exercise(lesson, GOOD)][1] is False


def test_exercise_checks_agree_with_the_linter(tmp_path: Path) -> None:
    lesson = load_lesson(write_lesson(tmp_path))
    codes = {finding.code for finding in lint(BAD)}
    assert ("LL002" in codes) != check_exercise(lesson, BAD)[1].passed


def test_unknown_rule_is_an_error_naming_the_manifest(tmp_path: Path) -> None:
    folder = write_lesson(tmp_path, TOML.replace('rules = ["LL002"]', 'rules = ["LL999"]'))
    with pytest.raises(LessonError, match=re.escape(str(folder / MANIFEST)) + ".*LL999"):
        load_lesson(folder)


def test_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = write_lesson(tmp_path)
    (folder / "solution.Dockerfile").unlink()
    with pytest.raises(LessonError, match=r"solution\.Dockerfile"):
        load_lesson(folder)


def test_missing_translation_is_an_error(tmp_path: Path) -> None:
    folder = write_lesson(tmp_path)
    (folder / "en.md").unlink()
    with pytest.raises(LessonError, match=r"en\.md"):
        load_lesson(folder)


def test_title_needs_both_languages(tmp_path: Path) -> None:
    folder = write_lesson(tmp_path, TOML.replace(', en = "Test"', ""))
    with pytest.raises(LessonError, match=r"lesson\.title"):
        load_lesson(folder)


def test_bad_regex_is_an_error(tmp_path: Path) -> None:
    folder = write_lesson(tmp_path, TOML.replace("^run\\s+apt-get update", "(unclosed"))
    with pytest.raises(LessonError, match=r"patterns\[0\]"):
        load_lesson(folder)


def test_folder_must_be_a_known_lesson(tmp_path: Path) -> None:
    with pytest.raises(LessonError, match="99-extra"):
        load_lesson(write_lesson(tmp_path, slug="99-extra"))


def test_unknown_project_is_an_error(tmp_path: Path) -> None:
    manifest = TOML.replace('rules = ["LL002"]', 'rules = ["LL002"]\nproject = "no-such"')
    with pytest.raises(LessonError, match="no-such"):
        load_lesson(write_lesson(tmp_path, manifest))


# Sample projects: the contexts lessons and the playground lint against.

PROJECTS = load_projects()


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_sample_project_declares_a_title_in_both_languages(name: str) -> None:
    project = PROJECTS[name]
    assert project.title.ja and project.title.en


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_sample_project_context_holds_its_reference_dockerfile(name: str) -> None:
    project = PROJECTS[name]
    context = project.context()
    assert project.dockerfile is None or project.dockerfile in context.paths


def test_declared_file_that_is_missing_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "layerlab.toml").write_text(
        '[project]\ntitle = { ja = "デモ", en = "Demo" }\ndockerfile = "Dockerfile"\n'
    )
    with pytest.raises(SampleProjectError, match=r"layerlab\.toml.*Dockerfile"):
        load_project(folder)


def test_folder_without_declaration_is_titled_by_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    assert load_project(folder).title.en == "plain"


def test_unknown_exercise_key_is_an_error(tmp_path: Path) -> None:
    folder = write_lesson(tmp_path, TOML.replace("present = []", "present = []\nabsnet = []"))
    with pytest.raises(LessonError, match="absnet"):
        load_lesson(folder)


def test_unknown_final_image_fact_is_an_error(tmp_path: Path) -> None:
    folder = write_lesson(
        tmp_path, TOML.replace("present = []", 'present = []\nfinal_image = ["tiny"]')
    )
    with pytest.raises(LessonError, match=r"tiny.*slim-base"):
        load_lesson(folder)


def test_cache_check_needs_a_project(tmp_path: Path) -> None:
    manifest = TOML.replace(
        "present = []", 'present = []\ncache = [{ edit = "code", install = "cached" }]'
    )
    with pytest.raises(LessonError, match=r"cache needs lesson\.project"):
        load_lesson(write_lesson(tmp_path, manifest))


def test_cache_check_names_a_known_edit(tmp_path: Path) -> None:
    manifest = TOML.replace('rules = ["LL002"]', 'rules = ["LL002"]\nproject = "django-uwsgi"')
    manifest = manifest.replace(
        "present = []", 'present = []\ncache = [{ edit = "docs", install = "runs" }]'
    )
    with pytest.raises(LessonError, match=r"cache\[0\]\.edit"):
        load_lesson(write_lesson(tmp_path, manifest))


def test_missing_bad_example_is_an_error_naming_the_key(tmp_path: Path) -> None:
    folder = write_lesson(tmp_path)
    (folder / "bad.Dockerfile").unlink()
    with pytest.raises(LessonError, match=r"lesson\.bad names .*bad\.Dockerfile"):
        load_lesson(folder)
