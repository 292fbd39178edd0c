"""Hostile Dockerfiles: each build ends with a plain message in its step, within the limits,
and leaves no container, no dangling image and no temporary folder behind.

Every hostile RUN carries a fresh token, so the leftover checks only see this test's traces
even while other builds run on the same engine. The limits are set small here (memory, time,
disk budget) so each case ends in seconds. ADD of a huge local file never reaches the engine:
the context limit refuses it first (tests/test_context_limit.py, with a sparse 20 GB file).
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from docker.errors import DockerException

from layerlab.engine import limits
from layerlab.engine.discovery import buildx_available
from layerlab.engine.experiment import run_experiment
from layerlab.engine.outcome import MAX_LOG_CHARS
from layerlab.records import Run

from .engine_support import mini_spec

pytestmark = pytest.mark.engine

TAG_PREFIX = "layerlab-test/hostile"
MB = 1024 * 1024


@pytest.fixture
def token() -> str:
    return f"hostile-{uuid.uuid4().hex[:12]}"


def _temp_folders() -> set[str]:
    return set(glob.glob(os.path.join(tempfile.gettempdir(), "layerlab-*")))


def _traces(client, token: str) -> list[str]:
    """Containers and untagged images whose command names this test's token."""
    found = []
    for container in client.containers.list(all=True):
        if token in " ".join(container.attrs["Config"].get("Cmd") or []):
            found.append(f"container {container.short_id}")
    for image in client.images.list(filters={"dangling": True}):
        try:
            created_by = " ".join(row.get("CreatedBy", "") for row in image.history())
        except DockerException:  # removed meanwhile
            continue
        if token in created_by:
            found.append(f"dangling image {image.short_id}")
    return found


@pytest.fixture
def leaves_nothing(docker_client, token: str) -> Iterator[None]:
    folders = _temp_folders()
    yield
    for image in docker_client.images.list(name=TAG_PREFIX):
        for tag in image.tags:
            docker_client.images.remove(tag)
    assert _traces(docker_client, token) == []
    assert _temp_folders() - folders == set()


def _build(tmp_path: Path, dockerfile: str, backend: str = "classic", **extra: object) -> Run:
    if backend == "buildkit" and not buildx_available():
        pytest.fail("docker buildx is missing: the BuildKit backend cannot be tested")
    settings = {"time_limit": 60, **extra}
    return run_experiment(
        mini_spec(tmp_path, dockerfile, TAG_PREFIX, backend=backend, **settings)
    ).runs[0]


def _stopped_step(run: Run) -> str:
    """The message of the step that failed or was stopped: the learner reads it there."""
    errors = [step.error for step in run.steps if step.error]
    assert errors, f"no step says why the build ended: {run.error}"
    return errors[-1]


@pytest.mark.usefixtures("leaves_nothing")
def test_a_fork_bomb_is_bounded_by_memory_and_time(
    tmp_path: Path, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The classic builder has no pids limit: the bomb is held by memory, then the time limit.
    # busybox sh refuses `:` as a function name: the same bomb, named.
    monkeypatch.setitem(limits.CLASSIC_LIMITS, "memory", 128 * MB)
    monkeypatch.setitem(limits.CLASSIC_LIMITS, "memswap", 128 * MB)
    started = time.monotonic()
    run = _build(
        tmp_path,
        f"FROM busybox\nRUN : {token}; bomb(){{ bomb|bomb& }};bomb; sleep 60\n",
        time_limit=10,
    )
    message = _stopped_step(run)
    assert "time limit" in message or "memory limit of 128 MB" in message
    assert time.monotonic() - started < 40


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
@pytest.mark.usefixtures("leaves_nothing")
def test_sleep_infinity_stops_at_the_time_limit(tmp_path: Path, token: str, backend: str) -> None:
    started = time.monotonic()
    run = _build(tmp_path, f"FROM busybox\nRUN : {token}; sleep infinity\n", backend, time_limit=3)
    assert "time limit (3 s)" in _stopped_step(run)
    assert time.monotonic() - started < 30


@pytest.mark.usefixtures("leaves_nothing")
def test_writing_50_gb_is_stopped_by_the_disk_guard(tmp_path: Path, token: str) -> None:
    run = _build(
        tmp_path,
        f"FROM busybox\nRUN : {token}; dd if=/dev/zero of=/big bs=1M count=51200\n",
        disk_budget=300 * MB,
    )
    assert "disk guard" in _stopped_step(run)
    assert "0.3 GB" in run.error


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
@pytest.mark.usefixtures("leaves_nothing")
def test_a_million_log_lines_are_capped_and_the_build_finishes(
    tmp_path: Path, token: str, backend: str
) -> None:
    run = _build(tmp_path, f"FROM busybox\nRUN : {token}; seq 1000000\n", backend)
    assert run.error is None
    log = run.steps[-1].log
    assert 0 < len(log) <= MAX_LOG_CHARS
    assert "1000000" in log or "clipped" in log  # BuildKit clips a step's log itself


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
@pytest.mark.usefixtures("leaves_nothing")
def test_add_of_an_unreachable_url_fails_fast(tmp_path: Path, token: str, backend: str) -> None:
    started = time.monotonic()
    url = f"http://{token}.invalid/big.bin"
    run = _build(tmp_path, f"FROM busybox\nADD {url} /big.bin\n", backend)
    assert token in _stopped_step(run)
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
@pytest.mark.usefixtures("leaves_nothing")
def test_a_base_image_that_does_not_exist_fails_fast(
    tmp_path: Path, token: str, backend: str
) -> None:
    started = time.monotonic()
    run = _build(tmp_path, f"FROM layerlab-test/{token}:never\nRUN true\n", backend)
    assert token in _stopped_step(run)
    assert time.monotonic() - started < 30
