"""The build queue with a fake runner: limit, queue positions, cancel, the janitor."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from layerlab.engine.experiment import ExperimentSpec
from layerlab.engine.jobs import CANCELLED, DONE, FAILED, QUEUED, RUNNING, Job, JobQueue

SPEC = ExperimentSpec(project=Path("."), dockerfile_text="FROM busybox\n", backend="classic")
WAIT = 5.0


class Gate:
    """A runner that blocks each job until the test lets it finish (or cancels it)."""

    def __init__(self) -> None:
        self.started: list[int] = []
        self.release = threading.Event()
        self.any_started = threading.Semaphore(0)

    def __call__(self, job: Job) -> None:
        self.started.append(job.id)
        self.any_started.release()
        while not self.release.is_set() and not job.cancel.is_set():
            self.release.wait(0.01)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def wait_until(condition: Callable[[], object]) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never held")
        time.sleep(0.01)


@pytest.fixture
def gate() -> Iterator[Gate]:
    gate = Gate()
    yield gate
    gate.release.set()


def test_no_more_than_the_limit_run_at_once(gate: Gate) -> None:
    queue = JobQueue(gate, limit=2, remover=lambda prefix: None)
    jobs = [queue.submit(SPEC, "s1") for _ in range(3)]
    wait_until(lambda: len(gate.started) == 2)
    assert [job.state for job in jobs] == [RUNNING, RUNNING, QUEUED]


def test_waiting_jobs_show_their_place_in_the_queue(gate: Gate) -> None:
    queue = JobQueue(gate, limit=1, remover=lambda prefix: None)
    jobs = [queue.submit(SPEC, "s1") for _ in range(3)]
    assert [queue.position(job) for job in jobs] == [None, 1, 2]


def test_a_finished_job_lets_the_next_one_start(gate: Gate) -> None:
    queue = JobQueue(gate, limit=1, remover=lambda prefix: None)
    first, second = queue.submit(SPEC, "s1"), queue.submit(SPEC, "s2")
    gate.release.set()
    wait_until(lambda: first.state == DONE and second.state == DONE)
    assert gate.started == [first.id, second.id]


def test_cancelling_a_queued_job_never_starts_it(gate: Gate) -> None:
    queue = JobQueue(gate, limit=1, remover=lambda prefix: None)
    _, second, third = (queue.submit(SPEC, "s1") for _ in range(3))
    queue.cancel(second)
    assert second.state == CANCELLED
    assert queue.position(third) == 1
    gate.release.set()
    wait_until(lambda: third.state == DONE)
    assert second.id not in gate.started


def test_cancelling_a_running_job_sets_its_cancel(gate: Gate) -> None:
    queue = JobQueue(gate, limit=1, remover=lambda prefix: None)
    job = queue.submit(SPEC, "s1")
    wait_until(lambda: gate.started)
    queue.cancel(job)
    wait_until(lambda: job.finished)
    assert job.cancel.is_set()
    assert job.state == CANCELLED


def test_a_runner_error_fails_the_job_with_the_reason() -> None:
    def broken(job: Job) -> None:
        raise RuntimeError("engine went away")

    queue = JobQueue(broken, remover=lambda prefix: None)
    job = queue.submit(SPEC, "s1")
    wait_until(lambda: job.finished)
    assert job.state == FAILED
    assert "engine went away" in (job.error or "")


def test_the_janitor_removes_only_expired_sessions_images() -> None:
    clock, removed = Clock(), []
    queue = JobQueue(lambda job: None, ttl=100, remover=removed.append, clock=clock)
    old, fresh = queue.submit(SPEC, "old"), queue.submit(SPEC, "fresh")
    wait_until(lambda: old.finished and fresh.finished)
    clock.now = 90
    queue.heartbeat("fresh")
    clock.now = 150
    assert queue.sweep() == ["old"]
    assert removed == ["layerlab/old"]
    assert queue.get(old.id) is None
    assert queue.get(fresh.id) is fresh


def test_the_janitor_waits_for_a_silent_sessions_build(gate: Gate) -> None:
    clock, removed = Clock(), []
    queue = JobQueue(gate, ttl=100, remover=removed.append, clock=clock)
    queue.submit(SPEC, "busy")
    clock.now = 500
    assert queue.sweep() == []
    assert removed == []


def test_a_shared_job_is_built_once_per_key() -> None:
    queue = JobQueue(lambda job: None, remover=lambda prefix: None)
    first = queue.shared(("django", "classic"), SPEC)
    assert queue.shared(("django", "classic"), SPEC) is first
    assert queue.shared(("django", "buildkit"), SPEC) is not first


def test_the_janitor_removes_an_ended_sessions_images_at_once() -> None:
    removed: list[str] = []
    queue = JobQueue(lambda job: None, ttl=100, remover=removed.append, alive=lambda s: s != "gone")
    gone, here = queue.submit(SPEC, "gone"), queue.submit(SPEC, "here")
    wait_until(lambda: gone.finished and here.finished)
    assert queue.sweep() == ["gone"]
    assert removed == ["layerlab/gone"]


def test_active_jobs_are_the_building_then_the_waiting(gate: Gate) -> None:
    queue = JobQueue(gate, limit=1, remover=lambda prefix: None)
    first, second = queue.submit(SPEC, "s1"), queue.submit(SPEC, "s1")
    assert queue.active() == [first, second]
    gate.release.set()
    wait_until(lambda: not queue.active())


def test_the_shared_queue_takes_the_uis_liveness_check_however_it_was_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from layerlab.engine import jobs

    monkeypatch.setattr(jobs, "_shared_queue", JobQueue(remover=lambda prefix: None))
    queue = jobs.shared_queue()
    assert queue.alive("anyone")
    assert jobs.shared_queue(alive=lambda session: session == "here") is queue
    assert queue.alive("here") and not queue.alive("gone")
