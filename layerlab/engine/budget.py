"""The cache budget: the janitor keeps the engine's build cache under LAYERLAB_CACHE_BUDGET_MB.

What it may remove, oldest first (last use for BuildKit's records, creation for images):
BuildKit cache records no build is using, and untagged images nothing is built on (the classic
builder's layers, images a rebuild moved a tag away from). Tagged images (base images, every
session's builds) are never candidates, and the engine refuses to remove an image a container
uses. Images younger than a few minutes are left alone too: a classic build in progress chains
its steps' images, and its final image is untagged until the build tags it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import docker
from docker.errors import DockerException

from layerlab.engine.discovery import connect
from layerlab.engine.usage import (
    CacheRecord,
    EngineContents,
    EngineUsage,
    UntaggedImage,
    engine_contents,
)
from layerlab.workshop.config import cache_budget_mb

MB = 1024 * 1024
YOUNG = 10 * 60.0  # seconds: an untagged image this young may belong to a build in progress
MAX_ROUNDS = 5  # removing a leaf image makes its parent a leaf: look again

Candidate = CacheRecord | UntaggedImage
Protected = Callable[[Candidate], bool]


@dataclass(frozen=True)
class TrimResult:
    budget: int
    before: EngineUsage
    after: EngineUsage
    removed: int  # records and images

    @property
    def under_budget(self) -> bool:
        return self.after.cache_bytes <= self.budget


def configured_budget() -> int:
    """Bytes of build cache the engine may keep (LAYERLAB_CACHE_BUDGET_MB, default 4096)."""
    return cache_budget_mb() * MB


def young(candidate: Candidate, now: float | None = None) -> bool:
    """An untagged image created in the last YOUNG seconds (BuildKit guards its own records
    while a build uses them)."""
    if not isinstance(candidate, UntaggedImage):
        return False
    return (now or time.time()) - candidate.created < YOUNG


def oldest_first(contents: EngineContents, excess: int, protected: Protected) -> list[Candidate]:
    """The removable records and images, oldest first, until they add up to `excess`."""
    records = [r for r in contents.records if not r.in_use and r.size > 0]
    images = [i for i in contents.untagged if i.leaf]
    candidates = sorted(
        (c for c in [*records, *images] if not protected(c)),
        key=lambda c: c.last_used if isinstance(c, CacheRecord) else c.created,
    )
    chosen, freed = [], 0
    for candidate in candidates:
        if freed >= excess:
            break
        chosen.append(candidate)
        freed += candidate.size
    return chosen


def trim_cache(
    budget: int | None = None,
    client: docker.DockerClient | None = None,
    protected: Protected = young,
) -> TrimResult:
    """Remove the oldest cache until the engine's cache is under `budget` (bytes; default:
    the configured one). Raises EngineUnavailable without an engine."""
    budget = configured_budget() if budget is None else budget
    if client is None:
        with contextlib.closing(connect()) as own:
            return trim_cache(budget, own, protected)
    contents = engine_contents(client)
    before, removed = contents.usage(), 0
    for _ in range(MAX_ROUNDS):
        excess = contents.usage().cache_bytes - budget
        chosen = oldest_first(contents, excess, protected) if excess > 0 else []
        if not chosen:
            break
        children = _children(contents.records)
        removed += sum(_remove(client, candidate, children) for candidate in chosen)
        contents = engine_contents(client)
    return TrimResult(budget, before, contents.usage(), removed)


def _children(records: tuple[CacheRecord, ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for record in records:
        found.setdefault(record.parent, []).append(record.id)
    return found


def _remove(
    client: docker.DockerClient, candidate: Candidate, children: dict[str, list[str]]
) -> bool:
    """True when the engine removed it; in use or gone meanwhile is no error. A record goes
    after the records built on it (a later step of the same build: usually empty)."""
    with contextlib.suppress(DockerException):
        if isinstance(candidate, UntaggedImage):
            client.api.remove_image(candidate.id, noprune=False)
            return True
        return _prune(client, candidate.id, children)
    return False


def _prune(client: docker.DockerClient, record: str, children: dict[str, list[str]]) -> bool:
    for child in children.get(record, []):
        _prune(client, child, children)
    done = client.api.prune_builds(filters={"id": record}, all=True)
    return bool(done.get("CachesDeleted"))
