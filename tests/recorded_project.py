"""A copy of the talk's sample project with recordings written for the test: known figures
for the lab's "recorded" view (real recordings come from `layerlab experiment --record`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from layerlab.context import BuildContext
from layerlab.engine.discovery import EngineStatus
from layerlab.lab.plan import Choices, Lab
from layerlab.lab.status import lab_status
from layerlab.layer_report import LayerReport, LayerSummary, PathSize, Waste
from layerlab.recordings import FOLDER, Recording, context_digest, dockerfile_digest, save
from layerlab.sample_projects import ROOT, load_projects

NAME = "django-uwsgi"
RECORDED_AT = "2026-12-01T10:00:00+00:00"
FIGURES = {  # Dockerfile -> (image bytes, seconds per executed step)
    "Dockerfile": (180_000_000, 0.5),
    "Dockerfile.before": (1_100_000_000, 19.0),
}


def recorded_samples(folder: Path, backend: str = "classic") -> Path:
    """Sample projects under `folder`: the talk's project, its two Dockerfiles recorded."""
    root = folder / NAME
    shutil.copytree(ROOT / NAME, root, ignore=shutil.ignore_patterns(FOLDER))
    project = load_projects(folder)[NAME]
    lab = Lab()
    for dockerfile, (size, seconds) in FIGURES.items():
        text = (root / dockerfile).read_text(encoding="utf-8")
        target = project.target if dockerfile == project.dockerfile else None
        choices = Choices("yours", text, target, backend, "t")
        status = lab_status(EngineStatus(False, ""), builds_enabled=False, go_given=None)
        runs = lab.plan(project, choices, status).prediction
        for run in runs:
            clock = 0.0
            for step in run.steps:
                step.cached = step.predicted_cached
                took = 0.01 if step.cached else seconds
                step.start, step.end, clock = clock, clock + took, clock + took
                step.layer_size = None if step.cached else size // len(run.steps)
            run.seconds, run.image_size, run.predicted_only = clock, size, False
        save(
            Recording(
                project=NAME,
                dockerfile=dockerfile,
                backend=backend,
                target=target,
                dockerfile_sha256=dockerfile_digest(text),
                context_sha256=context_digest(BuildContext.from_dir(root)),
                recorded_at=RECORDED_AT,
                docker_version="20.10.24",
                api_version="1.41",
                buildx_version=None,
                cpus=2,
                load_average=(0.5, 0.4, 0.3),
                runs=runs,
                layers=_layers(size) if dockerfile == "Dockerfile.before" else None,
            ),
            root / FOLDER,
        )
    return folder


def _layers(size: int) -> LayerReport:
    """The "before" image: a layer of apt lists that a later `rm` leaves in the image."""
    lists = 40_000_000
    base, apt = size - 2 * lists, lists
    return LayerReport(
        image="sha256:before",
        size=size,
        wasted_bytes=lists,
        efficiency=0.96,
        layers=[
            LayerSummary(0, "ADD file:debian in /", None, base, 9000, 0, 0, 0, []),
            LayerSummary(
                1,
                "RUN /bin/sh -c apt-get update",
                3,
                apt,
                120,
                0,
                0,
                lists,
                [PathSize("/var/lib/apt/lists/deb.debian.org_dists_main", 30_000_000)],
            ),
            LayerSummary(
                2, "RUN /bin/sh -c rm -rf /var/lib/apt/lists/*", 9, lists, 0, 0, 120, 0, []
            ),
        ],
        waste=[Waste(1, 2, lists, 120, (PathSize("/var/lib/apt/lists/deb", 30_000_000),))],
    )
