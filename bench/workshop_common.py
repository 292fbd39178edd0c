"""What the workshop benchmarks share: the lessons' rounds; CPU and memory of a process tree.

bench/workshop_soak.py (protocol-level learners) and bench/workshop_load.py (browsers) both
walk the lessons with exercises, putting a Dockerfile with a mistake and then the solution in
the editor, and read /proc for the server's share of the machine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from layerlab.lessons import Lesson, load_lessons
from layerlab.lint import lint

PASSED = "クリア! よくできました"  # the page's default language is Japanese
MISTAKE = "\nRUN apt-get update\n"  # adds findings to any starter


@dataclass
class Lint:
    """A text for a lesson's editor and the finding count its panel must then show."""

    text: str
    count: int


@dataclass
class Round:
    lesson: Lesson
    mistake: Lint
    solution: Lint


def rounds() -> list[Round]:
    """One per lesson with an exercise, the mistake and the solution linting differently."""
    found = []
    for lesson in load_lessons():
        if lesson.exercise is None:
            continue
        context = lesson.context()
        texts = (lesson.exercise.starter + MISTAKE, lesson.exercise.solution)
        mistake, solution = (Lint(text, len(lint(text, context=context))) for text in texts)
        if mistake.count != solution.count:
            found.append(Round(lesson, mistake, solution))
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(_stat_fields(int(entry.name))[1])
            except (OSError, IndexError, ValueError):  # it ended while we looked
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def _stat_fields(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name: state, ppid, ... (utime is [11])."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def process_rss(pid: int) -> int:
    """Bytes resident for `pid` and every process below it."""
    return sum(_vm_rss(current) for current in process_tree(pid))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` and every process below it, so far, with what their
    children that already ended used (cutime, cstime: e.g. a build's `docker` commands)."""
    ticks = 0
    for current in process_tree(pid):
        try:
            fields = _stat_fields(current)
        except OSError:
            continue
        ticks += sum(int(value) for value in fields[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")


def _vm_rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), None)
    return int(line.split()[1]) * 1024 if line else 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"
