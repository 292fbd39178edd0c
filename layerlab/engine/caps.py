"""Memory and process caps on every build, whichever backend.

Each build gets its own cgroup (`layerlab/<id>`) with memory and pids limits, passed to the
engine as the build's cgroup parent: the /build API's `cgroupparent` (classic builder; the
memory limit per RUN container still comes from `container_limits`, limits.py), or buildx's
`--cgroup-parent` where BuildKit honours it (Docker 28: steps run in
`<parent>/buildkit/<step id>`). A watcher writes the caps into each step's own cgroup as it
appears and stops a step that hits one (cap_hits.py).

Docker 20.10's BuildKit ignores `--cgroup-parent` and runs every RUN step in
`<engine cgroup parent>/buildkit/<step id>` (verified: /proc/self/cgroup in a step reads
/docker/buildkit/<id> with or without the flag). A probe build tells which engine this is: it
asks for a cgroup parent and reads where its step ran. On 20.10, LayerLab caps that shared
parent as a backstop for all BuildKit steps together (the per-build caps times the builds the
queue runs at once), and one watcher caps and watches every step under it. Where the steps'
cgroup cannot be seen or written (a remote engine, a cgroup namespace, no root), nothing
enforces the caps: learners' builds do not use BuildKit, and `buildkit_refusal()` says why.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from layerlab.engine import cap_hits
from layerlab.engine.cgroups import CgroupFS, Limits
from layerlab.engine.limits import BUILD_MEMORY, BUILD_PIDS, build_slots
from layerlab.text import Text

BUILDS_ROOT = "layerlab"  # each build's own group: layerlab/<id>
WATCH_INTERVAL = 0.05  # seconds between looks at the steps' cgroups
PROBE_TIMEOUT = 60
FORK_REFUSED_RE = re.compile(
    r"(?i)can't fork|fork: retry|fork failed|fork:.*temporarily|can't start new thread"
    r"|unable to create (?:new )?native thread|pthread_create failed"
)


def build_limits() -> Limits:
    return Limits(memory=BUILD_MEMORY, pids=BUILD_PIDS)


def local_engine() -> bool:
    """The engine shares this host's cgroups only when it listens on a local socket."""
    host = os.environ.get("DOCKER_HOST", "")
    return not host or host.startswith("unix://")


class BuildGroup:
    """`with BuildGroup() as group:` one build's cgroup, passed to the engine as its cgroup
    parent; `group.parent` is None when this host cannot make one (a classic build then has
    the per-container memory limit, no process cap). Its steps' cgroups appear right under
    it (classic: a RUN container each) or under `steps` (BuildKit: `buildkit`)."""

    def __init__(
        self, fs: CgroupFS | None = None, limits: Limits | None = None, steps: str = ""
    ) -> None:
        self.fs = fs or CgroupFS()
        self.limits = limits or build_limits()
        self.group = f"{BUILDS_ROOT}/{uuid.uuid4().hex[:16]}"
        self.steps = f"{self.group}/{steps}".rstrip("/")
        self.parent: str | None = None
        self._watching = contextlib.ExitStack()

    def __enter__(self) -> BuildGroup:
        if local_engine() and self.fs.check() is None:
            with contextlib.suppress(OSError):
                self.fs.create(self.group, self.limits)
                self.parent = "/" + self.group
        if self.parent is not None:
            self._watching.enter_context(StepWatcher(self.fs, self.steps, self.limits).running())
        return self

    def __exit__(self, *exc: object) -> None:
        self._watching.close()
        if self.parent is not None:
            self.fs.remove(self.group)

    def refused_forks(self) -> bool:
        return self.parent is not None and self.fs.counter(self.group, "pids", "max") > 0


class StepWatcher:
    """While builds run: writes the per-build caps into each step's cgroup under `parent` as
    it appears, and stops a step that hits one (cap_hits.py): a fork bomb held at the process
    cap would otherwise go on until its first shell exits, perhaps with 0."""

    def __init__(self, fs: CgroupFS, parent: str, limits: Limits) -> None:
        self.fs, self.parent, self.limits = fs, parent, limits
        self._lock = threading.Lock()
        self._users = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        with self._lock:
            self._users += 1
            if self._users == 1:
                self._stop = threading.Event()
                self._thread = threading.Thread(
                    target=self._watch, args=(self._stop,), name="layerlab-caps", daemon=True
                )
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._stop.set()

    def _watch(self, stop: threading.Event) -> None:
        capped: set[str] = set()
        stopped: set[str] = set()
        while not stop.wait(WATCH_INTERVAL):
            steps = self.fs.children(self.parent)
            for step in steps - capped:
                with contextlib.suppress(OSError):  # the step ended meanwhile
                    self.fs.limit(f"{self.parent}/{step}", self.limits)
            for step in steps - stopped:
                cap = cap_hits.hit(self.fs, f"{self.parent}/{step}")
                if cap is not None:
                    cap_hits.stop(self.fs, f"{self.parent}/{step}", cap)
                    stopped.add(step)
            capped, stopped = steps, stopped & steps


