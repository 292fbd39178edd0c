"""What the engine's disk holds: build cache and images, in one record.

Two kinds of cache grow with every build: BuildKit's cache records (`docker buildx du`, the
API's /system/df BuildCache) and the images no tag names any more: the classic builder's
intermediate layers and the images a rebuild moved a tag away from. Tagged images (base images,
sessions' builds) are counted apart: the cache budget never touches them.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import docker
from docker.errors import APIError

from layerlab.engine.buildkit import timestamp
from layerlab.engine.discovery import connect

UNTAGGED = "<none>:<none>"
DF_PATIENCE = 30.0  # seconds to wait while another disk usage count runs


@dataclass(frozen=True)
class CacheRecord:
    """One BuildKit cache record."""

    id: str
    size: int
    last_used: float  # POSIX seconds
    in_use: bool
    parent: str = ""  # a record built on another keeps it until the child goes


@dataclass(frozen=True)
class UntaggedImage:
    """An image no tag names: a classic build's layer, or an image a rebuild replaced."""

    id: str
    size: int  # what its own layer adds to its parent
    created: float
    leaf: bool  # no other image is built on it: it can be removed on its own


@dataclass(frozen=True)
class EngineUsage:
    build_cache_bytes: int  # BuildKit's cache records
    build_cache_records: int
    untagged_bytes: int  # images no tag names (the classic builder's cache included)
    untagged_images: int
    image_bytes: int  # every image layer on the engine, each counted once
    tagged_images: int

    @property
    def cache_bytes(self) -> int:
        """What the cache budget bounds: BuildKit's records and the untagged images."""
        return self.build_cache_bytes + self.untagged_bytes

    def to_dict(self) -> dict[str, int]:
        return {
            "build_cache_bytes": self.build_cache_bytes,
            "build_cache_records": self.build_cache_records,
            "untagged_bytes": self.untagged_bytes,
            "untagged_images": self.untagged_images,
            "image_bytes": self.image_bytes,
            "tagged_images": self.tagged_images,
            "cache_bytes": self.cache_bytes,
        }


@dataclass(frozen=True)
class EngineContents:
    """The records behind EngineUsage; the cache budget picks what to remove from them."""

    records: tuple[CacheRecord, ...]
    untagged: tuple[UntaggedImage, ...]
    image_bytes: int
    tagged_images: int

    def usage(self) -> EngineUsage:
        return EngineUsage(
            build_cache_bytes=sum(record.size for record in self.records),
            build_cache_records=len(self.records),
            untagged_bytes=sum(image.size for image in self.untagged),
            untagged_images=len(self.untagged),
            image_bytes=self.image_bytes,
            tagged_images=self.tagged_images,
        )


def engine_usage(client: docker.DockerClient | None = None) -> EngineUsage:
    """The engine's cache and image usage now; raises EngineUnavailable without an engine."""
    return engine_contents(client).usage()


def engine_contents(client: docker.DockerClient | None = None) -> EngineContents:
    if client is None:
        with contextlib.closing(connect()) as own:
            return engine_contents(own)
    df = _disk_usage(client)
    images = client.api.images(all=True)
    return EngineContents(
        records=tuple(cache_records(df.get("BuildCache") or [])),
        untagged=tuple(untagged_images(images)),
        image_bytes=int(df.get("LayersSize") or 0),
        tagged_images=sum(1 for image in images if _tags(image)),
    )


def _disk_usage(client: docker.DockerClient) -> dict[str, object]:
    """/system/df, which the engine runs once at a time: wait for another caller's turn."""
    deadline = time.monotonic() + DF_PATIENCE
    while True:
        try:
            return client.api.df()
        except APIError as exc:
            if "already running" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def cache_records(rows: Sequence[Mapping[str, object]]) -> list[CacheRecord]:
    return [
        CacheRecord(
            id=str(row["ID"]),
            size=int(row.get("Size") or 0),  # type: ignore[call-overload]
            last_used=_seconds(str(row.get("LastUsedAt") or row.get("CreatedAt") or "")),
            in_use=bool(row.get("InUse")),
            parent=str(row.get("Parent") or ""),
        )
        for row in rows
    ]


def untagged_images(rows: Sequence[Mapping[str, object]]) -> list[UntaggedImage]:
    """Untagged images with the size of their own layer (an image's Size includes its
    parents', and the classic builder chains each step's image on the previous one)."""
    sizes = {str(row["Id"]): int(row.get("Size") or 0) for row in rows}  # type: ignore[call-overload]
    parents = {str(row.get("ParentId") or "") for row in rows}
    found = []
    for row in rows:
        if _tags(row):
            continue
        image_id, parent = str(row["Id"]), str(row.get("ParentId") or "")
        own = sizes[image_id] - sizes.get(parent, 0)
        created = float(row.get("Created") or 0)  # type: ignore[arg-type]
        found.append(UntaggedImage(image_id, max(own, 0), created, image_id not in parents))
    return found


def _tags(row: Mapping[str, object]) -> list[str]:
    return [tag for tag in row.get("RepoTags") or [] if tag != UNTAGGED]  # type: ignore[union-attr]


def _seconds(value: str) -> float:
    """RFC 3339 with nanoseconds to POSIX seconds (0 when the engine gave none)."""
    if not value:
        return 0.0
    with contextlib.suppress(ValueError):
        return timestamp(value)
    return 0.0
