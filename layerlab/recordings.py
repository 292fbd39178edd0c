"""Recorded real runs: what the lab shows when it cannot build.

`layerlab experiment --record DIR` builds a project's Dockerfile for real and stores the run
set here as one small JSON file per Dockerfile and backend
(`sample_projects/<project>/recorded/<dockerfile>.<backend>.json`). Each recording carries the
sha256 of the Dockerfile and of the build context it came from, so a test (and the lab) can
tell when the files moved on and the figures no longer describe them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from layerlab.cache.reasons import Reason
from layerlab.context import BuildContext
from layerlab.layer_report import LayerReport
from layerlab.records import Run, Step
from layerlab.text import Text

FORMAT_VERSION = 2  # 2: miss reasons as a key and parameters
FOLDER = "recorded"  # inside a project folder; its .dockerignore keeps it out of builds
LOG_TAIL = 300  # characters of a step's log kept: enough for an error, not a build log


class RecordingError(ValueError):
    """A recording that cannot be read; the message names the file."""


@dataclass
class Recording:
    project: str  # the project folder's name: "django-uwsgi"
    dockerfile: str  # relative to the project: "Dockerfile.before"
    backend: str  # "classic" or "buildkit"
    target: str | None
    dockerfile_sha256: str
    context_sha256: str  # files after .dockerignore (see context_digest)
    recorded_at: str  # ISO 8601, UTC
    docker_version: str  # the engine's: "20.10.24"
    api_version: str
    buildx_version: str | None  # None when buildx was not there
    cpus: int
    load_average: tuple[float, float, float]  # 1, 5 and 15 minutes, when the runs started
    runs: list[Run]  # cold, code-edit, deps-edit
    layers: LayerReport | None = None  # the cold run's image
    format: int = FORMAT_VERSION
    source: Path | None = field(default=None, compare=False)  # the file it was loaded from

    @property
    def date(self) -> str:
        """The day it was recorded, for labels: "2026-12-06"."""
        return datetime.fromisoformat(self.recorded_at).date().isoformat()

    @property
    def file_name(self) -> str:
        return f"{self.dockerfile}.{self.backend}.json"

    def run(self, name: str) -> Run | None:
        return next((run for run in self.runs if run.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "project": self.project,
            "dockerfile": self.dockerfile,
            "backend": self.backend,
            "target": self.target,
            "dockerfile_sha256": self.dockerfile_sha256,
            "context_sha256": self.context_sha256,
            "recorded_at": self.recorded_at,
            "docker_version": self.docker_version,
            "api_version": self.api_version,
            "buildx_version": self.buildx_version,
            "cpus": self.cpus,
            "load_average": list(self.load_average),
            "runs": [_run_dict(run) for run in self.runs],
            "layers": self.layers.to_record() if self.layers else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recording:
        if data.get("format") != FORMAT_VERSION:
            raise RecordingError(f"format {data.get('format')!r}, expected {FORMAT_VERSION}")
        fields = {f.name for f in dataclasses.fields(cls)} - {"source"}
        values = {key: data[key] for key in fields}
        values["load_average"] = tuple(data["load_average"])
        values["runs"] = [_run_from_dict(run) for run in data["runs"]]
        values["layers"] = LayerReport.from_record(data["layers"]) if data["layers"] else None
        return cls(**values)


def dockerfile_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def context_digest(context: BuildContext) -> str:
    """sha256 over every file a build receives (after .dockerignore): path and content."""
    digest = hashlib.sha256()
    for path in context.included:
        digest.update(f"{path}\0{context.checksum(path)}\n".encode())
    return digest.hexdigest()


def save(recording: Recording, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / recording.file_name
    text = json.dumps(recording.to_dict(), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def load(path: Path) -> Recording:
    try:
        recording = Recording.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RecordingError(f"{path}: not a LayerLab recording ({exc})") from exc
    recording.source = path
    return recording


def load_recordings(project_dir: Path) -> list[Recording]:
    """The project's recordings, by Dockerfile then backend; none when it has no folder."""
    folder = Path(project_dir) / FOLDER
    if not folder.is_dir():
        return []
    recordings = [load(path) for path in sorted(folder.glob("*.json"))]
    return sorted(recordings, key=lambda r: (r.dockerfile, r.backend))


def digest_problems(recording: Recording, project_dir: Path) -> list[str]:
    """Why the recording no longer describes the project's files; empty when it does."""
    project_dir = Path(project_dir)
    dockerfile = project_dir / recording.dockerfile
    if not dockerfile.is_file():
        return [f"{recording.dockerfile} no longer exists"]
    problems = []
    if dockerfile_digest(dockerfile.read_text(encoding="utf-8")) != recording.dockerfile_sha256:
        problems.append(f"{recording.dockerfile} changed since {recording.date}")
    if context_digest(BuildContext.from_dir(project_dir)) != recording.context_sha256:
        problems.append(f"the build context of {recording.project} changed since {recording.date}")
    return problems


def _run_dict(run: Run) -> dict[str, Any]:
    data = dataclasses.asdict(run)
    for step in data["steps"]:
        step["log"] = step["log"][-LOG_TAIL:]
    return data


def _run_from_dict(data: dict[str, Any]) -> Run:
    return Run(**{**data, "steps": [_step_from_dict(step) for step in data["steps"]]})


def _step_from_dict(data: dict[str, Any]) -> Step:
    reason, note = data["miss_reason"], data.get("note")  # recordings before notes have none
    return Step(
        **{
            **data,
            "miss_reason": Reason.from_dict(reason) if reason else None,
            "note": Text(**note) if note else None,
        }
    )
