"""Every Dockerfile under sample_projects/ builds on the engine (BuildKit ones with buildx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .engine_support import SAMPLES

DOCKERFILES = sorted(path for path in SAMPLES.glob("*/Dockerfile*") if path.is_file())

pytestmark = pytest.mark.engine


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_dockerfile_builds(images, docker_client, dockerfile: Path) -> None:
    tag = images.build(dockerfile.parent, dockerfile.name)
    assert docker_client.images.get(tag).attrs["Size"] > 0