class BuildkitCaps:
    """How BuildKit's steps are capped on this engine: `native` when it honours
    --cgroup-parent (a group per build, as for the classic builder), else through the one
    parent all its steps share, capped as a backstop, with a watcher for its steps."""

    def __init__(
        self, fs: CgroupFS, limits: Limits, slots: int, shared_parent: str | None = None
    ) -> None:
        self.fs, self.native = fs, shared_parent is None
        self.watcher: StepWatcher | None = None
        if shared_parent is not None:
            backstop = Limits(memory=limits.memory * slots, pids=limits.pids * slots)
            fs.limit(shared_parent, backstop)
            self.watcher = StepWatcher(fs, shared_parent, limits)


_lock = threading.Lock()
_found: dict[str, BuildkitCaps | Text] = {}  # one probe per process; failures are retried


def buildkit_caps() -> BuildkitCaps | Text:
    """BuildKit's caps on this engine, or why nothing can enforce them (ja and en)."""
    with _lock:
        if "result" not in _found:
            result = _discover()
            if result is not PROBE_FAILED:
                _found["result"] = result
            return result
        return _found["result"]


def buildkit_refusal() -> Text | None:
    """Why learners' builds do not use BuildKit here, or None when its caps hold."""
    found = buildkit_caps()
    return found if isinstance(found, Text) else None


def _discover() -> BuildkitCaps | Text:
    if not local_engine():
        return NO_CAPS_REMOTE
    fs = CgroupFS()
    problem = fs.check()
    if problem is not None:
        return no_caps(problem)
    asked = f"{BUILDS_ROOT}/probe-{uuid.uuid4().hex[:12]}"
    try:
        fs.create(asked, build_limits())
        step = probe_step_cgroup(fs, "/" + asked)
    except OSError as exc:
        return no_caps(f"cannot make a cgroup under {BUILDS_ROOT}: {exc}")
    finally:
        fs.remove(asked)
    if step is None:
        return PROBE_FAILED
    if step.startswith(f"/{asked}/"):  # the engine honours --cgroup-parent
        return BuildkitCaps(fs, build_limits(), build_slots())
    parent = str(Path(step).parent).strip("/")
    if not parent or not fs.exists(parent):
        return no_caps(f"BuildKit's steps run in {step}, which this host cannot see")
    try:
        return BuildkitCaps(fs, build_limits(), build_slots(), shared_parent=parent)
    except OSError as exc:
        return no_caps(f"cannot write limits for {parent}: {exc}")


def probe_step_cgroup(fs: CgroupFS, cgroup_parent: str) -> str | None:
    """The cgroup a BuildKit RUN step runs in, as the step itself reads it, when its build
    asks for `cgroup_parent` (the engine may ignore that)."""
    marker = uuid.uuid4().hex
    dockerfile = f"FROM busybox\nRUN echo {marker} && cat /proc/self/cgroup\n"
    with tempfile.TemporaryDirectory(prefix="layerlab-probe-") as folder:
        Path(folder, "Dockerfile").write_text(dockerfile)
        image_id = Path(folder, "image-id")
        command = ["docker", "buildx", "build", "--progress=plain", "--no-cache"]
        command += ["--cgroup-parent", cgroup_parent, "--iidfile", str(image_id), folder]
        try:
            done = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT, text=True)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if image_id.is_file():  # the probe's image is of no use: leave nothing behind
            remove = ["docker", "image", "rm", image_id.read_text().strip()]
            subprocess.run(remove, capture_output=True, timeout=PROBE_TIMEOUT, check=False)
    controller = "0::" if fs.version == 2 else ":memory:"
    for line in done.stderr.splitlines():
        _, found, path = line.partition(controller)
        if found and path.strip().startswith("/"):
            return path.strip()
    return None


@dataclass(frozen=True)
class BuildCaps:
    """The caps of one build as its backend needs them."""

    cgroup_parent: str | None = None  # the build's own cgroup, where the engine honours one
    refusal: Text | None = None  # BuildKit: why its caps cannot hold here
    group: BuildGroup | None = None

    def refused_forks(self) -> bool:
        return self.group is not None and self.group.refused_forks()


@contextlib.contextmanager
def capped(backend: str) -> Iterator[BuildCaps]:
    """`with capped(backend) as caps:` around one build."""
    if backend == "classic":
        with BuildGroup() as group:
            yield BuildCaps(cgroup_parent=group.parent, group=group)
        return
    found = buildkit_caps()
    if isinstance(found, Text):
        yield BuildCaps(refusal=found)
    elif found.watcher is not None:  # one parent for every build's steps (Docker 20.10)
        with found.watcher.running():
            yield BuildCaps()
    else:
        with BuildGroup(found.fs, steps="buildkit") as group:
            if group.parent is None:
                yield BuildCaps(refusal=no_caps(f"no cgroup could be made under {BUILDS_ROOT}"))
            else:
                yield BuildCaps(cgroup_parent=group.parent, group=group)


def refused_forks(log: str) -> bool:
    """A step's log says a fork was refused: the process cap held it."""
    return FORK_REFUSED_RE.search(log) is not None


def no_caps(detail: str) -> Text:
    return Text(
        en=(
            "BuildKit is off for learners' builds: nothing on this host can cap its memory and "
            f"processes ({detail}). Builds use the classic builder."
        ),
        ja=(
            "学習者のビルドでは BuildKit を使いません。このホストでは BuildKit のメモリとプロセス数"
            f"を制限できないためです（{detail}）。ビルドはクラシックビルダーで行います。"
        ),
    )


NO_CAPS_REMOTE = no_caps("the engine is remote, its cgroups are out of reach")
PROBE_FAILED = no_caps("a probe build could not tell where BuildKit runs its steps")
