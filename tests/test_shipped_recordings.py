"""The recordings shipped in sample_projects/*/recorded/ describe the files beside them."""

from __future__ import annotations

import pytest

from layerlab.dockerfile import parse
from layerlab.recordings import digest_problems, load_recordings
from layerlab.sample_projects import SampleProject, load_projects

PROJECTS = load_projects()
MAX_BYTES = 200_000  # a recording is figures, not build logs


def backends(project: SampleProject, dockerfile: str) -> list[str]:
    """BuildKit always; the classic builder too unless the file uses RUN --mount."""
    text = project.read(dockerfile) or ""
    mounts = any(instruction.mounts() for instruction in parse(text).instructions)
    return ["buildkit"] if mounts else ["buildkit", "classic"]


EXPECTED = [
    (name, dockerfile, backend)
    for name, project in PROJECTS.items()
    for dockerfile in (project.dockerfile, project.before)
    if dockerfile is not None
    for backend in backends(project, dockerfile)
]
SHIPPED = [
    (name, recording)
    for name, project in PROJECTS.items()
    for recording in load_recordings(project.root)
]


def rerecord(name: str, dockerfile: str, backend: str) -> str:
    folder = f"sample_projects/{name}"
    return (
        f"layerlab experiment --project {folder} --dockerfile {folder}/{dockerfile} "
        f"--backend {backend} --record {folder}/recorded"
    )


@pytest.mark.parametrize(("name", "dockerfile", "backend"), EXPECTED)
def test_every_sample_dockerfile_is_recorded_with_each_backend_it_builds_on(
    name: str, dockerfile: str, backend: str
) -> None:
    found = [(r.dockerfile, r.backend) for r in load_recordings(PROJECTS[name].root)]
    assert (dockerfile, backend) in found, (
        f"missing; record it: {rerecord(name, dockerfile, backend)}"
    )


@pytest.mark.parametrize(("name", "recording"), SHIPPED, ids=lambda v: getattr(v, "file_name", v))
def test_a_shipped_recording_matches_its_dockerfile_and_context(name, recording) -> None:  # type: ignore[no-untyped-def]
    problems = digest_problems(recording, PROJECTS[name].root)
    hint = rerecord(name, recording.dockerfile, recording.backend)
    assert problems == [], f"{'; '.join(problems)}: record it again with `{hint}`"


@pytest.mark.parametrize(("name", "recording"), SHIPPED, ids=lambda v: getattr(v, "file_name", v))
def test_a_shipped_recording_holds_three_real_runs_and_the_image_contents(name, recording) -> None:  # type: ignore[no-untyped-def]
    assert [run.name for run in recording.runs] == ["cold", "code-edit", "deps-edit"]
    assert all(not run.predicted_only and run.error is None for run in recording.runs)
    assert all(step.cached is not None for run in recording.runs for step in run.steps)
    assert recording.layers is not None and recording.layers.layers
    assert recording.runs[0].image_size == pytest.approx(recording.layers.size, rel=0.01)
    assert recording.source is not None and recording.source.stat().st_size < MAX_BYTES
