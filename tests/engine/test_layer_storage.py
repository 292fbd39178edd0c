"""The engine's overlay2 folders and its image export give the same layer report."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from docker.errors import NotFound
from real_parts import skip_or_fail

from layerlab.engine.layer_entries import OPAQUE, WHITEOUT
from layerlab.engine.layer_store import stored_layers
from layerlab.engine.layers import layer_report
from layerlab.layer_report import EXPORT, STORAGE, LayerReport

from .engine_support import build_or_fail

pytestmark = pytest.mark.engine

TAG = "layerlab-layers-test/storage:whiteouts"
# Line 2 writes files, a hard link and folders; line 3 deletes a base file and folders
# (whiteouts), overwrites a file and recreates a deleted folder (an opaque folder).
DOCKERFILE = """FROM busybox
RUN mkdir -p /data/keep /data/gone && head -c 300000 /dev/urandom > /data/gone/big \\
 && head -c 2000 /dev/urandom > /data/keep/a && ln /data/keep/a /data/keep/b && echo 1 > /data/over
RUN rm -rf /bin/vi /data/gone /data/keep && mkdir /data/keep && echo new > /data/keep/c \\
 && head -c 5000 /dev/urandom > /data/over
"""


@pytest.fixture(scope="module")
def reports(docker_client, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[LayerReport]]:
    context = tmp_path_factory.mktemp("storage")
    (context / "Dockerfile").write_text(DOCKERFILE)
    build_or_fail(context, "Dockerfile", None, TAG)
    if stored_layers(docker_client.api.inspect_image(TAG)) is None:
        skip_or_fail("the engine's overlay2 folders are not readable here (not root, not local)")
    yield [layer_report(docker_client, TAG, read_from=way) for way in (STORAGE, EXPORT)]
    with contextlib.suppress(NotFound):
        docker_client.images.remove(TAG, force=True, noprune=True)


def test_storage_and_export_give_the_same_report(reports: list[LayerReport]) -> None:
    stored, exported = reports
    assert (stored.read_from, exported.read_from) == (STORAGE, EXPORT)
    assert stored == exported  # every layer's counts, sizes, largest paths, and all the waste


def test_the_image_has_what_makes_the_comparison_count(reports: list[LayerReport]) -> None:
    _, written, cleanup = reports[0].layers
    assert written.size == 300000 + 2000 + 2  # the hard link /data/keep/b adds no bytes
    # Deleted: /bin/vi, /data/gone/big, /data/keep/a and b; changed /data/over; added keep/c.
    assert (cleanup.deleted, cleanup.changed, cleanup.added) == (4, 1, 1)
    assert written.wasted_bytes == 300000 + 2000 + 2


def test_the_cleanup_layer_holds_whiteouts_and_an_opaque_folder(
    docker_client, reports: list[LayerReport]
) -> None:
    stored = stored_layers(docker_client.api.inspect_image(TAG))
    assert stored is not None
    cleanup = stored[0][2]
    assert {("bin/vi", 0, WHITEOUT), ("data/gone", 0, WHITEOUT)} <= set(cleanup)
    assert ("data/keep", 0, OPAQUE) in cleanup
