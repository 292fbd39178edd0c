"""The records prediction, real builds and the views share (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from layerlab.text import Text

if TYPE_CHECKING:  # the cache package imports this module
    from layerlab.cache.reasons import Reason

CACHED, EXECUTED, FAILED = "cached", "executed", "failed"
PREDICTED_HIT, PREDICTED_MISS = "predicted-hit", "predicted-miss"
STATUSES = (CACHED, EXECUTED, FAILED, PREDICTED_HIT, PREDICTED_MISS)
BACKEND_CHOICES = ("auto", "buildkit", "classic")  # auto: BuildKit when buildx is there


@dataclass
class Step:
    stage: str | None  # stage name or index; None for ARGs before the first FROM
    index: int  # 1-based position in the run
    instruction: str  # one line: "COPY Pipfile Pipfile.lock ./"
    line: int  # where the instruction starts in the Dockerfile
    predicted_cached: bool
    cached: bool | None = None  # None when only predicted
    start: float | None = None  # seconds from the run's start
    end: float | None = None
    layer_size: int | None = None
    log: str = ""
    error: str | None = None
    miss_reason: Reason | None = None  # why it ran again (or hit against the prediction)
    note: Text | None = None  # why a cap or a setting of this instance stopped it (ja, en)

    @property
    def seconds(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return max(self.end - self.start, 0.0)

    @property
    def hit(self) -> bool:
        """Came from the cache: the engine's word when it built, else the prediction."""
        return self.cached if self.cached is not None else self.predicted_cached

    @property
    def can_hit(self) -> bool:
        """FROM is a lookup of the base, never a cache hit (BuildKit's flag on it means nothing)."""
        return not self.instruction.upper().startswith("FROM ")

    @property
    def status(self) -> str:
        """One of STATUSES: what a chart colours and a table says."""
        if self.cached is None:
            return PREDICTED_HIT if self.predicted_cached else PREDICTED_MISS
        if self.error:
            return FAILED
        return CACHED if self.cached else EXECUTED


@dataclass
class Run:
    name: str  # "cold", "code-edit", "deps-edit", or a learner's own
    backend: str  # "classic" or "buildkit"
    steps: list[Step] = field(default_factory=list)
    seconds: float | None = None
    image_id: str | None = None
    image_size: int | None = None
    error: str | None = None
    error_line: int | None = None  # a Dockerfile line the engine could not parse
    predicted_only: bool = True

    @property
    def cache_rate(self) -> float | None:
        """Share of the steps that can hit that did (0..1); None when no step can hit."""
        counted = [step.hit for step in self.steps if step.can_hit]
        return sum(counted) / len(counted) if counted else None

    @property
    def misses(self) -> list[Step]:
        return [step for step in self.steps if step.can_hit and not step.hit]

    def to_dict(self) -> dict[str, object]:
        """The shape `layerlab experiment --json` prints."""
        return {
            "name": self.name,
            "seconds": self.seconds,
            "image_size": self.image_size,
            "error": self.error,
            "error_line": self.error_line,
            "steps": [
                {
                    "stage": step.stage,
                    "index": step.index,
                    "instruction": step.instruction,
                    "cached": step.cached,
                    "predicted_cached": step.predicted_cached,
                    "seconds": step.seconds,
                    "layer_size": step.layer_size,
                    "miss_reason": step.miss_reason.to_dict() if step.miss_reason else None,
                    "note": {"en": step.note.en, "ja": step.note.ja} if step.note else None,
                }
                for step in self.steps
            ],
        }
