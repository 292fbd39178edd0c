"""Caps without an engine: limits written into a cgroup tree, the backend a learner gets and
why, the build network and cache budget settings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from layerlab.engine.caps import StepWatcher, no_caps
from layerlab.engine.cgroups import CgroupFS, Limits
from layerlab.engine.discovery import EngineStatus, choose_backend
from layerlab.workshop.config import (
    BUDGET_ENV,
    CONFIG_ENV,
    NETWORK_ENV,
    ConfigError,
    build_network,
    cache_budget_mb,
)

LIMITS = Limits(memory=1024, pids=64)


def v1_tree(root: Path) -> CgroupFS:
    for controller in ("memory", "pids"):
        (root / controller).mkdir(parents=True)
    return CgroupFS(root)


def test_v1_limits_land_in_each_controller_tree(tmp_path: Path) -> None:
    fs = v1_tree(tmp_path)
    fs.create("layerlab/b1", LIMITS)
    assert (tmp_path / "memory/layerlab/b1/memory.limit_in_bytes").read_text() == "1024"
    assert (tmp_path / "pids/layerlab/b1/pids.max").read_text() == "64"


def test_v1_swap_is_capped_with_memory(tmp_path: Path) -> None:
    fs = v1_tree(tmp_path)
    group = tmp_path / "memory/g"
    group.mkdir()
    (tmp_path / "pids/g").mkdir()
    (group / "memory.limit_in_bytes").write_text("9223372036854771712")
    (group / "memory.memsw.limit_in_bytes").write_text("9223372036854771712")
    fs.limit("g", LIMITS)
    assert (group / "memory.memsw.limit_in_bytes").read_text() == "1024"


def test_v2_hands_the_controllers_down_before_the_group_exists(tmp_path: Path) -> None:
    (tmp_path / "cgroup.controllers").write_text("cpu memory pids")
    (tmp_path / "cgroup.subtree_control").write_text("")
    fs = CgroupFS(tmp_path)
    (tmp_path / "layerlab").mkdir()
    (tmp_path / "layerlab/cgroup.subtree_control").write_text("")
    fs.create("layerlab/b1", LIMITS)
    assert (tmp_path / "cgroup.subtree_control").read_text() == "+memory +pids"
    assert (tmp_path / "layerlab/b1/memory.max").read_text() == "1024"
    assert (tmp_path / "layerlab/b1/pids.max").read_text() == "64"


def test_a_missing_controller_is_a_reason_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "memory").mkdir()
    assert "pids" in (CgroupFS(tmp_path).check() or "")


def test_pids_refusals_are_read_from_the_events_file(tmp_path: Path) -> None:
    fs = v1_tree(tmp_path)
    fs.create("g", LIMITS)
    (tmp_path / "pids/g/pids.events").write_text("max 7\n")
    assert fs.counter("g", "pids", "max") == 7


REFUSAL = no_caps("no root")


@pytest.mark.parametrize(
    ("choice", "status", "expected"),
    [
        ("auto", EngineStatus(True, "", buildx=True), ("buildkit", None)),
        ("auto", EngineStatus(True, "", buildkit_off=REFUSAL), ("classic", REFUSAL)),
        ("buildkit", EngineStatus(True, "", buildkit_off=REFUSAL), ("classic", REFUSAL)),
        ("classic", EngineStatus(True, "", buildx=True), ("classic", None)),
        ("auto", EngineStatus(True, ""), ("classic", None)),
    ],
)
def test_buildkit_is_chosen_only_where_its_caps_hold(choice, status, expected) -> None:
    assert choose_backend(choice, status) == expected


def test_the_refusal_says_why_in_both_languages() -> None:
    assert "no root" in REFUSAL("en") and "no root" in REFUSAL("ja")
    assert "BuildKit" in REFUSAL("ja") and REFUSAL("ja") != REFUSAL("en")


def test_the_network_comes_from_the_environment_then_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(NETWORK_ENV, raising=False)
    assert build_network() == "default"
    config = tmp_path / "server.toml"
    config.write_text('build_network = "none"\ncache_budget_mb = 512\n')
    monkeypatch.setenv(CONFIG_ENV, str(config))
    assert build_network() == "none" and cache_budget_mb() == 512
    monkeypatch.setenv(NETWORK_ENV, "default")
    monkeypatch.setenv(BUDGET_ENV, "100")
    assert build_network() == "default" and cache_budget_mb() == 100


def test_a_network_setting_with_a_typo_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NETWORK_ENV, "nnone")
    with pytest.raises(ConfigError, match="nnone"):
        build_network()


def test_the_cache_budget_defaults_to_4_gb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUDGET_ENV, raising=False)
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    assert cache_budget_mb() == 4096


def test_each_buildkit_step_gets_the_per_build_caps_while_a_build_runs(tmp_path: Path) -> None:
    fs = v1_tree(tmp_path)
    fs.create("docker/buildkit", Limits(memory=4096, pids=256))
    watcher = StepWatcher(fs, "docker/buildkit", LIMITS)
    with watcher.running():
        for controller in ("memory", "pids"):
            (tmp_path / controller / "docker/buildkit/step1").mkdir()
        deadline = time.monotonic() + 5
        limit = tmp_path / "pids/docker/buildkit/step1/pids.max"
        while not limit.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    assert limit.read_text() == "64"
    assert (tmp_path / "memory/docker/buildkit/step1/memory.limit_in_bytes").read_text() == "1024"
