"""`layerlab experiment --record` on a real engine: a run set that loads back and matches."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from docker.errors import NotFound

from layerlab.cli import main
from layerlab.recordings import digest_problems, load_recordings

pytestmark = pytest.mark.engine

DOCKERFILE = "FROM busybox\nCOPY app.txt /app/\nRUN rm /app/app.txt\n"


@pytest.fixture
def project(tmp_path: Path, docker_client) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "layers-rec"
    folder.mkdir()
    (folder / "Dockerfile").write_text(DOCKERFILE)
    (folder / "app.txt").write_text("x" * 5000)
    (folder / ".dockerignore").write_text("Dockerfile\nrecorded\n")
    yield folder
    for run in ("cold", "code-edit", "deps-edit"):
        with contextlib.suppress(NotFound):
            docker_client.images.remove(f"layerlab-record/layers-rec-dockerfile-classic:{run}")


def test_a_recorded_run_set_loads_back_and_matches_its_files(project: Path) -> None:
    argv = ["experiment", "--project", str(project), "--dockerfile", str(project / "Dockerfile")]
    assert main([*argv, "--backend", "classic", "--record", str(project / "recorded")]) == 0
    [recording] = load_recordings(project)
    assert (recording.dockerfile, recording.backend, recording.cpus > 0) == (
        "Dockerfile",
        "classic",
        True,
    )
    assert recording.docker_version.startswith("20.10")
    assert [step.cached for step in recording.runs[0].steps][1:] == [False, False]
    assert [step.cached for step in recording.runs[1].steps][1:] == [True, True]
    assert recording.layers is not None
    [waste] = recording.layers.waste
    assert (waste.bytes, recording.layers.layers[waste.removed_in].line) == (5000, 3)
    assert digest_problems(recording, project) == []
