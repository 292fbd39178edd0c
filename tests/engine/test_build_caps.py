"""Caps on both backends: memory, processes, time and network hold for hostile RUNs, each
stops with a message on its step, and an HTTP health endpoint in this process answers within
a second throughout (it stands in for the app's /_stcore/health)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from layerlab.engine import caps
from layerlab.engine.limits import BUILD_MEMORY
from layerlab.engine.stops import NETWORK_OFF, memory_cap, process_cap
from layerlab.text import Text

from .engine_support import HealthWatch, hostile_build, stopped_step

pytestmark = pytest.mark.engine
BACKENDS = ["classic", "buildkit"]
ANSWER_WITHIN = 1.0
SLACK = 5.0  # seconds a time limit may be overrun by


@pytest.fixture(autouse=True)
def buildkit_caps_hold(request: pytest.FixtureRequest) -> None:
    """On this engine BuildKit's caps must hold: a refusal here is a failure, not a skip."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is None or callspec.params.get("backend") == "buildkit":
        assert caps.buildkit_refusal() is None, caps.buildkit_refusal()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.usefixtures("leaves_nothing")
def test_allocating_1_5_gb_stops_at_the_memory_cap(
    tmp_path: Path, token: str, backend: str
) -> None:
    # The shell goes on after its child is killed: the step must stop all the same.
    hog = "python -c \"x = b'a' * (1500 << 20)\" || sleep 30"
    dockerfile = f"FROM python:3.11-slim\nRUN : {token}; {hog}\n"
    with HealthWatch() as health:
        run = hostile_build(tmp_path, dockerfile, backend)
    assert memory_cap(BUILD_MEMORY).en in stopped_step(run)
    assert run.steps[-1].note == memory_cap(BUILD_MEMORY)
    assert health.worst < ANSWER_WITHIN


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.usefixtures("leaves_nothing")
def test_a_fork_bomb_stops_at_the_process_cap(tmp_path: Path, token: str, backend: str) -> None:
    # busybox sh refuses `:` as a function name: the same bomb, named. Its first shell would
    # sleep and exit 0 with the bomb held at the cap: the step is stopped at the cap instead.
    dockerfile = f"FROM busybox\nRUN : {token}; bomb(){{ bomb|bomb& }};bomb; sleep 30\n"
    started = time.monotonic()
    with HealthWatch() as health:
        run = hostile_build(tmp_path, dockerfile, backend, time_limit=60)
    assert process_cap().en in stopped_step(run)
    assert run.steps[-1].note == process_cap()
    assert time.monotonic() - started < 30
    assert health.worst < ANSWER_WITHIN


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.usefixtures("leaves_nothing")
def test_3000_sleeping_processes_stop_at_the_process_cap(
    tmp_path: Path, token: str, backend: str
) -> None:
    loop = "i=0; while [ $i -lt 3000 ]; do sleep 1000 & i=$((i+1)); done; echo all $i"
    with HealthWatch() as health:
        run = hostile_build(
            tmp_path, f"FROM busybox\nRUN : {token}; {loop}\n", backend, time_limit=60
        )
    assert process_cap().en in stopped_step(run)
    assert run.steps[-1].note == process_cap()
    assert "all 3000" not in run.steps[-1].log
    assert health.worst < ANSWER_WITHIN


HOSTILE_WAITS = {
    "log flood": "yes",
    "silent": "sleep 1000",
    "ignores SIGTERM": "trap '' TERM; sleep 1000",
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("command", HOSTILE_WAITS.values(), ids=HOSTILE_WAITS.keys())
@pytest.mark.usefixtures("leaves_nothing")
def test_the_time_limit_holds(tmp_path: Path, token: str, backend: str, command: str) -> None:
    limit = 5  # the RUN starts within a second or two: it is the step the limit stops
    started = time.monotonic()
    run = hostile_build(
        tmp_path, f"FROM busybox\nRUN : {token}; {command}\n", backend, time_limit=limit
    )
    assert f"time limit ({limit} s)" in (run.steps[-1].error or "")
    assert time.monotonic() - started < limit + SLACK


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.usefixtures("leaves_nothing")
def test_without_network_a_step_cannot_reach_the_gateway_or_resolve_names(
    tmp_path: Path, token: str, backend: str
) -> None:
    reach = "ip route | grep -q default || echo no-route; wget -q -T 3 -O- http://172.17.0.1/"
    run = hostile_build(
        tmp_path, f"FROM busybox\nRUN : {token}; {reach}\n", backend, network="none"
    )
    assert "no-route" in run.steps[-1].log
    assert run.error is not None
    lookup = hostile_build(
        tmp_path, f"FROM busybox\nRUN : {token}; nslookup example.org\n", backend, network="none"
    )
    assert NETWORK_OFF.en in stopped_step(lookup)
    assert lookup.steps[-1].note == NETWORK_OFF


@pytest.mark.usefixtures("leaves_nothing")
def test_buildkit_steps_run_where_the_caps_are(tmp_path: Path, token: str) -> None:
    """Under the build's own group where the engine honours --cgroup-parent (Docker 28),
    else under the shared parent LayerLab capped (Docker 20.10)."""
    found = caps.buildkit_caps()
    assert not isinstance(found, Text), found
    run = hostile_build(
        tmp_path, f"FROM busybox\nRUN : {token}; cat /proc/self/cgroup; exit 3\n", "buildkit"
    )
    step_group = next(line for line in run.steps[-1].log.splitlines() if ":pids:" in line)
    if found.native:
        assert f":/{caps.BUILDS_ROOT}/" in step_group and "/buildkit/" in step_group
    else:
        assert found.watcher is not None and f":/{found.watcher.parent}/" in step_group
