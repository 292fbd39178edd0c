"""Engine fixtures: each image is built once per session; servers live for one test module,
so no container of ours outlives the tests that use it."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator

import pytest
from docker.errors import DockerException

from .engine_support import HOSTILE_PREFIX, ImageBuilder, Server, wait_until_up


@pytest.fixture(scope="session")
def images(docker_client, request: pytest.FixtureRequest) -> Iterator[ImageBuilder]:
    builder = ImageBuilder(docker_client, request)
    yield builder
    builder.untag_all()


@pytest.fixture(scope="module")
def serve(docker_client) -> Iterator:
    """serve(tag, port, probe) starts a container once and waits for 200 on `probe`."""
    servers: dict[str, Server] = {}

    def start(tag: str, port: int, probe: str) -> Server:
        if tag not in servers:
            container = docker_client.containers.run(
                tag, detach=True, ports={f"{port}/tcp": ("127.0.0.1", None)}
            )
            container.reload()
            host_port = container.ports[f"{port}/tcp"][0]["HostPort"]
            servers[tag] = Server(container, f"http://127.0.0.1:{host_port}")
            wait_until_up(servers[tag], probe)
        return servers[tag]

    yield start
    for server in servers.values():
        server.container.remove(force=True)


@pytest.fixture
def token() -> str:
    return f"hostile-{uuid.uuid4().hex[:12]}"


def _traces(client, token: str) -> list[str]:
    """Containers and untagged images whose command names this test's token."""
    found = []
    for container in client.containers.list(all=True):
        if token in " ".join(container.attrs["Config"].get("Cmd") or []):
            found.append(f"container {container.short_id}")
    for image in client.images.list(filters={"dangling": True}):
        try:
            created_by = " ".join(row.get("CreatedBy", "") for row in image.history())
        except DockerException:  # removed meanwhile
            continue
        if token in created_by:
            found.append(f"dangling image {image.short_id}")
    return found


@pytest.fixture
def leaves_nothing(
    docker_client,
    token: str,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[None]:
    # The build's temporary folders go to a folder of this test's own (not its project's):
    # on a shared machine other processes' folders come and go in /tmp.
    scratch = tmp_path_factory.mktemp("scratch")
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    yield
    for image in docker_client.images.list(name=HOSTILE_PREFIX):
        for tag in image.tags:
            docker_client.images.remove(tag)
    assert _traces(docker_client, token) == []
    assert list(scratch.iterdir()) == []
