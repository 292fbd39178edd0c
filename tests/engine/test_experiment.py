"""The cache experiment on a real engine: prediction equals reality, both backends.

Each case (a sample project's Dockerfile on a backend) runs its experiment (a cold build
without cache, a code edit, a dependency edit) twice in a row on the same engine, without
pruning anything, and the predictor must call every step of every run, cold runs included.
The predictor learns what earlier experiments built (a history per backend, as the app's job
queue keeps one), so on BuildKit the second run's dependency edit is a hit it predicts.

BuildKit's cache is content-addressed and outlives images: an engine that ran these samples in
an earlier session already holds this session's dependency edits. So on BuildKit each case
first runs once unchecked, to bring the engine to a state the history knows; the classic
builder's cold run makes new images for every step, so earlier sessions cannot reach it.
"""

from __future__ import annotations

import contextlib
import json
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from docker.errors import ImageNotFound

from layerlab.cache import CacheState
from layerlab.cache.plan import declared_target
from layerlab.cache.reasons import EARLIER, FILES, ON_ENGINE, Reason
from layerlab.cli import main
from layerlab.dockerfile import parse
from layerlab.engine.discovery import buildx_available
from layerlab.engine.experiment import (
    Experiment,
    ExperimentSpec,
    run_experiment,
)
from layerlab.engine.outcome import Cancel
from layerlab.engine.probe import probe_image
from layerlab.lab.summary import run_problems
from layerlab.records import Run

from .engine_support import SAMPLES, mini_spec

pytestmark = pytest.mark.engine

CASES = [
    ("django-uwsgi", "Dockerfile.before", "classic"),
    ("django-uwsgi", "Dockerfile", "classic"),
    ("django-uwsgi", "Dockerfile.before", "buildkit"),
    ("django-uwsgi", "Dockerfile", "buildkit"),
    ("fastapi-uv", "Dockerfile", "buildkit"),  # RUN --mount: BuildKit only
]
Case = tuple[str, str, str]


def _spec(project: str, dockerfile: str, backend: str, **extra: object) -> ExperimentSpec:
    root = SAMPLES / project
    declared = tomllib.loads((root / "layerlab.toml").read_text())
    text = (root / dockerfile).read_text()
    return ExperimentSpec(
        project=root,
        dockerfile_text=text,
        backend=backend,
        target=declared_target(parse(text), declared["project"].get("target")),
        code_files=tuple(declared["edits"]["code"]),
        deps_swaps=declared["edits"]["deps"],
        # One prefix per case: a re-run under the same tags removes the older images.
        tag_prefix=f"layerlab-test/experiment-{project}-{backend}-{dockerfile.lower()}",
        **extra,  # type: ignore[arg-type]
    )


def _require(backend: str) -> None:
    if backend == "buildkit" and not buildx_available():
        pytest.fail("docker buildx is missing: the BuildKit backend cannot be tested")


@pytest.fixture(scope="session")
def experiments(docker_client) -> Callable[[str, str, str], list[Experiment]]:
    """The two checked experiments of a case, run once per session."""
    done: dict[Case, list[Experiment]] = {}
    history = {"classic": CacheState(), "buildkit": CacheState()}

    def run(case: Case) -> Experiment:
        experiment = run_experiment(_spec(*case), history=history[case[2]])
        assert not experiment.failed, [run.error for run in experiment.runs]
        return experiment

    def get(project: str, dockerfile: str, backend: str) -> list[Experiment]:
        case = (project, dockerfile, backend)
        if case not in done:
            _require(backend)
            if backend == "buildkit":
                run(case)  # unchecked: whatever earlier sessions left is now known
            done[case] = [run(case), run(case)]
        return done[case]

    return get


def _run(experiment: Experiment, name: str) -> Run:
    return next(run for run in experiment.runs if run.name == name)


