"""Lessons as data: lessons/NN-slug/ with ja.md, en.md and lesson.toml.

The views render Lesson objects; whether an answer passes is decided in `layerlab.exercises`,
from the same findings the linter gives everyone else and the project's own cache predictor.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from layerlab.context import BuildContext
from layerlab.exercises import Answer, CheckResult, Exercise, LessonError, run_checks
from layerlab.exercises.manifest import check_codes, read_exercise, required_file, text_field
from layerlab.japanese import unwrap
from layerlab.lint import Finding, lint
from layerlab.lint.registry import LESSONS
from layerlab.sample_projects import ROOT as PROJECTS_ROOT
from layerlab.sample_projects import SampleProject, load_project
from layerlab.text import LANGUAGES, Text

ROOT = Path(__file__).resolve().parent.parent / "lessons"
MANIFEST = "lesson.toml"

__all__ = ["CheckResult", "Exercise", "Lesson", "LessonError", "check_exercise", "load_lesson"]


@dataclass(frozen=True)
class Lesson:
    slug: str
    path: Path
    title: Text
    body: Text  # the explanation, markdown
    rules: tuple[str, ...] = ()
    project: str | None = None
    bad: Text | None = None  # a Dockerfile per language: its comments are prose
    good: Text | None = None
    exercise: Exercise | None = None

    @property
    def number(self) -> int:
        return int(self.slug.split("-", 1)[0])

    def sample_project(self) -> SampleProject | None:
        return sample_project(self.project) if self.project else None

    def context(self) -> BuildContext | None:
        project = self.sample_project()
        return project.context() if project is not None else None


@cache
def sample_project(name: str) -> SampleProject:
    """Read once per process: the samples do not change while the app runs."""
    return load_project(PROJECTS_ROOT / name)


def lesson_folders(root: Path = ROOT) -> list[Path]:
    """Folders under root that hold a lesson.toml, in name order (the talk's order)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / MANIFEST).is_file())


def load_lessons(root: Path = ROOT) -> tuple[Lesson, ...]:
    return tuple(load_lesson(folder) for folder in lesson_folders(root))


def load_lesson(folder: Path) -> Lesson:
    manifest = folder / MANIFEST
    if folder.name not in LESSONS:
        raise LessonError(f"{folder}: {folder.name!r} is not one of {', '.join(LESSONS)}")
    data = _read_toml(manifest)
    meta = _table(data, "lesson", manifest)
    rules = tuple(meta.get("rules", ()))
    check_codes(rules, manifest, "rules")
    project = meta.get("project")
    if project is not None and not (PROJECTS_ROOT / project).is_dir():
        raise LessonError(f"{manifest}: project {project!r} is not under {PROJECTS_ROOT}")
    return Lesson(
        slug=folder.name,
        path=folder,
        title=text_field(meta.get("title"), manifest, "lesson.title"),
        body=Text(en=_read(folder / "en.md"), ja=unwrap(_read(folder / "ja.md"))),
        rules=rules,
        project=project,
        bad=_optional_file(folder, meta.get("bad"), manifest, "lesson.bad"),
        good=_optional_file(folder, meta.get("good"), manifest, "lesson.good"),
        exercise=(
            read_exercise(data["exercise"], folder, manifest, project)
            if "exercise" in data
            else None
        ),
    )


def check_exercise(
    lesson: Lesson, text: str, findings: list[Finding] | None = None
) -> list[CheckResult]:
    """One result per check of the lesson's exercise, in the order the learner reads them.

    Pass the findings when the caller already has them (the editor lints on every edit).
    """
    if lesson.exercise is None:
        return []
    if findings is None:
        findings = lint(text, context=lesson.context())
    answer = Answer(text, tuple(findings), lesson.sample_project())
    return run_checks(lesson.exercise.checks, answer)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_read(path))
    except tomllib.TOMLDecodeError as exc:
        raise LessonError(f"{path}: {exc}") from exc


def _read(path: Path) -> str:
    if not path.is_file():
        raise LessonError(f"{path}: file missing")
    return path.read_text(encoding="utf-8")


def _table(data: dict[str, Any], key: str, manifest: Path) -> dict[str, Any]:
    if not isinstance(data.get(key), dict):
        raise LessonError(f"{manifest}: the [{key}] table is missing")
    return data[key]


def _optional_file(folder: Path, name: object, manifest: Path, key: str) -> Text | None:
    """`bad = "bad.Dockerfile"`, or one file per language: `{ ja = "...", en = "..." }`."""
    if name is None:
        return None
    if not isinstance(name, dict):
        text = required_file(folder, name, manifest, key)  # type: ignore[arg-type]
        return Text(en=text, ja=text)
    texts = {
        lang: required_file(folder, name.get(lang), manifest, f"{key}.{lang}") for lang in LANGUAGES
    }
    return Text(**texts)
