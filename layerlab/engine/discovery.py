"""Find the Docker engine the way the SDK does (DOCKER_HOST, then the default socket)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

import docker
from docker.errors import DockerException

from layerlab.engine.caps import buildkit_refusal
from layerlab.text import Text

API_TIMEOUT = 600  # seconds; builds stream for minutes


class EngineUnavailable(RuntimeError):
    """No engine answers; the message says why in plain words."""


@dataclass(frozen=True)
class EngineStatus:
    available: bool
    message: str  # "Docker 20.10.24 (API 1.41)", or why no engine answers (the SDK's words)
    buildx: bool = False  # BuildKit may build learners' Dockerfiles: buildx is there, capped
    buildkit_off: Text | None = None  # why BuildKit is not used although buildx is there

    @property
    def backends(self) -> tuple[str, ...]:
        if not self.available:
            return ()
        return ("buildkit", "classic") if self.buildx else ("classic",)

    def backend(self, choice: str) -> str:
        """The builder a choice (records.BACKEND_CHOICES) means here. auto: BuildKit when buildx is
        there. BuildKit without buildx on a live engine: the classic builder builds instead;
        without an engine it is only predicted, so any builder can be."""
        if choice == "auto":
            return "buildkit" if self.buildx else "classic"
        if choice == "buildkit" and self.available and not self.buildx:
            return "classic"
        return choice

    def falls_back(self, choice: str) -> bool:
        return choice == "buildkit" and self.backend(choice) == "classic"


def connect() -> docker.DockerClient:
    try:
        client = docker.from_env(version="auto", timeout=API_TIMEOUT)
        client.ping()
    except DockerException as exc:
        raise EngineUnavailable(f"no Docker engine answers ({_short(exc)})") from exc
    return client


def buildx_available() -> bool:
    """True when the docker CLI with the buildx plugin can build with BuildKit."""
    if shutil.which("docker") is None:
        return False
    try:
        done = subprocess.run(
            ["docker", "buildx", "version"], capture_output=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def status() -> EngineStatus:
    try:
        client = connect()
    except EngineUnavailable as exc:
        return EngineStatus(False, str(exc))
    try:
        version = client.version()
    finally:
        client.close()
    message = f"Docker {version.get('Version', '?')} (API {version.get('ApiVersion', '?')})"
    if not buildx_available():
        return EngineStatus(True, message)
    refusal = buildkit_refusal()
    return EngineStatus(True, message, buildx=refusal is None, buildkit_off=refusal)


def choose_backend(choice: str, status: EngineStatus) -> tuple[str, Text | None]:
    """The backend a learner's build uses for `choice` (auto, buildkit, classic), and why
    BuildKit is not used when it was a candidate (None otherwise)."""
    backend = status.backend(choice)
    return backend, status.buildkit_off if choice != "classic" and backend == "classic" else None


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
