"""Record a real cache experiment with the facts that make its figures mean something:
which engine and builder, how many CPUs and how busy, when, and from exactly which files."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from layerlab.context import BuildContext
from layerlab.dockerfile import parse
from layerlab.engine.discovery import connect
from layerlab.engine.experiment import ExperimentSpec, run_experiment
from layerlab.engine.layers import run_layer_report
from layerlab.recordings import Recording, context_digest, dockerfile_digest

BUILDX_VERSION = re.compile(r"\bv?(\d+\.\d+\.\d+)")


def record(spec: ExperimentSpec, dockerfile: str) -> Recording:
    """Runs the experiment of `spec` for real; `dockerfile` is its path inside the project."""
    load_average = os.getloadavg()
    recorded_at = datetime.now(UTC).isoformat(timespec="seconds")
    experiment = run_experiment(spec)
    client = connect()
    with contextlib.closing(client):
        version = client.version()
    layers = run_layer_report(experiment.runs[0], parse(spec.dockerfile_text), spec.target)
    return Recording(
        project=Path(spec.project).name,
        dockerfile=dockerfile,
        backend=spec.backend,
        target=spec.target,
        dockerfile_sha256=dockerfile_digest(spec.dockerfile_text),
        context_sha256=context_digest(BuildContext.from_dir(spec.project)),
        recorded_at=recorded_at,
        docker_version=str(version.get("Version", "?")),
        api_version=str(version.get("ApiVersion", "?")),
        buildx_version=buildx_version(),
        cpus=os.cpu_count() or 1,
        load_average=(load_average[0], load_average[1], load_average[2]),
        runs=experiment.runs,
        layers=layers,
    )


def buildx_version() -> str | None:
    """ "0.13.1" from `docker buildx version`; None without the plugin."""
    try:
        done = subprocess.run(
            ["docker", "buildx", "version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = BUILDX_VERSION.search(done.stdout) if done.returncode == 0 else None
    return found.group(1) if found else None
