"""The classic builder through the Docker SDK (`APIClient.build(decode=True)`).

Steps come from "Step n/m : ..." headers, cache hits from " ---> Using cache"; a failing RUN
arrives in-band as errorDetail; a Dockerfile the engine cannot parse is an HTTP 400 before any
step. Each chunk is timestamped on arrival (notes/stack.md §4).
"""

from __future__ import annotations

import contextlib
import io
import re
import tarfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping

import docker
from docker.errors import APIError, DockerException, NotFound

from layerlab.context import BuildContext
from layerlab.engine.cgroups import CgroupFS
from layerlab.engine.discovery import API_TIMEOUT
from layerlab.engine.limits import CLASSIC_LIMITS, ENGINE_STOPPED, SHM_SIZE, killed
from layerlab.engine.outcome import (
    BuildOutcome,
    BuildRequest,
    Cancel,
    EngineStep,
    append_log,
    mark_stopped,
)

STEP_RE = re.compile(r"^Step (\d+)/(\d+) : (.*)$")
LAYER_RE = re.compile(r"^ ---> ([0-9a-f]{12})$")
RUNNING_RE = re.compile(r"^ ---> Running in ([0-9a-f]{12,64})$")
PARSE_LINE_RE = re.compile(r"line (\d+)")
REMOVE_DEADLINE = 30.0  # seconds to wait for a stubborn container to go
REMOVE_RETRY = 0.5
DRAIN_DEADLINE = 3.0  # seconds to read a killed build's stream to its end
KILL_INTERVAL = 0.2  # seconds between kills of a cancelled build's processes


def context_tar(context: BuildContext, dockerfile_name: str) -> io.BytesIO:
    """The context as docker-py would send it, with a fixed mtime so COPY keys stay stable."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for path in sorted(set(context.included) | {dockerfile_name}):
            data = context.read(path)
            info = tarfile.TarInfo(path)
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    buf.seek(0)
    return buf


class ClassicParser:
    """Turns the decoded build stream into EngineSteps, chunk by chunk."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.outcome = BuildOutcome()
        self.containers: list[str] = []  # intermediate containers, to clean up after a failure
        self.last_image: str | None = None  # the parent of the step that runs now
        self._buffer = ""

    @property
    def current(self) -> EngineStep | None:
        return self.outcome.steps[-1] if self.outcome.steps else None

    def feed(self, chunk: Mapping[str, object]) -> None:
        now = self.clock()
        if "error" in chunk or "errorDetail" in chunk:
            detail = chunk.get("errorDetail") or {}
            message = str(chunk.get("error") or detail.get("message", "build failed"))  # type: ignore[union-attr]
            self.outcome.error = self._explain(message.strip())
            if self.current is not None:
                self.current.error = self.outcome.error
                self.current.end = self.current.end or now
            return
        aux = chunk.get("aux")
        if isinstance(aux, dict) and "ID" in aux:
            self.outcome.image_id = str(aux["ID"])
            return
        self._buffer += str(chunk.get("stream", ""))
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            self._line(line, now)

    def _explain(self, message: str) -> str:
        """Name the base image when its lookup failed: the engine only names the registry."""
        current = self.current
        words = current.instruction.split() if current is not None else []
        if words and words[0].upper() == "FROM" and len(words) > 1:
            image = next((w for w in words[1:] if not w.startswith("--")), words[1])
            return f"the base image {image} is not on this engine nor could it be pulled: {message}"
        return message

    def _line(self, line: str, now: float) -> None:
        header = STEP_RE.match(line)
        current = self.current
        if header:
            if current is not None and current.end is None:
                current.end = now
            step = EngineStep(key=("", int(header[1])), instruction=header[3], start=now)
            step.cached = step.instruction.upper().startswith("FROM ")  # a lookup, not a run
            self.outcome.steps.append(step)
        elif current is None:
            return
        elif line.strip() == "---> Using cache":
            current.cached = True
        elif running := RUNNING_RE.match(line):
            self.containers.append(running.group(1))
        elif layer := LAYER_RE.match(line):
            self.last_image = layer.group(1)
        elif line.startswith("Removing intermediate"):
            return
        elif not line.startswith(("Successfully built", "Successfully tagged")):
            append_log(current, line + "\n")

    def finish(self) -> BuildOutcome:
        if self._buffer.strip():
            self._line(self._buffer, self.clock())
        if self.current is not None and self.current.end is None:
            self.current.end = self.clock()
        return self.outcome


