"""A step that hit a cap is told so in its own log and stopped: counters read from a cgroup
tree, the marker written into a real process's output pipe, the step's label from it."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from layerlab.engine import cap_hits
from layerlab.engine.caps import StepWatcher
from layerlab.engine.cgroups import CgroupFS, Limits
from layerlab.engine.outcome import EngineStep
from layerlab.engine.stops import memory_cap, process_cap, why_stopped

LIMITS = Limits(memory=1024, pids=64)
STEP = "docker/buildkit/step1"


def v1_step(root: Path) -> CgroupFS:
    for controller in ("memory", "pids"):
        (root / controller / STEP).mkdir(parents=True)
    return CgroupFS(root)


def test_a_refused_fork_is_a_hit_of_the_process_cap(tmp_path: Path) -> None:
    fs = v1_step(tmp_path)
    (tmp_path / "pids" / STEP / "pids.events").write_text("max 0\n")
    assert cap_hits.hit(fs, STEP) is None
    (tmp_path / "pids" / STEP / "pids.events").write_text("max 3\n")
    assert cap_hits.hit(fs, STEP) == cap_hits.PROCESS_CAP


def test_an_oom_kill_is_a_hit_of_the_memory_cap(tmp_path: Path) -> None:
    fs = v1_step(tmp_path)
    oom = "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n"
    (tmp_path / "memory" / STEP / "memory.oom_control").write_text(oom)
    assert cap_hits.hit(fs, STEP) == cap_hits.MEMORY_CAP


def test_the_marker_reaches_the_pipe_a_process_logs_to() -> None:
    with subprocess.Popen(["sleep", "30"], stderr=subprocess.PIPE) as child:
        assert cap_hits.tell(child.pid, "hello\n")
        child.kill()
        assert child.stderr is not None and child.stderr.read() == b"hello\n"


def test_a_process_logging_to_a_file_is_not_written_to(tmp_path: Path) -> None:
    with (
        (tmp_path / "log").open("wb") as log,
        subprocess.Popen(["sleep", "30"], stdout=log, stderr=log) as child,
    ):
        assert not cap_hits.tell(child.pid, "hello\n")
        child.kill()
    assert (tmp_path / "log").read_bytes() == b""


def test_the_step_root_is_the_process_whose_parent_is_outside() -> None:
    with subprocess.Popen(["sh", "-c", "sleep 30 & wait"]) as shell:
        deadline = time.monotonic() + 5
        while not (children := _children(shell.pid)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert cap_hits.step_root({shell.pid, *children}) == shell.pid
        for pid in children:
            os.kill(pid, 9)
        shell.kill()


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def test_the_watcher_marks_and_kills_a_step_that_hit_its_process_cap(tmp_path: Path) -> None:
    fs = v1_step(tmp_path)
    with subprocess.Popen(["sleep", "30"], stderr=subprocess.PIPE) as step:
        (tmp_path / "pids" / STEP / "cgroup.procs").write_text(f"{step.pid}\n")
        (tmp_path / "pids" / STEP / "pids.events").write_text("max 1\n")
        with StepWatcher(fs, "docker/buildkit", LIMITS).running():
            assert step.wait(timeout=5) == -9
        assert step.stderr is not None
        assert cap_hits.marked(step.stderr.read().decode()) == cap_hits.PROCESS_CAP


def test_a_killed_step_with_the_process_marker_is_the_process_cap() -> None:
    log = "sh: can't fork\n" + cap_hits.MARKER.format(cap=cap_hits.PROCESS_CAP) + "\n"
    step = EngineStep(("", 2), "RUN x", 0.0, 1.0, error="exit code: 137", log=log)
    assert why_stopped(step, 1024, "default", False) == process_cap()


def test_the_memory_marker_wins_over_a_fork_refused_in_the_log() -> None:
    log = "can't fork\n" + cap_hits.MARKER.format(cap=cap_hits.MEMORY_CAP) + "\n"
    step = EngineStep(("", 2), "RUN x", 0.0, 1.0, error="exit code: 137", log=log)
    assert why_stopped(step, 1024, "default", False) == memory_cap(1024)
