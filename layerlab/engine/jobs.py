"""Cache experiments as background jobs: a process-wide queue the lab page polls.

A Streamlit rerun abandons whatever the script was doing, so builds never run in the script:
a job runs in its own thread and writes its progress into plain objects the page reads (no
st.* calls here). At most `limit` jobs build at once; the others wait with a visible place in
the queue. Images are tagged per browser session (`layerlab/<session>:<run>`); the janitor
removes them once the session has ended or stopped polling for `ttl` seconds, then trims the
engine's build cache to its budget (budget.py).
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from docker.errors import DockerException

from layerlab.cache import CacheState
from layerlab.engine.budget import TrimResult, trim_cache
from layerlab.engine.discovery import EngineUnavailable, connect
from layerlab.engine.experiment import Experiment, ExperimentSpec, run_experiment
from layerlab.engine.limits import DEFAULT_BUILD_LIMIT, build_slots
from layerlab.engine.outcome import Cancel
from layerlab.engine.probe import ProbeResult, probe_image
from layerlab.records import Run

DEFAULT_TTL = 15 * 60.0  # seconds without a poll before a session's images go
JANITOR_INTERVAL = 60.0
QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
FINISHED = frozenset({DONE, FAILED, CANCELLED})


@dataclass(frozen=True)
class ProbeTarget:
    port: int
    path: str


@dataclass
class Job:
    """One experiment; the worker thread writes it, the page only reads it."""

    id: int
    session: str | None  # None: shared by every session (the "before" images)
    spec: ExperimentSpec
    probe: ProbeTarget | None = None
    state: str = QUEUED
    runs: list[Run] = field(default_factory=list)
    experiment: Experiment | None = None
    probe_result: ProbeResult | None = None
    error: str | None = None
    cancel: Cancel = field(default_factory=Cancel)
    history: CacheState | None = None  # what earlier jobs built with this backend

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    def update(self, runs: list[Run]) -> None:
        self.runs = runs


Runner = Callable[[Job], None]  # does the work, filling in the job; may raise
Remover = Callable[[str], None]  # removes the images of one session's tag prefix
Alive = Callable[[str], bool]  # whether a session is still connected
Trimmer = Callable[[], TrimResult | None]  # keeps the engine's cache under its budget


def run_job(job: Job) -> None:
    """The real work: the experiment, then a probe of its last image when it built."""
    job.experiment = run_experiment(
        job.spec, cancel=job.cancel, on_update=job.update, history=job.history
    )
    job.runs = job.experiment.runs
    last = job.runs[-1] if job.runs else None
    if job.probe is None or last is None or last.image_id is None or job.cancel.is_set():
        return
    client = connect()
    try:
        job.probe_result = probe_image(client, last.image_id, job.probe.port, job.probe.path)
    finally:
        client.close()


def remove_images(tag_prefix: str) -> None:
    """Remove every image tagged `<tag_prefix>:*`; nothing to do without an engine."""
    try:
        client = connect()
    except EngineUnavailable:
        return
    try:
        for image in client.images.list(name=tag_prefix):
            for tag in image.tags:
                if tag.startswith(f"{tag_prefix}:"):
                    with contextlib.suppress(DockerException):  # in use, or already gone
                        client.images.remove(tag, noprune=False)
    finally:
        client.close()


def trim_to_budget() -> TrimResult | None:
    """The configured cache budget; nothing to do without an engine."""
    try:
        return trim_cache()
    except (EngineUnavailable, DockerException):
        return None


def session_prefix(session: str) -> str:
    return f"layerlab/{session}"


class JobQueue:
    def __init__(
        self,
        runner: Runner = run_job,
        *,
        limit: int = DEFAULT_BUILD_LIMIT,
        ttl: float = DEFAULT_TTL,
        remover: Remover = remove_images,
        alive: Alive = lambda session: True,
        clock: Callable[[], float] = time.monotonic,
        trimmer: Trimmer = trim_to_budget,
    ) -> None:
        self.runner, self.limit, self.ttl = runner, limit, ttl
        self.remover, self.alive, self.clock, self.trimmer = remover, alive, clock, trimmer
        self.last_trim: TrimResult | None = None  # the janitor's last pass, for the facilitator
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._waiting: list[Job] = []
        self._running: list[Job] = []
        self._jobs: dict[int, Job] = {}
        self._shared: dict[object, Job] = {}
        self._seen: dict[str, float] = {}  # session -> last heartbeat
        self._history: dict[str, CacheState] = {}  # backend -> what this process built

    def submit(
        self, spec: ExperimentSpec, session: str | None, probe: ProbeTarget | None = None
    ) -> Job:
        with self._lock:
            history = self._history.setdefault(spec.backend, CacheState())
            job = Job(next(self._ids), session, spec, probe, history=history)
            self._jobs[job.id] = job
            self._waiting.append(job)
            if session is not None:
                self._seen[session] = self.clock()
        self._dispatch()
        return job

    def shared(self, key: object, spec: ExperimentSpec) -> Job:
        """One job per key for the whole process (the "before" image); redone if it failed."""
        with self._lock:
            job = self._shared.get(key)
        if job is not None and job.state not in (FAILED, CANCELLED):
            return job
        job = self.submit(spec, None)
        with self._lock:
            self._shared[key] = job
        return job

    def get(self, job_id: int | None) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id) if job_id is not None else None

    def position(self, job: Job) -> int | None:
        """1 for the next job to start; None once it has started."""
        with self._lock:
            return self._waiting.index(job) + 1 if job in self._waiting else None

    def cancel(self, job: Job) -> None:
        with self._lock:
            if job in self._waiting:
                self._waiting.remove(job)
                job.state = CANCELLED
        job.cancel.set()

    def active(self) -> list[Job]:
        """Jobs waiting or building, oldest first."""
        with self._lock:
            return self._running + self._waiting

    def heartbeat(self, session: str) -> None:
        with self._lock:
            self._seen[session] = self.clock()

    def sweep(self) -> list[str]:
        """Remove the images of ended or silent sessions that have nothing left to build."""
        now = self.clock()
        with self._lock:
            busy = {job.session for job in self._waiting + self._running}
            expired = [
                session
                for session, seen in self._seen.items()
                if (now - seen >= self.ttl or not self.alive(session)) and session not in busy
            ]
            for session in expired:
                del self._seen[session]
                self._jobs = {i: j for i, j in self._jobs.items() if j.session != session}
        for session in expired:
            self.remover(session_prefix(session))
        return expired

    def start_janitor(self, interval: float = JANITOR_INTERVAL) -> threading.Thread:
        def loop() -> None:
            while True:
                time.sleep(interval)
                self.sweep()
                self.last_trim = self.trimmer()

        thread = threading.Thread(target=loop, name="layerlab-janitor", daemon=True)
        thread.start()
        return thread

    def _dispatch(self) -> None:
        with self._lock:
            started = []
            while self._waiting and len(self._running) < self.limit:
                job = self._waiting.pop(0)
                job.state = RUNNING
                self._running.append(job)
                started.append(job)
        for job in started:
            threading.Thread(target=self._work, args=(job,), daemon=True).start()

    def _work(self, job: Job) -> None:
        try:
            self.runner(job)
            failed = job.experiment is not None and job.experiment.failed
            job.state = CANCELLED if job.cancel.is_set() else FAILED if failed else DONE
        except Exception as exc:  # a worker must never die silently: the page shows why
            job.error = f"{type(exc).__name__}: {exc}"
            job.state = FAILED
        finally:
            with self._lock:
                self._running.remove(job)
        self._dispatch()


_shared_queue: JobQueue | None = None
_shared_lock = threading.Lock()


def shared_queue(alive: Alive | None = None) -> JobQueue:
    """The process-wide queue every browser session submits to, with its janitor running.

    `alive` tells the janitor whether a session is still connected; the UI passes its own
    (the engine package knows nothing of Streamlit), and it replaces the default however
    the queue was first made. Without one, every session counts as alive until its TTL.
    """
    global _shared_queue
    with _shared_lock:
        if _shared_queue is None:
            _shared_queue = JobQueue(limit=build_slots())
            _shared_queue.start_janitor()
        if alive is not None:
            _shared_queue.alive = alive
        return _shared_queue
