"""The cache experiment on a real engine: prediction equals reality, both backends.

Each experiment runs once per session (a cold build without cache, a code edit, a dependency
edit) and the tests read its runs. BuildKit's cache is content-addressed and outlives images,
so its experiments start from a pruned build cache: an earlier identical dependency edit would
otherwise be a hit the predictor cannot know about.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from docker.errors import ImageNotFound

from layerlab.cli import main
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

from .engine_support import mini_spec

pytestmark = pytest.mark.engine

DJANGO = Path(__file__).resolve().parents[2] / "sample_projects" / "django-uwsgi"
EDITS = tomllib.loads((DJANGO / "layerlab.toml").read_text())["edits"]
CASES = [
    ("Dockerfile.before", None, "classic"),
    ("Dockerfile", "prod", "classic"),
    ("Dockerfile.before", None, "buildkit"),
    ("Dockerfile", "prod", "buildkit"),
]


def _spec(dockerfile: str, target: str | None, backend: str, **extra: object) -> ExperimentSpec:
    return ExperimentSpec(
        project=DJANGO,
        dockerfile_text=(DJANGO / dockerfile).read_text(),
        backend=backend,
        target=target,
        code_files=tuple(EDITS["code"]),
        deps_swaps=EDITS["deps"],
        # One prefix per experiment: a re-run under the same tags removes the older images.
        tag_prefix=f"layerlab-test/experiment-{backend}-{dockerfile.lower()}-{target or 'final'}",
        **extra,  # type: ignore[arg-type]
    )


def _require(backend: str) -> None:
    if backend == "buildkit" and not buildx_available():
        pytest.fail("docker buildx is missing: the BuildKit backend cannot be tested")
    if backend == "buildkit":
        subprocess.run(["docker", "buildx", "prune", "-af"], capture_output=True, check=True)


@pytest.fixture(scope="session")
def experiments(docker_client) -> Callable[[str, str | None, str], Experiment]:
    done: dict[tuple[str, str | None, str], Experiment] = {}

    def get(dockerfile: str, target: str | None, backend: str) -> Experiment:
        key = (dockerfile, target, backend)
        if key not in done:
            _require(backend)
            done[key] = run_experiment(_spec(*key))
            assert not done[key].failed, [run.error for run in done[key].runs]
        return done[key]

    return get


def _run(experiment: Experiment, name: str) -> Run:
    return next(run for run in experiment.runs if run.name == name)


def _install_steps(run: Run) -> list:
    return [s for s in run.steps if s.instruction.startswith("RUN") and " install" in s.instruction]


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_code_edit_keeps_the_dependency_install_cached_in_the_final_design(
    experiments, backend: str
) -> None:
    installs = _install_steps(_run(experiments("Dockerfile", "prod", backend), "code-edit"))
    assert installs and all(step.cached for step in installs)


@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_code_edit_reruns_the_dependency_install_in_the_before_design(
    experiments, backend: str
) -> None:
    installs = _install_steps(_run(experiments("Dockerfile.before", None, backend), "code-edit"))
    assert installs and not any(step.cached for step in installs)
    assert all(step.miss_reason.startswith("an earlier step missed") for step in installs)


@pytest.mark.parametrize(("dockerfile", "target", "backend"), CASES)
def test_prediction_equals_reality_for_every_step_of_every_run(
    experiments, dockerfile: str, target: str | None, backend: str
) -> None:
    for run in experiments(dockerfile, target, backend).runs:
        assert [s.cached for s in run.steps] == [s.predicted_cached for s in run.steps], run.name


@pytest.mark.parametrize(("dockerfile", "target", "backend"), CASES)
def test_layer_sizes_add_up_to_the_image_size(
    experiments, dockerfile: str, target: str | None, backend: str
) -> None:
    for run in experiments(dockerfile, target, backend).runs:
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

    experiment = run_experiment(
        ExperimentSpec(**{**spec.__dict__, "backend": backend}), cancel=cancel, on_update=on_update
    )
    assert "cancelled" in (experiment.runs[0].error or "")
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
    experiment = experiments("Dockerfile", "prod", "classic")
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
