"""`layerlab exercise`: check a lesson's exercise from a terminal, for learners who work in
their own editor; the same checks as the app, against the lesson's sample project."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from layerlab.dockerfile import DockerfileInputError, decode
from layerlab.lint import lint

if TYPE_CHECKING:  # imported where used: `layerlab lint` does not pay for the lessons
    from layerlab.exercises import CheckResult
    from layerlab.lessons import Lesson

EXIT_PASSED, EXIT_NOT_YET, EXIT_USAGE = 0, 1, 2
FORMATS = ("text", "json")
WORDS = {
    "en": {
        "passed": "passed",
        "not_yet": "not yet",
        "no_exercise": "{lesson} has no exercise",
        "no_lesson": "no lesson {name!r}: `layerlab exercise list` shows them",
        "unreadable": "{file}: cannot read ({reason})",
    },
    "ja": {
        "passed": "クリア",
        "not_yet": "未クリア",
        "no_exercise": "{lesson} には演習がありません",
        "no_lesson": "レッスン {name!r} はありません (一覧: `layerlab exercise list`)",
        "unreadable": "{file}: 読み込めません ({reason})",
    },
}
MARKS = {True: "✓", False: "✗"}


def add_parser(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    add_lang_argument: Callable[[argparse.ArgumentParser], None],
) -> None:
    parser = commands.add_parser("exercise", help="check a lesson's exercise, list the lessons")
    actions = parser.add_subparsers(dest="action", required=True)
    check = actions.add_parser("check", help="check FILE against LESSON's exercise")
    check.add_argument("lesson", metavar="LESSON", help="number (02, 2) or folder name")
    check.add_argument("file", metavar="FILE", help="your Dockerfile; '-' reads stdin")
    check.add_argument("--format", choices=FORMATS, default="text")
    add_lang_argument(check)
    check.set_defaults(handler=run_check)
    listing = actions.add_parser("list", help="the lessons and their exercise goals")
    add_lang_argument(listing)
    listing.set_defaults(handler=run_list)


def find_lesson(name: str, lessons: tuple[Lesson, ...]) -> Lesson | None:
    """By folder name (02-build-cache) or number (02, 2)."""
    for lesson in lessons:
        if name == lesson.slug or (name.isdigit() and int(name) == lesson.number):
            return lesson
    return None


def run_check(args: argparse.Namespace) -> int:
    from layerlab.exercises import passed
    from layerlab.lessons import LessonError, check_exercise, load_lessons

    try:
        lesson = find_lesson(args.lesson, load_lessons())
    except LessonError as exc:
        return _usage(str(exc))
    if lesson is None:
        return _usage(WORDS[args.lang]["no_lesson"].format(name=args.lesson))
    if lesson.exercise is None:
        return _usage(WORDS[args.lang]["no_exercise"].format(lesson=lesson.slug))
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
        text = decode(data)
    except OSError as exc:
        return _usage(WORDS[args.lang]["unreadable"].format(file=args.file, reason=exc.strerror))
    except DockerfileInputError as exc:
        return _usage(f"{args.file}: {exc.message(args.lang)}")
    findings = lint(text, context=lesson.context(), filename=args.file, lang=args.lang)
    results = check_exercise(lesson, text, findings)
    write = _json if args.format == "json" else _text
    sys.stdout.write(write(lesson, results, args.lang))
    return EXIT_PASSED if passed(results) else EXIT_NOT_YET


def run_list(args: argparse.Namespace) -> int:
    from layerlab.lessons import LessonError, load_lessons

    try:
        lessons = load_lessons()
    except LessonError as exc:
        return _usage(str(exc))
    for lesson in lessons:
        print(f"{lesson.slug}  {lesson.title(args.lang)}")
        if lesson.exercise is not None:
            print(f"    {lesson.exercise.goal(args.lang)}")
    return EXIT_PASSED


def _text(lesson: Lesson, results: list[CheckResult], lang: str) -> str:
    from layerlab.exercises import passed

    lines = [f"{lesson.slug}  {lesson.title(lang)}"]
    lines += [f"  {MARKS[r.passed]} {r.label(lang)}" for r in results]
    lines.append(WORDS[lang]["passed" if passed(results) else "not_yet"])
    return "\n".join(lines) + "\n"


def _json(lesson: Lesson, results: list[CheckResult], lang: str) -> str:
    from layerlab.exercises import passed

    report = {
        "lesson": lesson.slug,
        "passed": passed(results),
        "checks": [{"label": r.label(lang), "passed": r.passed} for r in results],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _usage(message: str) -> int:
    print(f"layerlab exercise: {message}", file=sys.stderr)
    return EXIT_USAGE