def _install_steps(run: Run) -> list:
    return [s for s in run.steps if s.instruction.startswith("RUN") and " install" in s.instruction]


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_code_edit_keeps_the_dependency_install_cached_in_the_final_design(
    experiments, backend: str
) -> None:
    first = experiments("django-uwsgi", "Dockerfile", backend)[0]
    installs = _install_steps(_run(first, "code-edit"))
    assert installs and all(step.cached for step in installs)


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_code_edit_reruns_the_dependency_install_in_the_before_design(
    experiments, backend: str
) -> None:
    first = experiments("django-uwsgi", "Dockerfile.before", backend)[0]
    installs = _install_steps(_run(first, "code-edit"))
    assert installs and not any(step.cached for step in installs)
    assert all(step.miss_reason.key == EARLIER for step in installs)


@pytest.mark.parametrize(("project", "dockerfile", "backend"), CASES)
def test_prediction_equals_reality_for_every_step_of_every_run_twice(
    experiments, project: str, dockerfile: str, backend: str
) -> None:
    for attempt, experiment in enumerate(experiments(project, dockerfile, backend), 1):
        for run in experiment.runs:
            real = [(s.instruction, s.cached) for s in run.steps]
            predicted = [(s.instruction, s.predicted_cached) for s in run.steps]
            assert real == predicted, f"experiment {attempt}, {run.name}"


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_a_repeated_experiment_shows_the_code_edit_miss_again(experiments, backend: str) -> None:
    second = experiments("django-uwsgi", "Dockerfile", backend)[1]
    copies = [s for s in _run(second, "code-edit").steps if s.instruction == "COPY api ./api"]
    assert copies and copies[0].cached is False
    assert copies[0].miss_reason == Reason(FILES, {"files": ("api/views.py",)})


def test_a_dependency_edit_built_before_is_labelled_an_earlier_builds_hit(experiments) -> None:
    # BuildKit only: on the classic builder the cold run's new images put it out of reach.
    second = experiments("django-uwsgi", "Dockerfile", "buildkit")[1]
    deps = _run(second, "deps-edit").steps
    installs = [s for s in deps if "install" in s.instruction and "requirements" in s.instruction]
    assert installs and all(step.cached for step in installs)
    assert all(step.miss_reason == Reason(ON_ENGINE) for step in installs)


@pytest.mark.parametrize(("project", "dockerfile", "backend"), CASES)
def test_layer_sizes_add_up_to_the_image_size(
    experiments, project: str, dockerfile: str, backend: str
) -> None:
    for run in experiments(project, dockerfile, backend)[0].runs:
        sizes = [s.layer_size for s in run.steps if s.layer_size is not None]
        assert run.image_size and sum(sizes) == run.image_size


def _mini_project(tmp_path: Path, dockerfile: str) -> ExperimentSpec:
    (tmp_path / ".dockerignore").write_text(".git\n")
    return mini_spec(tmp_path, dockerfile, "layerlab-test/mini", time_limit=60)


def _containers(docker_client) -> set[str]:
    """Stopped or never-started containers: what a failed or cancelled build would leave."""
    leftovers = docker_client.containers.list(all=True, filters={"status": "exited"})
    leftovers += docker_client.containers.list(all=True, filters={"status": "created"})
    return {c.id for c in leftovers}


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_a_failing_run_is_reported_with_its_step_and_log(
    docker_client, tmp_path: Path, backend: str
) -> None:
    _require(backend)
    before = _containers(docker_client)
    spec = _mini_project(tmp_path, "FROM busybox\nCOPY app.txt /\nRUN echo boom && exit 3\n")
    run = run_experiment(ExperimentSpec(**{**spec.__dict__, "backend": backend})).runs[0]
    failed = [s for s in run.steps if s.error]
    assert run.error and [s.line for s in failed] == [3]
    assert "boom" in failed[0].log
    assert _containers(docker_client) == before


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_cancel_stops_the_build_and_leaves_no_container(
    docker_client, tmp_path: Path, backend: str
) -> None:
    _require(backend)
    before = _containers(docker_client)
    spec = _mini_project(tmp_path, "FROM busybox\nRUN sleep 120\n")
    cancel = Cancel()
    first_update: list[bool] = []

    def on_update(runs: list[Run]) -> None:
        if any(s.start is not None for s in runs[0].steps[1:]) and not first_update:
            first_update.append(True)
            cancel.set()

    started = time.monotonic()
    experiment = run_experiment(
        ExperimentSpec(**{**spec.__dict__, "backend": backend}), cancel=cancel, on_update=on_update
    )
    assert "cancelled" in (experiment.runs[0].error or "")
    # Stopped, not waited out: the cancel lands as the step starts, before its container does.
    assert time.monotonic() - started < 60
    assert _containers(docker_client) == before


