"""Building images and serving containers for the engine tests.

Images are tagged layerlab-test/<project>:<dockerfile>[-<target>] and untagged at the end;
their intermediate layers stay as build cache, so the next run is warm. Files that use
BuildKit-only syntax (RUN --mount) build with `docker buildx build --load`, the others with
docker-py's classic builder, both through the app's own backends (layerlab.engine). Nothing is
ever pulled: every base image is in the local store.
"""

from __future__ import annotations

import contextlib
import json
import math
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from docker.errors import NotFound

from layerlab.context import BuildContext
from layerlab.dockerfile import parse
from layerlab.engine import buildkit, classic
from layerlab.engine.discovery import buildx_available
from layerlab.engine.experiment import ExperimentSpec, run_experiment
from layerlab.engine.outcome import BuildRequest
from layerlab.records import Run

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_projects"
TAG_PREFIX = "layerlab-test"
HOSTILE_PREFIX = "layerlab-test/hostile"
START_TIMEOUT = 90


def mini_spec(project: Path, dockerfile: str, tag_prefix: str, **extra: object) -> ExperimentSpec:
    """A one-file project (app.txt, which the code edit changes) for a quick experiment."""
    (project / "app.txt").write_text("v1\n")
    spec = ExperimentSpec(
        project=project,
        dockerfile_text=dockerfile,
        backend="classic",
        code_files=("app.txt",),
        tag_prefix=tag_prefix,
    )
    return replace(spec, **extra)  # type: ignore[arg-type]


def hostile_build(
    tmp_path: Path, dockerfile: str, backend: str = "classic", **extra: object
) -> Run:
    if backend == "buildkit" and not buildx_available():
        pytest.fail("docker buildx is missing: the BuildKit backend cannot be tested")
    settings = {"time_limit": 60, **extra}
    return run_experiment(
        mini_spec(tmp_path, dockerfile, HOSTILE_PREFIX, backend=backend, **settings)
    ).runs[0]


def stopped_step(run: Run) -> str:
    """The message of the step that failed or was stopped: the learner reads it there."""
    errors = [step.error for step in run.steps if step.error]
    assert errors, f"no step says why the build ended: {run.error}"
    return errors[-1]


class BuildFailed(AssertionError):
    """A build that ended in an error; the message carries the end of the build log."""


def needs_buildkit(dockerfile: Path) -> bool:
    """RUN --mount exists only in BuildKit: the classic builder rejects it."""
    return any(ins.mounts() for ins in parse(dockerfile.read_text()).instructions)


def image_tag(context: Path, dockerfile: str, target: str | None) -> str:
    project = "app" if context == ROOT else context.name
    name = dockerfile.lower().replace("dockerfile.", "").replace("dockerfile", "final")
    return f"{TAG_PREFIX}/{project}:{name}-{target}" if target else f"{TAG_PREFIX}/{project}:{name}"


def build_or_fail(context: Path, dockerfile: str, target: str | None, tag: str) -> None:
    backend = buildkit if needs_buildkit(context / dockerfile) else classic
    request = BuildRequest(BuildContext.from_dir(context), dockerfile, tag, target=target)
    outcome = backend.build(request)
    if outcome.error:
        last_log = outcome.steps[-1].log[-3000:] if outcome.steps else ""
        raise BuildFailed(f"{tag} ({backend.__name__}): {outcome.error}\n{last_log}")


class ImageBuilder:
    """Builds each (context, Dockerfile, target) once per session and untags them at the end."""

    def __init__(self, client, request: pytest.FixtureRequest) -> None:
        self.client = client
        self.request = request
        self.tags: dict[tuple[Path, str, str | None], str] = {}

    def build(
        self, context: Path, dockerfile: str = "Dockerfile", target: str | None = None
    ) -> str:
        key = (context, dockerfile, target)
        if key not in self.tags:
            tag = image_tag(context, dockerfile, target)
            if needs_buildkit(context / dockerfile):
                self.request.getfixturevalue("docker_buildx")  # skips, or fails under CI
            build_or_fail(context, dockerfile, target, tag)
            self.tags[key] = tag
        return self.tags[key]

    def untag_all(self) -> None:
        for tag in set(self.tags.values()):
            with contextlib.suppress(NotFound):  # removed meanwhile: nothing to untag
                self.client.images.remove(tag, force=True, noprune=True)


@dataclass
class Server:
    """A started container whose port is published on a random 127.0.0.1 port."""

    container: object
    url: str

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def get_json(self, path: str) -> tuple[int, object]:
        status, body = self.get(path)
        return status, json.loads(body)

    def run(self, *command: str) -> str:
        result = self.container.exec_run(list(command))
        assert result.exit_code == 0, result.output
        return result.output.decode().strip()


def wait_until_up(server: Server, probe: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        server.container.reload()
        if server.container.status == "exited":
            logs = server.container.logs().decode(errors="replace")[-3000:]
            raise AssertionError(f"{server.container.name} exited:\n{logs}")
        try:
            if server.get(probe)[0] == 200:
                return
        except OSError:  # not listening yet
            pass
        time.sleep(0.5)
    raise AssertionError(f"no 200 from {server.url}{probe} within {START_TIMEOUT} s")


class HealthWatch:
    """A stand-in for the app's health endpoint, polled from another thread while a hostile
    build runs: `worst` is the slowest answer (seconds), or inf when one never came."""

    def __init__(self, interval: float = 0.25, timeout: float = 5.0) -> None:
        self.interval, self.timeout = interval, timeout
        self.latencies: list[float] = []
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _HealthHandler)
        self._threads = [
            threading.Thread(target=self._server.serve_forever, daemon=True),
            threading.Thread(target=self._poll, daemon=True),
        ]

    def __enter__(self) -> HealthWatch:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        for thread in self._threads:
            thread.join()

    @property
    def worst(self) -> float:
        return max(self.latencies, default=math.inf)

    def _poll(self) -> None:
        url = f"http://127.0.0.1:{self._server.server_address[1]}/_stcore/health"
        while not self._stop.wait(self.interval):
            started = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=self.timeout) as response:
                    response.read()
                self.latencies.append(time.monotonic() - started)
            except OSError:
                self.latencies.append(math.inf)


class _HealthHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return
