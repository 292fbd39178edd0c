"""What a backend reports about one build, before it is merged with the prediction."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from layerlab.context import BuildContext
from layerlab.text import Text


@dataclass(frozen=True)
class BuildRequest:
    """One build, the same for both backends (classic.build and buildkit.build)."""

    context: BuildContext
    dockerfile_name: str  # where the Dockerfile is in the context
    tag: str
    target: str | None = None
    no_cache: bool = False
    build_args: Mapping[str, str] = field(default_factory=dict)
    network: str = "default"  # "none": RUN steps have no network
    cgroup_parent: str | None = None  # the build's own cgroup (caps.py)


@dataclass
class EngineStep:
    """One step as the engine reported it."""

    key: tuple[str, int]  # classic: ("", n) for "Step n/m"; BuildKit: (stage label, i)
    instruction: str
    start: float  # seconds from the build's start
    end: float | None = None
    cached: bool = False
    log: str = ""
    error: str | None = None
    note: Text | None = None  # why a cap or a setting stopped it (stops.py)


@dataclass
class BuildOutcome:
    steps: list[EngineStep] = field(default_factory=list)
    image_id: str | None = None
    error: str | None = None
    error_line: int | None = None  # a Dockerfile line the engine could not parse
    seconds: float = 0.0
    cancelled: bool = False


class Cancel:
    """Set from any thread; the running backend stops its build and cleans up."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._stoppers: list[Callable[[], None]] = []
        self.reason = "cancelled"
        self.note: Text | None = None  # a limit's reason, in both languages, for the step

    def on_cancel(self, stop: Callable[[], None]) -> None:
        self._stoppers.append(stop)
        if self.is_set():
            stop()

    def set(self, reason: str | Text = "cancelled") -> None:
        if self._event.is_set():
            return
        if isinstance(reason, Text):
            self.note, reason = reason, reason.en
        self.reason = reason
        self._event.set()
        for stop in self._stoppers:
            stop()

    def is_set(self) -> bool:
        return self._event.is_set()


MAX_LOG_CHARS = 20_000  # per step: a RUN printing a million lines must not fill memory


def append_log(step: EngineStep, text: str) -> None:
    step.log = (step.log + text)[-MAX_LOG_CHARS:]


def mark_stopped(outcome: BuildOutcome, cancel: Cancel) -> None:
    """A stopped build: the step that was running says why, as a failed step would."""
    message = f"the build was {cancel.reason}"
    outcome.cancelled, outcome.error = True, message
    # BuildKit reports the interrupted step as "context canceled": the reason reads better
    interrupted = [s for s in outcome.steps if s.error is not None or s.end is None]
    for step in interrupted or outcome.steps[-1:]:
        step.error, step.note = message, cancel.note
