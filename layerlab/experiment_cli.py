"""`layerlab experiment`: the cache experiment from the command line, as JSON."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from layerlab.records import BACKEND_CHOICES

if TYPE_CHECKING:
    from layerlab.engine.experiment import Experiment, ExperimentSpec
    from layerlab.sample_projects import SampleProject

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "experiment",
        help="cold build, code edit, dependency edit: which steps hit the cache, and why",
    )
    parser.add_argument("--project", required=True, metavar="DIR", help="a sample project")
    parser.add_argument("--dockerfile", required=True, metavar="FILE")
    parser.add_argument("--target", metavar="T", help="stage to build (default: the project's)")
    parser.add_argument("--backend", choices=BACKEND_CHOICES, default="auto")
    parser.add_argument("--predict-only", action="store_true", help="no engine: predict only")
    parser.add_argument("--json", action="store_true", help="print the runs as JSON")
    parser.add_argument(
        "--record",
        metavar="DIR",
        help="build for real and store the run set in DIR (e.g. the project's recorded/)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: `layerlab lint` must start fast, without the Docker SDK.
    from layerlab.cache import PlanError
    from layerlab.dockerfile import DockerfileInputError
    from layerlab.engine.discovery import EngineUnavailable
    from layerlab.engine.experiment import run_experiment
    from layerlab.engine.limits import ContextTooLarge
    from layerlab.sample_projects import SampleProjectError

    if args.record and args.predict_only:
        print(
            "layerlab experiment: --record needs real builds, not --predict-only", file=sys.stderr
        )
        return EXIT_USAGE
    try:
        spec = _spec(args)
        if args.record:
            return _record(spec, args)
        result = run_experiment(spec, predict_only=args.predict_only)
    except (
        OSError,
        SampleProjectError,
        DockerfileInputError,
        PlanError,
        EngineUnavailable,
        ContextTooLarge,
    ) as exc:
        print(f"layerlab experiment: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in _summary(result):
            print(line)
    return EXIT_FAILED if result.failed else EXIT_OK


def _record(spec: ExperimentSpec, args: argparse.Namespace) -> int:
    from layerlab.engine.recorder import record
    from layerlab.recordings import save

    dockerfile = Path(args.dockerfile).resolve()
    project = Path(args.project).resolve()
    name = (
        str(dockerfile.relative_to(project))
        if dockerfile.is_relative_to(project)
        else dockerfile.name
    )
    recording = record(spec, name)
    path = save(recording, Path(args.record))
    failed = any(run.error for run in recording.runs)
    print(f"{path}: {len(recording.runs)} runs{', FAILED' if failed else ''}")
    return EXIT_FAILED if failed else EXIT_OK


def _spec(args: argparse.Namespace) -> ExperimentSpec:
    from layerlab.engine.experiment import ExperimentSpec
    from layerlab.sample_projects import SampleProjectError, load_project

    if not Path(args.project).is_dir():
        raise SampleProjectError(f"--project {args.project}: not a folder")
    project = load_project(Path(args.project))
    text = Path(args.dockerfile).read_text(encoding="utf-8")
    backend = _backend(args.backend, args.predict_only)
    return ExperimentSpec(
        project=Path(args.project),
        dockerfile_text=text,
        backend=backend,
        target=args.target or _default_target(project, Path(args.dockerfile)),
        code_files=project.code_files,
        deps_swaps=dict(project.deps_swaps),
        tag_prefix=_tag_prefix(args, backend),
    )


def _default_target(project: SampleProject, dockerfile: Path) -> str | None:
    """The project's target belongs to its reference Dockerfile, not to its "before" file."""
    if project.dockerfile is None or not dockerfile.exists():
        return project.target
    reference = project.root / project.dockerfile
    return project.target if dockerfile.resolve() == reference.resolve() else None


def _tag_prefix(args: argparse.Namespace, backend: str) -> str:
    """Recordings get tags of their own: two recordings never replace each other's images."""
    if not args.record:
        return "layerlab/cli"
    name = f"{Path(args.project).name}-{Path(args.dockerfile).name}-{backend}".lower()
    return "layerlab-record/" + re.sub(r"[^a-z0-9._-]", "-", name)


def _backend(choice: str, predict_only: bool) -> str:
    """The engine status resolves the choice; a real build needs an engine."""
    from layerlab.engine.discovery import EngineStatus, EngineUnavailable, buildx_available, status

    if predict_only:
        return EngineStatus(False, "", buildx_available()).backend(choice)
    found = status()
    if not found.available:
        raise EngineUnavailable(found.message)
    return found.backend(choice)


def _summary(experiment: Experiment) -> list[str]:
    lines = [f"backend: {experiment.backend}"]
    for run in experiment.runs:
        counted = [step for step in run.steps if step.can_hit]
        hits = sum(step.hit for step in counted)
        seconds = f"{run.seconds:.1f} s" if run.seconds is not None else "predicted"
        lines.append(f"{run.name}: {hits}/{len(counted)} steps cached, {seconds}")
        lines += [
            f"  line {s.line} {s.instruction[:60]}: {s.miss_reason}"
            for s in run.steps
            if s.miss_reason
        ]
        if run.error:
            lines.append(f"  error: {run.error}")
    return lines
