"""Findings and their levels: the linter's output record."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum


class Level(StrEnum):
    """Severities, hadolint's names, most severe first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    STYLE = "style"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, threshold: Level) -> bool:
        return self.rank >= threshold.rank


_RANK = {Level.STYLE: 0, Level.INFO: 1, Level.WARNING: 2, Level.ERROR: 3}


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    code: str
    name: str
    level: Level
    message: str
    hadolint: str | None  # the equivalent hadolint code, when there is one

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["level"] = self.level.value
        return data
