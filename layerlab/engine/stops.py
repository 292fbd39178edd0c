"""Why a step stopped, in words a learner can act on (ja and en).

The engine says "exit code: 137" or "can't fork"; the learner needs to know that a cap of this
instance stopped the step, or that the network is off by the facilitator's choice.
"""

from __future__ import annotations

import re

from layerlab.engine import cap_hits
from layerlab.engine.caps import refused_forks
from layerlab.engine.limits import BUILD_PIDS, MB, killed
from layerlab.engine.outcome import BuildOutcome, EngineStep
from layerlab.text import Text

NO_NETWORK_RE = re.compile(
    r"(?i)temporary failure in name resolution|could not resolve|name or service not known"
    r"|network is unreachable|bad address|failed to establish a new connection"
    r"|no address associated|nodename nor servname"
)


def memory_cap(limit: int) -> Text:
    return Text(
        en=f"stopped at the build's memory cap of {limit // MB} MB",
        ja=f"ビルドのメモリ上限（{limit // MB} MB）に達したため止まりました",
    )


def process_cap(limit: int = BUILD_PIDS) -> Text:
    return Text(
        en=f"stopped at the build's process cap of {limit} processes (a fork was refused)",
        ja=f"ビルドのプロセス数の上限（{limit}）に達して fork が拒否されたため止まりました",
    )


def time_limit(seconds: float) -> Text:
    return Text(
        en=f"stopped at the time limit ({seconds:.0f} s)",
        ja=f"時間制限（{seconds:.0f} 秒）に達したため止めました",
    )


def disk_budget(budget: str) -> Text:
    return Text(
        en=f"stopped by the disk guard: the engine's disk lost more than {budget} during the build",
        ja=f"ビルド中にエンジンのディスクの空きが {budget} より多く減ったため止めました",
    )


def disk_floor(floor: str) -> Text:
    return Text(
        en=f"stopped by the disk guard: less than {floor} of disk left",
        ja=f"ディスクの空きが {floor} を切ったため止めました",
    )


NETWORK_OFF = Text(
    en=(
        "the network is off for builds on this instance (LAYERLAB_BUILD_NETWORK=none): "
        "a step that downloads cannot run here"
    ),
    ja=(
        "このインスタンスではビルド中のネットワークを切っています（LAYERLAB_BUILD_NETWORK=none）。"
        "ダウンロードするステップはここでは実行できません"
    ),
)


def why_stopped(step: EngineStep, memory: int, network: str, forks_refused: bool) -> Text | None:
    """The cap or setting that ended a failed step, or None when it failed on its own."""
    message = step.error or ""
    marker = cap_hits.marked(step.log)  # the watcher stopped it: its word is exact
    if marker == cap_hits.PROCESS_CAP:
        return process_cap()
    if marker == cap_hits.MEMORY_CAP:
        return memory_cap(memory)
    if forks_refused or refused_forks(step.log):  # killed too, when the watcher stopped it
        return process_cap()
    if killed(message):
        return memory_cap(memory)
    if network == "none" and NO_NETWORK_RE.search(step.log + message):
        return NETWORK_OFF
    return None


def explain(outcome: BuildOutcome, memory: int, network: str, forks_refused: bool) -> None:
    """Put the reason on the failed step and the build, ahead of the engine's words."""
    if outcome.cancelled:
        return
    for step in outcome.steps:
        if step.error is None:
            continue
        reason = why_stopped(step, memory, network, forks_refused)
        if reason is None:
            continue
        step.error, step.note = f"{reason.en} ({step.error})", reason
        outcome.error = f"{reason.en}: {outcome.error or step.error}"
        return
