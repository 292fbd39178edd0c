"""What the lab tells the learner about building: one verdict, decided in one place.

The engine's state and the server's build switches meet here, so the page shows one message
(no engine / builds off / waiting for the facilitator / ready) instead of two that contradict
each other ("Docker engine: OK" above "builds are off").
"""

from __future__ import annotations

from dataclasses import dataclass

from layerlab.engine.discovery import EngineStatus

NO_ENGINE, BUILDS_OFF, WAITING, READY = "no-engine", "builds-off", "waiting", "ready"


@dataclass(frozen=True)
class LabStatus:
    verdict: str  # NO_ENGINE, BUILDS_OFF, WAITING or READY
    engine: EngineStatus

    @property
    def can_build(self) -> bool:
        return self.verdict == READY


def lab_status(engine: EngineStatus, *, builds_enabled: bool, go_given: bool | None) -> LabStatus:
    """`go_given` is the facilitator's switch in workshop mode, None outside it."""
    if not engine.available:
        verdict = NO_ENGINE
    elif not builds_enabled:
        verdict = BUILDS_OFF
    elif go_given is False:
        verdict = WAITING
    else:
        verdict = READY
    return LabStatus(verdict, engine)
