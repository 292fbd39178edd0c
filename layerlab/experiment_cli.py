"""`layerlab experiment`: the cache experiment from the command line, as JSON."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from layerlab.records import BACKEND_CHOICES
from layerlab.text import LANGUAGES

if TYPE_CHECKING:
    from layerlab.engine.experiment import Experiment, ExperimentSpec

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
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="en", help="language of notices and miss reasons"
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
    from layerlab.workshop.config import ConfigError

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
        ConfigError,
        BackendRefused,
    ) as exc:
        print(f"layerlab experiment: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in _summary(result, args.lang):
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
    from layerlab.cache.plan import declared_target
    from layerlab.dockerfile import parse
    from layerlab.engine.experiment import ExperimentSpec
    from layerlab.sample_projects import SampleProjectError, load_project

    if not Path(args.project).is_dir():
        raise SampleProjectError(f"--project {args.project}: not a folder")
    project = load_project(Path(args.project))
    text = Path(args.dockerfile).read_text(encoding="utf-8")
    # An explicit --target stays as asked (a missing stage is an error); the project's own
    # target applies only to a Dockerfile that has that stage.
    target = args.target or declared_target(parse(text), project.target)
    backend = _backend(args.backend, args.predict_only, args.lang)
    return ExperimentSpec(
        project=Path(args.project),
        dockerfile_text=text,
        backend=backend,
        target=target,
        code_files=project.code_files,
        deps_swaps=dict(project.deps_swaps),
        tag_prefix=_tag_prefix(args, backend),
    )


def _tag_prefix(args: argparse.Namespace, backend: str) -> str:
    """Recordings get tags of their own: two recordings never replace each other's images."""
    if not args.record:
        return "layerlab/cli"
    name = f"{Path(args.project).name}-{Path(args.dockerfile).name}-{backend}".lower()
    return "layerlab-record/" + re.sub(r"[^a-z0-9._-]", "-", name)


class BackendRefused(RuntimeError):
    """BuildKit was asked for, but nothing on this host can cap its builds."""


def _backend(choice: str, predict_only: bool, lang: str) -> str:
    """auto: BuildKit when buildx is there and its caps hold, else the classic builder."""
    from layerlab.engine.discovery import (
        EngineUnavailable,
        buildx_available,
        choose_backend,
        status,
    )

    if predict_only:  # nothing is built: predict for the backend buildx would give
        if choice != "auto":
            return choice
        return "buildkit" if buildx_available() else "classic"
    found = status()
    if not found.available:
        raise EngineUnavailable(found.message)
    backend, refusal = choose_backend(choice, found)
    if refusal is not None and choice == "buildkit":
        raise BackendRefused(refusal(lang))
    if refusal is not None:
        print(f"layerlab experiment: {refusal(lang)}", file=sys.stderr)
    return backend


def _summary(experiment: Experiment, lang: str) -> list[str]:
    lines = [f"backend: {experiment.backend}"]
    for run in experiment.runs:
        counted = [step for step in run.steps if step.can_hit]
        hits = sum(step.hit for step in counted)
        seconds = f"{run.seconds:.1f} s" if run.seconds is not None else "predicted"
        lines.append(f"{run.name}: {hits}/{len(counted)} steps cached, {seconds}")
        lines += [
            f"  line {s.line} {s.instruction[:60]}: {s.miss_reason.text(lang)}"
            for s in run.steps
            if s.miss_reason
        ]
        if run.error:
            lines.append(f"  error: {run.error}")
    return lines
