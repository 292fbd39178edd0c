"""Lessons as data: lessons/NN-slug/ with ja.md, en.md and lesson.toml, plus exercise checks.

The views render Lesson objects; whether an answer passes is decided here, from the same
findings the linter gives everyone else.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layerlab.context import BuildContext
from layerlab.lint import Finding, lint
from layerlab.lint.registry import LESSONS, rules_by_code
from layerlab.sample_projects import ROOT as PROJECTS_ROOT
from layerlab.sample_projects import project_context
from layerlab.text import LANGUAGES, Text

ROOT = Path(__file__).resolve().parent.parent / "lessons"
MANIFEST = "lesson.toml"
PATTERN_FLAGS = re.MULTILINE | re.IGNORECASE


class LessonError(ValueError):
    """Lesson content that cannot be used; the message names the file at fault."""


@dataclass(frozen=True)
class Pattern:
    regex: str
    label: Text


@dataclass(frozen=True)
class Exercise:
    goal: Text
    starter: str
    solution: str
    absent: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    hints: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Lesson:
    slug: str
    path: Path
    title: Text
    body: Text  # the explanation, markdown
    rules: tuple[str, ...] = ()
    project: str | None = None
    bad: str | None = None
    good: str | None = None
    exercise: Exercise | None = None

    @property
    def number(self) -> int:
        return int(self.slug.split("-", 1)[0])

    def context(self) -> BuildContext | None:
        return project_context(PROJECTS_ROOT / self.project) if self.project else None


@dataclass(frozen=True)
class CheckResult:
    label: Text
    passed: bool


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
    _check_codes(rules, manifest, "rules")
    project = meta.get("project")
    if project is not None and not (PROJECTS_ROOT / project).is_dir():
        raise LessonError(f"{manifest}: project {project!r} is not under {PROJECTS_ROOT}")
    return Lesson(
        slug=folder.name,
        path=folder,
        title=_text(meta.get("title"), manifest, "lesson.title"),
        body=Text(**{lang: _read(folder / f"{lang}.md") for lang in LANGUAGES}),
        rules=rules,
        project=project,
        bad=_optional_file(folder, meta.get("bad"), manifest, "lesson.bad"),
        good=_optional_file(folder, meta.get("good"), manifest, "lesson.good"),
        exercise=_exercise(data["exercise"], folder, manifest) if "exercise" in data else None,
    )


def _exercise(data: dict[str, Any], folder: Path, manifest: Path) -> Exercise:
    absent = tuple(data.get("absent", ()))
    present = tuple(data.get("present", ()))
    _check_codes(absent, manifest, "exercise.absent")
    _check_codes(present, manifest, "exercise.present")
    patterns = []
    for index, item in enumerate(data.get("patterns", ())):
        where = f"exercise.patterns[{index}]"
        try:
            re.compile(item["regex"], PATTERN_FLAGS)
        except (KeyError, re.error) as exc:
            raise LessonError(f"{manifest}: {where}.regex: {exc}") from exc
        patterns.append(Pattern(item["regex"], _text(item.get("label"), manifest, where)))
    return Exercise(
        goal=_text(data.get("goal"), manifest, "exercise.goal"),
        starter=_required_file(folder, data.get("starter"), manifest, "exercise.starter"),
        solution=_required_file(folder, data.get("solution"), manifest, "exercise.solution"),
        absent=absent,
        present=present,
        patterns=tuple(patterns),
        hints=tuple(
            _text(hint, manifest, f"exercise.hints[{i}]")
            for i, hint in enumerate(data.get("hints", ()))
        ),
    )


def check_exercise(lesson: Lesson, text: str) -> list[CheckResult]:
    """One result per goal of the lesson's exercise, in the order the learner reads them."""
    if lesson.exercise is None:
        return []
    return exercise_checks(lesson.exercise, text, lint(text, context=lesson.context()))


def exercise_checks(exercise: Exercise, text: str, findings: list[Finding]) -> list[CheckResult]:
    """The checks on findings the caller already has (the editor lints on every keystroke)."""
    found = {finding.code for finding in findings}
    results = []
    if "LL001" not in exercise.absent + exercise.present:
        results.append(CheckResult(_parses_label(), "LL001" not in found))
    results += [
        CheckResult(_code_label(code, gone=True), code not in found) for code in exercise.absent
    ]
    results += [
        CheckResult(_code_label(code, gone=False), code in found) for code in exercise.present
    ]
    results += [
        CheckResult(pattern.label, re.search(pattern.regex, text, PATTERN_FLAGS) is not None)
        for pattern in exercise.patterns
    ]
    return results


def passed(results: list[CheckResult]) -> bool:
    return bool(results) and all(result.passed for result in results)


def _parses_label() -> Text:
    return Text(en="Docker can parse it (no LL001)", ja="Docker が解釈できる (LL001 がない)")


def _code_label(code: str, *, gone: bool) -> Text:
    name = rules_by_code()[code].name
    if gone:
        return Text(en=f"{code} {name} is gone", ja=f"{code} {name} が出ない")
    return Text(en=f"{code} {name} is reported", ja=f"{code} {name} が出る")


def _check_codes(codes: tuple[str, ...], manifest: Path, key: str) -> None:
    known = rules_by_code()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise LessonError(f"{manifest}: {key} names unknown rule(s) {', '.join(unknown)}")


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


def _text(value: object, manifest: Path, key: str) -> Text:
    if not isinstance(value, dict) or not all(isinstance(value.get(la), str) for la in LANGUAGES):
        raise LessonError(f"{manifest}: {key} needs both ja and en strings")
    return Text(en=value["en"], ja=value["ja"])


def _optional_file(folder: Path, name: str | None, manifest: Path, key: str) -> str | None:
    return None if name is None else _required_file(folder, name, manifest, key)


def _required_file(folder: Path, name: str | None, manifest: Path, key: str) -> str:
    if name is None:
        raise LessonError(f"{manifest}: {key} is missing")
    path = folder / name
    if not path.is_file():
        raise LessonError(f"{manifest}: {key} names {path}, which does not exist")
    return path.read_text(encoding="utf-8")
