"""Findings and their levels: the linter's output record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from layerlab.text import Param


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


@dataclass(frozen=True, init=False)
class Finding:
    file: str
    line: int
    column: int
    code: str
    name: str
    level: Level
    message: str  # in `lang`, filled from the rule's template `key` with `params`
    hadolint: str | None  # the equivalent hadolint code, when there is one
    lang: str = "en"
    key: str = ""  # the rule's message template; "" for a message from outside a rule
    params: Mapping[str, Param] = field(default_factory=dict, compare=False)

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        code: str,
        name: str,
        level: Level,
        message: str,
        hadolint: str | None,
        lang: str = "en",
        key: str = "",
        params: Mapping[str, Param] | None = None,
    ) -> None:
        # Straight into the instance's dict, not a frozen setattr per field nor a keyword
        # update: a third of the time, and a generated file makes tens of thousands.
        fields = vars(self)
        fields["file"] = file
        fields["line"] = line
        fields["column"] = column
        fields["code"] = code
        fields["name"] = name
        fields["level"] = level
        fields["message"] = message
        fields["hadolint"] = hadolint
        fields["lang"] = lang
        fields["key"] = key
        fields["params"] = {} if params is None else params

    def to_dict(self) -> dict[str, object]:
        """hadolint's keys plus our name, hadolint code and the message's language."""
        data = {name: getattr(self, name) for name in JSON_FIELDS}
        data["level"] = self.level.value
        return data


JSON_FIELDS = ("file", "line", "column", "code", "name", "level", "message", "hadolint", "lang")
