"""Recordings: a real run set survives a save and a load, and knows when its files moved on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layerlab.cache.reasons import FILES, Reason
from layerlab.context import BuildContext
from layerlab.layer_report import LayerReport, LayerSummary, PathSize, Waste
from layerlab.recordings import (
    Recording,
    RecordingError,
    context_digest,
    digest_problems,
    dockerfile_digest,
    load_recordings,
    save,
)
from layerlab.records import Run, Step
from layerlab.text import Text

DOCKERFILE = "FROM busybox\nCOPY app.txt /app/\nRUN rm /app/app.txt\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "app.txt").write_text("v1\n")
    (tmp_path / ".dockerignore").write_text("Dockerfile\nrecorded\nnotes.md\n")
    (tmp_path / "notes.md").write_text("not sent to the engine\n")
    return tmp_path


def a_recording(project: Path) -> Recording:
    steps = [
        Step("0", 1, "FROM busybox", 1, True, cached=True, start=0.0, end=0.1),
        Step(
            "0",
            2,
            "COPY app.txt /app/",
            2,
            False,
            cached=False,
            start=0.1,
            end=0.3,
            layer_size=3,
            log="x" * 1000,
            miss_reason=Reason(FILES, {"files": ("app.txt",)}),
            note=Text(en="stopped", ja="止めました"),
        ),
    ]
    layers = LayerReport(
        image="sha256:abc",
        size=4_000_003,
        wasted_bytes=3,
        efficiency=0.5,
        layers=[
            LayerSummary(
                0,
                "ADD file:1 in /",
                None,
                4_000_000,
                400,
                0,
                0,
                0,
                [PathSize("/bin/busybox", 1_000_000)],
            ),
            LayerSummary(
                1, "COPY file:2 in /app/", 2, 3, 1, 0, 0, 3, [PathSize("/app/app.txt", 3)]
            ),
            LayerSummary(2, "RUN /bin/sh -c rm /app/app.txt", 3, 0, 0, 0, 1, 0, []),
        ],
        waste=[Waste(1, 2, 3, 1, (PathSize("/app/app.txt", 3),))],
    )
    return Recording(
        project=project.name,
        dockerfile="Dockerfile",
        backend="classic",
        target=None,
        dockerfile_sha256=dockerfile_digest(DOCKERFILE),
        context_sha256=context_digest(BuildContext.from_dir(project)),
        recorded_at="2026-12-06T02:00:00+00:00",
        docker_version="20.10.24",
        api_version="1.41",
        buildx_version="0.13.1",
        cpus=2,
        load_average=(1.5, 1.0, 0.5),
        runs=[
            Run(
                "cold",
                "classic",
                steps,
                seconds=0.4,
                image_id="sha256:abc",
                image_size=4_000_003,
                predicted_only=False,
            )
        ],
        layers=layers,
    )


def test_a_saved_recording_loads_back_equal(project: Path) -> None:
    recording = a_recording(project)
    save(recording, project / "recorded")
    [loaded] = load_recordings(project)
    recording.runs[0].steps[1].log = "x" * 300
    assert loaded == recording
    assert loaded.source == project / "recorded" / "Dockerfile.classic.json"


def test_a_miss_reason_is_stored_as_its_key_and_parameters(project: Path) -> None:
    path = save(a_recording(project), project / "recorded")
    step = json.loads(path.read_text(encoding="utf-8"))["runs"][0]["steps"][1]
    assert step["miss_reason"] == {"key": FILES, "params": {"files": ["app.txt"]}}


def test_a_step_log_keeps_only_its_tail(project: Path) -> None:
    save(a_recording(project), project / "recorded")
    [loaded] = load_recordings(project)
    assert len(loaded.runs[0].steps[1].log) == 300


def test_the_date_label_is_the_day_it_was_recorded(project: Path) -> None:
    assert a_recording(project).date == "2026-12-06"


def test_a_project_without_recordings_has_none(project: Path) -> None:
    assert load_recordings(project) == []


def test_unchanged_files_match_their_recording(project: Path) -> None:
    assert digest_problems(a_recording(project), project) == []


def test_an_edited_dockerfile_no_longer_matches(project: Path) -> None:
    recording = a_recording(project)
    (project / "Dockerfile").write_text(DOCKERFILE + "USER nobody\n")
    assert digest_problems(recording, project) == ["Dockerfile changed since 2026-12-06"]


def test_an_edited_context_file_no_longer_matches(project: Path) -> None:
    recording = a_recording(project)
    (project / "app.txt").write_text("v2\n")
    assert digest_problems(recording, project) == [
        f"the build context of {project.name} changed since 2026-12-06"
    ]


def test_a_file_dockerignore_keeps_out_does_not_count(project: Path) -> None:
    recording = a_recording(project)
    (project / "notes.md").write_text("edited\n")
    save(recording, project / "recorded")
    assert digest_problems(recording, project) == []


def test_a_removed_dockerfile_is_reported(project: Path) -> None:
    recording = a_recording(project)
    (project / "Dockerfile").unlink()
    assert digest_problems(recording, project) == ["Dockerfile no longer exists"]


def test_a_broken_file_names_itself(project: Path) -> None:
    (project / "recorded").mkdir()
    (project / "recorded" / "Dockerfile.classic.json").write_text('{"format": 1}')
    with pytest.raises(RecordingError, match=r"Dockerfile\.classic\.json"):
        load_recordings(project)
