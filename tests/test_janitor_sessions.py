"""The janitor on a real engine: images of sessions that came and went do not pile up on disk."""

from __future__ import annotations

import io
import uuid

import pytest
from docker.errors import ImageNotFound
from real_parts import skip_or_fail

from layerlab.engine.jobs import JobQueue, remove_images, session_prefix

pytestmark = pytest.mark.engine
SESSIONS = 10
TTL = 60.0
BASE = "busybox:latest"  # in the local store: nothing is pulled


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def run_label() -> str:
    """A label unique to this run, so other work on the same engine does not blur the count."""
    return f"layerlab.test.janitor={uuid.uuid4().hex[:12]}"


def our_images(client, label: str) -> list:
    return client.images.list(all=True, filters={"label": label})


def tag_session_images(client, session: str, label: str) -> None:
    """What the lab leaves per session: its own image under `layerlab/<session>:<run>`."""
    key, value = label.split("=")
    dockerfile = f'FROM {BASE}\nLABEL {key}="{value}" session="{session}"\n'
    tag = f"{session_prefix(session)}:cold"
    client.images.build(fileobj=io.BytesIO(dockerfile.encode()), tag=tag, rm=True, pull=False)


def test_images_of_ten_ended_sessions_are_removed(docker_client, run_label: str) -> None:
    try:
        docker_client.images.get(BASE)
    except ImageNotFound:
        skip_or_fail(f"{BASE} is not in the local image store (nothing is pulled)")
    clock = Clock()
    ended: set[str] = set()
    queue = JobQueue(ttl=TTL, clock=clock, alive=lambda session: session not in ended)
    start = len(our_images(docker_client, run_label))
    sessions = [f"janitor-{uuid.uuid4().hex[:8]}" for _ in range(SESSIONS)]
    try:
        for index, session in enumerate(sessions):
            clock.now = index * 10.0  # they come one after another
            queue.heartbeat(session)
            tag_session_images(docker_client, session, run_label)
        assert len(our_images(docker_client, run_label)) > start
        ended.update(sessions[::2])  # half close their tab, half just stop polling
        clock.now += TTL
        assert sorted(queue.sweep()) == sorted(sessions)
        assert len(our_images(docker_client, run_label)) == start
    finally:
        for session in sessions:  # a failed assertion must not leave images behind
            remove_images(session_prefix(session))
