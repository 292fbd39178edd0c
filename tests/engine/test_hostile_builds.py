"""Hostile Dockerfiles: each build ends with a plain message in its step, within the limits,
and leaves no container, no dangling image and no temporary folder behind.

Every hostile RUN carries a fresh token, so the leftover checks only see this test's traces
even while other builds run on the same engine. The limits are set small here (memory, time,
disk budget) so each case ends in seconds. ADD of a huge local file never reaches the engine:
the context limit refuses it first (tests/test_context_limit.py, with a sparse 20 GB file).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from layerlab.engine.outcome import MAX_LOG_CHARS

from .engine_support import hostile_build, stopped_step

pytestmark = pytest.mark.engine

MB = 1024 * 1024


@pytest.mark.usefixtures("leaves_nothing")
def test_writing_50_gb_is_stopped_by_the_disk_guard(tmp_path: Path, token: str) -> None:
    run = hostile_build(
        tmp_path,
        f"FROM busybox\nRUN : {token}; dd if=/dev/zero of=/big bs=1M count=51200\n",
        disk_budget=300 * MB,
    )
    assert "disk guard" in stopped_step(run)
    assert "0.3 GB" in run.error


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
@pytest.mark.usefixtures("leaves_nothing")
def test_a_million_log_lines_are_capped_and_the_build_finishes(
    tmp_path: Path, token: str, backend: str
) -> None:
    run = hostile_build(tmp_path, f"FROM busybox\nRUN : {token}; seq 1000000\n", backend)
    assert run.error is None
    log = run.steps[-1].log
    assert 0 < len(log) <= MAX_LOG_CHARS
    assert "1000000" in log or "clipped" in log  # BuildKit clips a step's log itself


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
@pytest.mark.usefixtures("leaves_nothing")
def test_add_of_an_unreachable_url_fails_fast(tmp_path: Path, token: str, backend: str) -> None:
    started = time.monotonic()
    url = f"http://{token}.invalid/big.bin"
    run = hostile_build(tmp_path, f"FROM busybox\nADD {url} /big.bin\n", backend)
    assert token in stopped_step(run)
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
@pytest.mark.usefixtures("leaves_nothing")
def test_a_base_image_that_does_not_exist_fails_fast(
    tmp_path: Path, token: str, backend: str
) -> None:
    started = time.monotonic()
    run = hostile_build(tmp_path, f"FROM layerlab-test/{token}:never\nRUN true\n", backend)
    assert token in stopped_step(run)
    assert time.monotonic() - started < 30
