"""The cache budget on a real engine: past its budget, the janitor removes the oldest build
cache (BuildKit's records, untagged classic images) until the cache is under it.

Other builds share this engine, so the janitor is told to leave everything but this test's
own cache alone (its `protected` hook, which in the app protects images of builds in progress).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from docker.errors import DockerException

from layerlab.context import BuildContext
from layerlab.engine import buildkit, classic
from layerlab.engine.budget import Candidate, trim_cache
from layerlab.engine.outcome import BuildRequest
from layerlab.engine.usage import CacheRecord, engine_contents

pytestmark = pytest.mark.engine
MB = 1024 * 1024
LAYER_MB = 20


class Filler:
    """Builds 20 MB layers, each tagged then untagged, and knows which cache is its own."""

    def __init__(self, client) -> None:
        self.client = client
        self.token = f"budget-{uuid.uuid4().hex[:12]}"
        self.order: list[str] = []  # "buildkit-1", "classic-1", ... in build order

    def build(self, backend: str, n: int) -> None:
        name = f"{backend}-{n}"
        fill = f"head -c {LAYER_MB}m /dev/urandom > /f"
        dockerfile = f"FROM busybox\nRUN : {self.token} {name}; {fill}\nRUN : top\n"
        tag = f"layerlab-test/budget:{self.token}-{name}"
        request = BuildRequest(
            BuildContext.from_files({"Dockerfile": dockerfile.encode()}), "Dockerfile", tag
        )
        outcome = {"buildkit": buildkit.build, "classic": classic.build}[backend](request)
        assert outcome.error is None, outcome.error
        # Untagging removes the top image; the 20 MB layer under it stays as untagged cache.
        self.client.images.remove(tag, noprune=True)
        self.order.append(name)
        time.sleep(1.1)  # image creation times have one-second resolution

    def owner(self, candidate: Candidate) -> str | None:
        """Which of this test's builds made it, or None when it is not this test's."""
        if isinstance(candidate, CacheRecord):
            text = self._descriptions.get(candidate.id, "")
        else:
            try:
                history = self.client.api.history(candidate.id)
            except DockerException:
                return None
            text = history[0].get("CreatedBy", "")
        if self.token not in text:
            return None
        return text.split(self.token, 1)[1].split(";")[0].strip()

    def mine(self) -> set[str]:
        self._descriptions = {
            r["ID"]: r.get("Description") or "" for r in self.client.api.df()["BuildCache"]
        }
        contents = engine_contents(self.client)
        found = {self.owner(c) for c in [*contents.records, *contents.untagged]}
        return found - {None}  # type: ignore[return-value]

    def protected(self, candidate: Candidate) -> bool:
        return self.owner(candidate) is None


@pytest.fixture
def filler(docker_client, docker_buildx) -> Iterator[Filler]:
    found = Filler(docker_client)
    yield found
    trim_cache(0, docker_client, found.protected)  # leave none of this test's cache behind


def test_the_janitor_removes_the_oldest_cache_until_it_is_under_budget(filler: Filler) -> None:
    for n in (1, 2):
        filler.build("buildkit", n)
        filler.build("classic", n)
    assert filler.mine() == set(filler.order)
    usage = engine_contents(filler.client).usage()
    budget = usage.cache_bytes - 2 * LAYER_MB * MB + MB  # two of the four layers must go
    result = trim_cache(budget, filler.client, filler.protected)
    assert result.under_budget, result
    assert filler.mine() == {"buildkit-2", "classic-2"}  # the two newest are kept
