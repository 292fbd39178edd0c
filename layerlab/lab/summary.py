"""What the lab shows about runs: per-run summaries, the rebuilds' misses, chart rows, the
talk's before/after figures. Plain records; the page translates and draws them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from layerlab.cache.reasons import EARLIER, Reason
from layerlab.lint import Finding, Level, lint
from layerlab.records import Run, Step

LABEL_CHARS = 60
MIN_BAR = 0.006  # of the longest run: a 0.01 s cache hit must still show as a bar
CODE_EDIT = "code-edit"


@dataclass(frozen=True)
class RunSummary:
    name: str  # "cold", "code-edit", ...
    cache_rate: float | None  # over the steps that can hit (no FROM)
    seconds: float | None
    real: bool  # built on an engine (or recorded), not only predicted


@dataclass(frozen=True)
class Miss:
    """A step that ran again for a reason of its own, and the later steps it took along."""

    run: str
    line: int  # the Dockerfile line: what the reason and the editor cite
    instruction: str
    reason: Reason | None
    then: tuple[int, ...] = ()  # lines of the later steps that missed because this one did


@dataclass(frozen=True)
class TimelineRow:
    run: str
    line: int
    step: str  # "12: RUN pip install …"
    status: str  # one of records.STATUSES
    start: float | None
    end: float | None  # stretched so a cache hit still shows as a bar
    seconds: float | None
    reason: Reason | None


@dataclass(frozen=True)
class SizeRow:
    image: str  # which image: "yours", "before"
    total: int  # the image's bytes
    layer: str  # step label
    size: int  # the layer's bytes
    order: int  # bottom layer first


@dataclass(frozen=True)
class Figures:
    """The talk's two figures for one image: its size and the rebuild after a code edit."""

    image_size: int | None
    rebuild_seconds: float | None


@dataclass(frozen=True)
class RunProblem:
    run: str
    error: str
    line: int | None  # the line the engine could not parse, if it named one
    findings: tuple[Finding, ...]  # what the linter says about that line
    stopped_at: int | None = None  # the line of the step a cap or a setting stopped
    why: str | None = None  # which one, in the page's language


def step_label(step: Step) -> str:
    text = step.instruction
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "…"
    return f"{step.line}: {text}"


def summaries(runs: Sequence[Run]) -> list[RunSummary]:
    return [
        RunSummary(run.name, run.cache_rate, run.seconds, not run.predicted_only) for run in runs
    ]


def misses(runs: Sequence[Run]) -> list[Miss]:
    """The rebuilds' misses, by cause: a step that missed only because an earlier one did
    goes with that one. The cold build is left out: every step of it runs."""
    found = []
    for run in runs[1:]:
        causes: dict[int, tuple[Step, Reason | None, list[int]]] = {}
        for step in run.misses:
            why = step.miss_reason
            cited = why.params["line"] if why and why.key == EARLIER else None
            if cited in causes:
                causes[cited][2].append(step.line)
            else:
                causes[step.line] = (step, why, [])
        found += [
            Miss(run.name, step.line, step.instruction, why, tuple(then))
            for step, why, then in causes.values()
        ]
    return found


def timeline_rows(runs: Sequence[Run]) -> list[TimelineRow]:
    """One row per step per run; steps without times (predicted, not reached) get None."""
    longest = max((s.end or 0.0 for run in runs for s in run.steps), default=0.0)
    rows = []
    for run in runs:
        for step in run.steps:
            timed = step.start is not None and step.end is not None
            seconds = step.seconds if timed else None
            rows.append(
                TimelineRow(
                    run=run.name,
                    line=step.line,
                    step=step_label(step),
                    status=step.status,
                    start=step.start if timed else None,
                    end=max(step.end, step.start + MIN_BAR * longest) if timed else None,
                    seconds=round(seconds, 2) if seconds is not None else None,
                    reason=step.miss_reason,
                )
            )
    return rows


def size_rows(images: Iterable[tuple[str, Run]]) -> list[SizeRow]:
    """One row per non-empty layer of each named image, the base image at the bottom."""
    rows = []
    for name, run in images:
        layers = [s for s in run.steps if s.layer_size]
        for order, step in enumerate(layers):
            rows.append(
                SizeRow(name, run.image_size or 0, step_label(step), step.layer_size or 0, order)
            )
    return rows


def sized(runs: Sequence[Run]) -> Run | None:
    """The run whose image stands for the Dockerfile: the first one that has a size."""
    return next((run for run in runs if run.image_size), None)


def figures(runs: Sequence[Run]) -> Figures:
    image = sized(runs)
    edit = next((run for run in runs if run.name == CODE_EDIT and not run.predicted_only), None)
    seconds = edit.seconds if edit is not None and not edit.error else None
    return Figures(image.image_size if image else None, seconds)


def run_problems(runs: Sequence[Run], text: str, lang: str = "en") -> list[RunProblem]:
    """Each failed run's error; where the engine named a line, the linter's errors on it."""
    problems = []
    for run in runs:
        if not run.error:
            continue
        found: tuple[Finding, ...] = ()
        if run.error_line is not None:
            found = tuple(
                f
                for f in lint(text, lang=lang)
                if f.line == run.error_line and f.level == Level.ERROR
            )
        noted = next((step for step in run.steps if step.note is not None), None)
        stopped = (noted.line, noted.note(lang)) if noted and noted.note else (None, None)
        problems.append(RunProblem(run.name, run.error, run.error_line, found, *stopped))
    return problems
