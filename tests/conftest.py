"""Shared fixtures: a real Docker engine and a real browser, or a reasoned skip.

Under CI=true a missing engine or browser is a failure, never a skip: CI must prove the
real parts work.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from real_parts import skip_or_fail


@pytest.fixture(scope="session")
def docker_client():
    """A docker-py client on a live engine, found as the SDK finds it (DOCKER_HOST, socket)."""
    import docker

    try:
        client = docker.from_env(version="auto", timeout=600)
        client.ping()
    except Exception as exc:  # any failure to reach the engine means "no engine here"
        skip_or_fail(f"no Docker engine reachable: {exc}")
    yield client
    client.close()


@pytest.fixture(scope="session")
def docker_buildx(docker_client) -> str:
    """The docker CLI, with the buildx plugin, on the same engine (BuildKit builds)."""
    import subprocess

    cli = shutil.which("docker")
    probe = subprocess.run([cli, "buildx", "version"], capture_output=True) if cli else None
    if probe is None or probe.returncode != 0:
        skip_or_fail("the docker CLI with the buildx plugin is missing (WITH_BUILDX=1)")
    return cli


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        skip_or_fail("Debian's chromium is not installed (apt-get install -y chromium)")
    return path


@pytest.fixture(autouse=True, scope="session")
def workshop_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests (and the servers they start) never touch the user's own workshop database."""
    previous = os.environ.get("LAYERLAB_DB")
    os.environ["LAYERLAB_DB"] = str(tmp_path_factory.mktemp("workshop") / "workshop.sqlite")
    yield
    if previous is None:
        os.environ.pop("LAYERLAB_DB", None)
    else:
        os.environ["LAYERLAB_DB"] = previous
