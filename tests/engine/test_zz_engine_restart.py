"""The engine going away mid-build, and coming back, while the app's process keeps running.

Collected last (zz): it stops the daemon of the shared engine. It kills the daemon by its pid
file and brings it back with the offline setup script (../shared/docker-offline-setup.sh next
to the repository, idempotent, about a second), in a finally, so a failure never leaves the
engine down. Engines the script did not start (no pid file, no script) skip the test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from layerlab.engine import jobs
from layerlab.lint import lint

from .engine_support import mini_spec

pytestmark = pytest.mark.engine

SETUP = Path(__file__).resolve().parents[3] / "shared" / "docker-offline-setup.sh"
PIDFILE = Path("/var/run/docker.pid")
TAGS = "layerlab-test/restart"


def _wait(condition: Callable[[], object], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    """Running, not a zombie: a stopping daemon removes its pid file only as it exits."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _restore(pid: int) -> None:
    """Wait for the old daemon to exit (or it deletes the new one's pid file), then start."""
    _wait(lambda: not _alive(pid))
    subprocess.run(["bash", str(SETUP)], capture_output=True, check=True, timeout=300)


def _running(job: jobs.Job) -> bool:
    return any(step.start is not None for run in job.runs[:1] for step in run.steps[1:])


def test_a_build_fails_plainly_when_the_engine_stops_and_the_next_one_works(
    docker_client, tmp_path: Path
) -> None:
    if not (PIDFILE.is_file() and SETUP.is_file() and os.geteuid() == 0):
        pytest.skip("this engine was not started by docker-offline-setup.sh: not ours to stop")
    queue = jobs.JobQueue(remover=lambda prefix: None)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    daemon = int(PIDFILE.read_text())
    job = queue.submit(mini_spec(tmp_path / "a", "FROM busybox\nRUN sleep 100\n", TAGS), "restart")
    _wait(lambda: _running(job))
    try:
        os.kill(daemon, signal.SIGTERM)
        _wait(lambda: job.finished)
        assert job.state == jobs.FAILED
        error = job.runs[0].error or ""
        assert "engine stopped during the build" in error or "connection was lost" in error
        assert lint("FROM python:3.11\nRUN pip install flask\n")  # the linter needs no engine
    finally:
        _restore(daemon)
    after = queue.submit(
        mini_spec(tmp_path / "b", "FROM busybox\nRUN echo back\n", TAGS), "restart"
    )
    _wait(lambda: after.finished)
    assert after.state == jobs.DONE, after.runs[0].error
    jobs.remove_images(TAGS)
