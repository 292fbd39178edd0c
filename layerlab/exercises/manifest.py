"""An exercise as lesson.toml declares it: goal, files, hints and the checks on an answer.

```toml
[exercise]
goal = { ja = "...", en = "..." }
starter = "starter.Dockerfile"
solution = "solution.Dockerfile"
absent = ["LL101"]                       # rule codes the answer must not get
present = []                             # rule codes it must get
final_image = ["slim-base", "non-root"]  # facts of the image built without --target
installs = ["libpq5"]                    # OS packages the final image must keep
cache = [{ edit = "code", install = "cached" }, { edit = "deps", install = "runs" }]
context_copies = ["Pipfile.lock"]        # context files that must reach the image
[[exercise.patterns]]                    # text, only where the text is the lesson
regex = '...'
label = { ja = "...", en = "..." }
```
`cache` and `context_copies` need the lesson's `project`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layerlab.exercises.cache_verdict import Edit
from layerlab.exercises.checks import (
    FACTS,
    PATTERN_FLAGS,
    CacheVerdict,
    Check,
    CodeAbsent,
    CodePresent,
    ContextCopies,
    FinalImage,
    Installs,
    Parses,
    TextPattern,
)
from layerlab.japanese import unwrap
from layerlab.lint.registry import rules_by_code
from layerlab.text import LANGUAGES, Text

KEYS = frozenset(
    {"goal", "starter", "solution", "hints", "absent", "present", "final_image", "installs"}
    | {"cache", "context_copies", "patterns"}
)
INSTALL_VERDICTS = {"cached": True, "runs": False}


class LessonError(ValueError):
    """Lesson content that cannot be used; the message names the file at fault."""


@dataclass(frozen=True)
class Exercise:
    goal: Text
    starter: str
    solution: str
    checks: tuple[Check, ...]
    hints: tuple[Text, ...] = ()


def read_exercise(
    data: dict[str, Any], folder: Path, manifest: Path, project: str | None
) -> Exercise:
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise LessonError(f"{manifest}: [exercise] has unknown key(s) {', '.join(unknown)}")
    return Exercise(
        goal=text_field(data.get("goal"), manifest, "exercise.goal"),
        starter=required_file(folder, data.get("starter"), manifest, "exercise.starter"),
        solution=required_file(folder, data.get("solution"), manifest, "exercise.solution"),
        checks=_checks(data, manifest, project),
        hints=tuple(
            text_field(hint, manifest, f"exercise.hints[{i}]")
            for i, hint in enumerate(data.get("hints", ()))
        ),
    )


def _checks(data: dict[str, Any], manifest: Path, project: str | None) -> tuple[Check, ...]:
    absent = tuple(data.get("absent", ()))
    present = tuple(data.get("present", ()))
    check_codes(absent, manifest, "exercise.absent")
    check_codes(present, manifest, "exercise.present")
    checks: list[Check] = [] if "LL001" in absent + present else [Parses()]
    checks += [CodeAbsent(code) for code in absent]
    checks += [CodePresent(code) for code in present]
    for name in data.get("final_image", ()):
        if name not in FACTS:
            known = ", ".join(FACTS)
            raise LessonError(f"{manifest}: exercise.final_image: {name!r} is not one of {known}")
        checks.append(FinalImage(FACTS[name]))
    if data.get("installs"):
        checks.append(Installs(tuple(data["installs"])))
    needs_project = [key for key in ("cache", "context_copies") if data.get(key)]
    if needs_project and project is None:
        raise LessonError(f"{manifest}: exercise.{needs_project[0]} needs lesson.project")
    for index, item in enumerate(data.get("cache", ())):
        checks.append(_cache(item, manifest, f"exercise.cache[{index}]"))
    if data.get("context_copies"):
        checks.append(ContextCopies(tuple(data["context_copies"])))
    for index, item in enumerate(data.get("patterns", ())):
        checks.append(_pattern(item, manifest, f"exercise.patterns[{index}]"))
    return tuple(checks)


def _cache(item: Any, manifest: Path, where: str) -> CacheVerdict:
    edits = [edit.value for edit in Edit]
    if not isinstance(item, dict) or item.get("edit") not in edits:
        raise LessonError(f"{manifest}: {where}.edit must be one of {', '.join(edits)}")
    if item.get("install") not in INSTALL_VERDICTS:
        raise LessonError(f"{manifest}: {where}.install must be cached or runs")
    return CacheVerdict(Edit(item["edit"]), INSTALL_VERDICTS[item["install"]])


def _pattern(item: Any, manifest: Path, where: str) -> TextPattern:
    try:
        re.compile(item["regex"], PATTERN_FLAGS)
    except (KeyError, TypeError, re.error) as exc:
        raise LessonError(f"{manifest}: {where}.regex: {exc}") from exc
    return TextPattern(item["regex"], text_field(item.get("label"), manifest, where))


def check_codes(codes: tuple[str, ...], manifest: Path, key: str) -> None:
    known = rules_by_code()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise LessonError(f"{manifest}: {key} names unknown rule(s) {', '.join(unknown)}")


def text_field(value: object, manifest: Path, key: str) -> Text:
    if not isinstance(value, dict) or not all(isinstance(value.get(la), str) for la in LANGUAGES):
        raise LessonError(f"{manifest}: {key} needs both ja and en strings")
    return Text(en=value["en"], ja=unwrap(value["ja"]))


def required_file(folder: Path, name: str | None, manifest: Path, key: str) -> str:
    if name is None:
        raise LessonError(f"{manifest}: {key} is missing")
    path = folder / name
    if not path.is_file():
        raise LessonError(f"{manifest}: {key} names {path}, which does not exist")
    return path.read_text(encoding="utf-8")