def build(
    request: BuildRequest,
    cancel: Cancel | None = None,
    on_update: Callable[[BuildOutcome], None] | None = None,
) -> BuildOutcome:
    """Build with the classic builder; never pulls; failed steps leave no container."""
    cancel = cancel or Cancel()
    started, wall_start = time.monotonic(), time.time()
    parser = ClassicParser(lambda: time.monotonic() - started)
    try:
        api = docker.APIClient(version="auto", timeout=API_TIMEOUT)
    except DockerException as exc:
        parser.outcome.error = f"no Docker engine answers: {exc}"
        return parser.outcome
    if request.cgroup_parent:  # docker-py's build() has no parameter for the API's cgroupparent
        api.params = {"cgroupparent": request.cgroup_parent}
    # A blocked read of a silent RUN only ends when its container does. With the build's own
    # cgroup, its processes are killed and the stream is read to its end: closing it instead
    # leaves the engine blocked for minutes on a container that floods its log (`RUN yes`).
    # Without one, the container is removed and the stream closed.
    streaming = threading.Event()  # cleared when the stream has ended
    streaming.set()
    if request.cgroup_parent:
        group = str(request.cgroup_parent)
        cancel.on_cancel(lambda: _kill_while(streaming, group))
        cancel.on_cancel(lambda: _close_later(api))
    else:
        cancel.on_cancel(
            lambda: remove_containers(parser.containers, parser.last_image, wall_start)
        )
        cancel.on_cancel(api.close)
    try:
        stream = api.build(
            fileobj=context_tar(request.context, request.dockerfile_name),
            custom_context=True,
            dockerfile=request.dockerfile_name,
            tag=request.tag,
            target=request.target,
            nocache=request.no_cache,
            rm=True,
            forcerm=True,
            pull=False,
            decode=True,
            buildargs=dict(request.build_args),
            container_limits=dict(CLASSIC_LIMITS),
            shmsize=SHM_SIZE,
            network_mode="none" if request.network == "none" else None,
        )
        _consume(stream, parser, cancel, on_update)
    except APIError as exc:
        _engine_refused(parser.outcome, exc)
    except Exception as exc:  # the connection dropped: cancelled, or the engine went away
        if not cancel.is_set():
            parser.outcome.error = f"the build stopped: the engine connection was lost ({exc})"
    finally:
        streaming.clear()
        api.close()
    outcome = parser.finish()
    if outcome.error and killed(outcome.error) and not cancel.is_set():
        _blame_a_stopping_engine(outcome)
    if outcome.error or cancel.is_set():
        remove_containers(parser.containers, parser.last_image, since=wall_start)
    if cancel.is_set():
        mark_stopped(outcome, cancel)
        outcome.image_id = None
    outcome.seconds = time.monotonic() - started
    return outcome


def remove_containers(ids: list[str], parent_image: str | None, since: float) -> None:
    """A cancelled or failed step's container can outlive the build: remove it.

    A cancel may come before the stream named the step's container, so containers of the
    step's parent image created since the build started count too. A container full of dying
    processes (a fork bomb) can refuse removal for a while, so removal is retried until the
    engine no longer knows it or REMOVE_DEADLINE passes.
    """
    try:
        api = docker.APIClient(version="auto", timeout=60)
    except DockerException:
        return
    with api:
        found = set(ids)
        if parent_image is not None:
            with contextlib.suppress(DockerException):
                candidates = api.containers(all=True, filters={"ancestor": parent_image})
                found |= {c["Id"] for c in candidates if c.get("Created", 0) >= int(since) - 1}
        deadline = time.monotonic() + REMOVE_DEADLINE
        while found and time.monotonic() < deadline:
            found = {container for container in found if not _removed(api, container)}
            if found:
                time.sleep(REMOVE_RETRY)


def _removed(api: docker.APIClient, container: str) -> bool:
    """Ask the engine to remove a container; True once it is gone."""
    try:
        api.remove_container(container, force=True)
        return True
    except NotFound:  # removed by the engine (forcerm) or never created
        return True
    except (DockerException, OSError):  # "removal already in progress", a slow kill
        return False


def _blame_a_stopping_engine(outcome: BuildOutcome) -> None:
    """A killed step is the memory cap (stops.py), unless the engine itself is going away: a
    stopping daemon kills its containers first and stops answering new connections."""
    raw = outcome.error or ""
    if _engine_answers():
        return
    reason = f"{ENGINE_STOPPED} ({raw})"
    for step in outcome.steps:
        if step.error == raw:
            step.error = reason
    outcome.error = reason


def _engine_answers() -> bool:
    try:
        with docker.APIClient(version="auto", timeout=5) as api:
            return bool(api.ping())
    except (DockerException, OSError):  # refused or reset while the daemon stops
        return False


def _consume(
    stream: Iterable[Mapping[str, object]],
    parser: ClassicParser,
    cancel: Cancel,
    on_update: Callable[[BuildOutcome], None] | None,
) -> None:
    for chunk in stream:
        if cancel.is_set():
            continue  # drained: the stream ends once the killed step's container is gone
        parser.feed(chunk)
        if on_update is not None:
            on_update(parser.outcome)


def _kill_while(streaming: threading.Event, group: str) -> None:
    """Kill the build's processes now and again until its stream ends: a cancel can come
    after the engine named a step and before that step's container started, and a single
    kill then finds nothing while the step goes on (a `RUN sleep 120` ran to its end)."""

    def keep_killing() -> None:
        while streaming.is_set():
            CgroupFS().kill(group)
            time.sleep(KILL_INTERVAL)

    threading.Thread(target=keep_killing, name="layerlab-cancel", daemon=True).start()


def _close_later(api: docker.APIClient) -> None:
    """Stop draining a stream that does not end after its processes were killed."""
    timer = threading.Timer(DRAIN_DEADLINE, api.close)
    timer.daemon = True
    timer.start()


def _engine_refused(outcome: BuildOutcome, exc: APIError) -> None:
    """HTTP errors before any step: usually a Dockerfile the engine cannot parse."""
    message = str(exc.explanation or exc).strip()
    outcome.error = message
    match = PARSE_LINE_RE.search(message)
    if match and "parse" in message.lower():
        outcome.error_line = int(match.group(1))
