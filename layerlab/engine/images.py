"""Images a rebuild replaces.

An experiment tags its builds `<prefix>:cold`, `:code-edit` and `:deps-edit`. Running it again
moves those tags to the new images and leaves the old ones dangling, where neither the session
janitor (which removes by tag) nor anyone else would find them: on a workshop day each learner's
re-runs would pile up on the engine's disk. So the ids under the tags are noted before the
builds and removed afterwards once nothing tags them any more.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from docker.errors import DockerException

from layerlab.engine.discovery import EngineUnavailable, connect


def tagged_ids(tags: Iterable[str]) -> set[str]:
    """The image ids the tags point at now (none without an engine)."""
    try:
        client = connect()
    except EngineUnavailable:
        return set()
    found = set()
    with contextlib.closing(client):
        for tag in tags:
            with contextlib.suppress(DockerException):  # not built yet, or the engine hiccuped
                found.add(client.images.get(tag).id)
    return found


def remove_untagged(ids: Iterable[str]) -> None:
    """Remove those of `ids` that no tag names any more."""
    try:
        client = connect()
    except EngineUnavailable:
        return
    with contextlib.closing(client):
        for image_id in ids:
            # Gone already, or in use by a container: nothing more to do here.
            with contextlib.suppress(DockerException):
                if not client.images.get(image_id).tags:  # tagged: rebuilt identical
                    client.images.remove(image_id, noprune=False)
