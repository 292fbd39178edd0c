"""Engine fixtures: each image is built once per session; servers live for one test module,
so no container of ours outlives the tests that use it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .engine_support import ImageBuilder, Server, wait_until_up


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
