"""Miss reasons as keyed templates, so the page can say them in the learner's language.

The predictor (layerlab.cache.simulate) and the experiment (layerlab.engine.experiment)
write their reasons as English sentences with the Dockerfile line they cite. Each pattern
below reads one of those sentences back into a template key and its parameters; the page's
strings hold the template in Japanese and English. A reason no pattern knows keeps its text
(tests/test_lab_reasons.py fails when the predictor writes one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("reason_cold", r"cold build: the cache is not used"),
        ("reason_earlier", r"an earlier step missed: line (?P<line>\d+) \((?P<instruction>.*)\)"),
        ("reason_files", r"a file it copies changed: (?P<files>.+)"),
        ("reason_args", r"a build argument changed: (?P<names>.+)"),
        (
            "reason_stage",
            r"stage (?P<stage>\S+) re-ran \(from line (?P<line>\d+)\), so its output is assumed "
            r"to have changed \(byte-identical output would have kept this step and the later "
            r"ones cached\)",
        ),
        ("reason_inputs", r"its inputs changed since the last build"),
        (
            "reason_new",
            r"its instruction changed: this exact step has not run on this parent before",
        ),
        ("reason_outside", r"cached from an earlier build outside this experiment"),
        ("reason_gone", r"the engine ran it again: its cache entry was gone"),
    )
)
OTHER = "reason_other"


@dataclass(frozen=True)
class Reason:
    key: str  # a string key: "reason_files"
    params: dict[str, str] = field(default_factory=dict)


def reason(text: str | None) -> Reason | None:
    if not text:
        return None
    for key, pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return Reason(key, match.groupdict())
    return Reason(OTHER, {"text": text})
