"""A failed or cancelled classic build removes its containers, even stubborn ones."""

from __future__ import annotations

import pytest
from docker.errors import APIError, NotFound

from layerlab.engine import classic


class StubbornEngine:
    """An engine that refuses to remove a container while its processes are still dying."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.containers_left = {"abc123"}

    def __enter__(self) -> StubbornEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def containers(self, **_: object) -> list[dict[str, object]]:
        return []

    def remove_container(self, container: str, force: bool) -> None:
        if container not in self.containers_left:
            raise NotFound("No such container")
        if self.refusals:
            self.refusals -= 1
            raise APIError("removal of container abc123 is already in progress")
        self.containers_left.discard(container)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> StubbornEngine:
    stub = StubbornEngine(refusals=3)
    monkeypatch.setattr(classic.docker, "APIClient", lambda **_: stub)
    monkeypatch.setattr(classic, "REMOVE_RETRY", 0.0)
    return stub


def test_a_container_that_refuses_removal_is_removed_on_a_later_try(
    engine: StubbornEngine,
) -> None:
    classic.remove_containers(["abc123"], parent_image=None, since=0.0)
    assert engine.containers_left == set()


def test_removal_gives_up_at_the_deadline(
    engine: StubbornEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine.refusals = 10**9
    monkeypatch.setattr(classic, "REMOVE_DEADLINE", 0.05)
    classic.remove_containers(["abc123"], parent_image=None, since=0.0)
    assert engine.containers_left == {"abc123"}