def test_time_limit_stops_the_build_and_leaves_no_container(docker_client, tmp_path: Path) -> None:
    before = _containers(docker_client)
    spec = _mini_project(tmp_path, "FROM busybox\nRUN sleep 120\n")
    experiment = run_experiment(ExperimentSpec(**{**spec.__dict__, "time_limit": 3}))
    assert "time limit" in (experiment.runs[0].error or "")
    assert _containers(docker_client) == before


def test_a_dockerfile_the_engine_cannot_parse_comes_back_with_its_line(
    docker_client, tmp_path: Path
) -> None:
    spec = _mini_project(tmp_path, "FROM busybox\nECHO hi\n")
    run = run_experiment(spec).runs[0]
    assert run.error_line == 2 and "unknown instruction" in (run.error or "").lower()


def test_an_engine_parse_error_comes_with_the_linters_finding_on_its_line(
    docker_client, tmp_path: Path
) -> None:
    spec = _mini_project(tmp_path, "FROM busybox\nECHO hi\n")
    (problem,) = run_problems(run_experiment(spec).runs, spec.dockerfile_text)
    assert [(f.code, f.line) for f in problem.findings] == [("LL001", 2)]


def test_the_prod_image_answers_json_as_a_non_root_user(experiments, docker_client) -> None:
    # The latest experiment's image: a re-run under the same tags removed the first one's.
    experiment = experiments("django-uwsgi", "Dockerfile", "classic")[-1]
    image = experiment.runs[-1].image_id
    result = probe_image(docker_client, image, 8000, "/api/health/")
    assert result.answered, result.message
    assert result.non_root


def _cli_experiment(tmp_path: Path, dockerfile: str, capsys) -> tuple[int, dict]:
    (tmp_path / "app.txt").write_text("v1\n")
    (tmp_path / "Dockerfile").write_text(dockerfile)
    argv = ["experiment", "--project", str(tmp_path), "--dockerfile", str(tmp_path / "Dockerfile")]
    code = main([*argv, "--backend", "classic", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_the_cli_experiment_exits_0_with_real_cache_flags(docker_client, tmp_path, capsys) -> None:
    code, data = _cli_experiment(
        tmp_path, "FROM busybox\nCOPY app.txt /\nRUN cat /app.txt\n", capsys
    )
    assert code == 0
    assert [s["cached"] for s in data["runs"][1]["steps"]] == [True, True, True]


def test_the_cli_experiment_exits_1_with_the_error_in_the_json(
    docker_client, tmp_path, capsys
) -> None:
    code, data = _cli_experiment(tmp_path, "FROM busybox\nRUN exit 3\n", capsys)
    assert code == 1
    assert "non-zero code: 3" in data["runs"][0]["error"]


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_running_the_experiment_again_leaves_no_dangling_image(
    docker_client, tmp_path: Path, backend: str
) -> None:
    # The second run moves the tags; the first run's images must not stay behind untagged.
    _require(backend)
    spec = mini_spec(
        tmp_path,
        "FROM busybox\nCOPY app.txt /\nRUN cat /app.txt\n",
        f"layerlab-test/rerun-{backend}",
        backend=backend,
        time_limit=60,
    )
    first = run_experiment(spec)
    second = run_experiment(spec)
    assert not first.failed and not second.failed
    left = {image.id: image.tags for image in docker_client.images.list(all=True)}
    untagged = [run.image_id for run in first.runs if left.get(run.image_id or "") == []]
    for run in second.runs:
        with contextlib.suppress(ImageNotFound):
            docker_client.images.remove(f"{spec.tag_prefix}:{run.name}")
    assert untagged == []
