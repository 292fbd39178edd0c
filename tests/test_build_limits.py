"""Limits on builds without an engine: the disk guard's decisions, the builds switch, messages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from layerlab.context import BuildContext
from layerlab.engine import guard
from layerlab.engine.buildkit import buildx_command
from layerlab.engine.limits import ENGINE_STOPPED
from layerlab.engine.outcome import BuildOutcome, BuildRequest, Cancel, EngineStep, mark_stopped
from layerlab.engine.stops import NETWORK_OFF, memory_cap, process_cap, time_limit, why_stopped
from layerlab.workshop.config import BUILDS_ENV, CONFIG_ENV, builds_enabled

GB = guard.GB


def test_the_guard_stops_a_build_that_takes_more_than_its_budget() -> None:
    watch = guard.DiskGuard(Cancel(), budget=2 * GB, root=Path("/"))
    reason = watch.check(start=50 * GB, free=47 * GB)
    assert reason is not None and "more than 2.0 GB" in reason.en and "2.0 GB" in reason.ja


def test_the_guard_stops_a_build_below_the_floor() -> None:
    watch = guard.DiskGuard(Cancel(), budget=2 * GB, floor=GB, root=Path("/"))
    reason = watch.check(start=int(1.5 * GB), free=GB // 2)
    assert reason is not None and "less than 1.0 GB" in reason.en and "1.0 GB" in reason.ja


def test_the_guard_lets_a_build_within_its_budget_go_on() -> None:
    watch = guard.DiskGuard(Cancel(), budget=2 * GB, root=Path("/"))
    assert watch.check(start=50 * GB, free=49 * GB) is None


def test_the_guard_cancels_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    frees = iter([10 * GB] + [5 * GB] * 100)
    monkeypatch.setattr(
        guard.shutil, "disk_usage", lambda root: type("U", (), {"free": next(frees)})
    )
    cancel = Cancel()
    with guard.DiskGuard(cancel, budget=GB, floor=0, root=Path("/"), poll=0.01):
        deadline = time.monotonic() + 5
        while not cancel.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
    assert cancel.reason.startswith("stopped by the disk guard")


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(guard.BUDGET_ENV, "300")
    assert guard.configured_budget() == 300 * 1024 * 1024


def test_builds_are_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUILDS_ENV, raising=False)
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    assert not builds_enabled()


def test_the_config_file_turns_builds_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(BUILDS_ENV, raising=False)
    (tmp_path / "server.toml").write_text("builds = true\n")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "server.toml"))
    assert builds_enabled()


def test_the_environment_wins_over_the_config_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "server.toml").write_text("builds = true\n")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "server.toml"))
    monkeypatch.setenv(BUILDS_ENV, "0")
    assert not builds_enabled()


def test_a_broken_config_file_leaves_builds_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(BUILDS_ENV, raising=False)
    (tmp_path / "server.toml").write_text("builds = [\n")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "server.toml"))
    assert not builds_enabled()


def test_buildx_builds_get_a_ulimit_and_a_shm_size() -> None:
    request = BuildRequest(BuildContext.from_files({}), "Dockerfile", "t:1")
    command = buildx_command("/ctx", request)
    assert "--ulimit" in command and "--shm-size" in command


def test_a_killed_step_says_it_hit_the_memory_cap() -> None:
    step = _failed("The command '/bin/sh -c x' returned a non-zero code: 137")
    assert why_stopped(step, 1024 * 1024 * 1024, "default", False) == memory_cap(1024**3)


def test_a_refused_fork_in_the_log_is_the_process_cap() -> None:
    step = _failed("exit code: 2", log="sh: can't fork: Resource temporarily unavailable\n")
    assert why_stopped(step, 1, "default", False) == process_cap()


def test_a_failed_lookup_without_network_says_the_network_is_off() -> None:
    step = _failed("exit code: 1", log="wget: bad address 'example.org'\n")
    assert why_stopped(step, 1, "none", False) == NETWORK_OFF
    assert why_stopped(step, 1, "default", False) is None


def test_other_exit_codes_are_left_alone() -> None:
    step = _failed("The command '/bin/sh -c x' returned a non-zero code: 1")
    assert why_stopped(step, 1, "none", False) is None


def test_a_stopping_engine_is_not_blamed_on_the_memory_cap() -> None:
    assert why_stopped(_failed(f"{ENGINE_STOPPED} (exit code: 137)"), 1, "default", False) is None


def _failed(error: str, log: str = "") -> EngineStep:
    return EngineStep(("", 2), "RUN x", 0.0, 1.0, error=error, log=log)


def test_a_stopped_build_puts_its_reason_on_the_running_step() -> None:
    outcome = BuildOutcome(
        steps=[EngineStep(("", 1), "FROM busybox", 0, 0.1), EngineStep(("", 2), "RUN x", 0.1)]
    )
    cancel = Cancel()
    cancel.set(time_limit(3))
    mark_stopped(outcome, cancel)
    assert outcome.cancelled and outcome.error == "the build was stopped at the time limit (3 s)"
    assert [s.error for s in outcome.steps] == [None, outcome.error]
    assert outcome.steps[-1].note == time_limit(3)
    assert "時間制限（3 秒）" in time_limit(3).ja
