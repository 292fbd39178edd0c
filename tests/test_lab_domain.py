"""The lab's domain (layerlab.lab): plans, summaries, reasons, status; no Streamlit."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from recorded_project import recorded_samples

from layerlab.cache.reasons import EARLIER, FILES
from layerlab.engine.discovery import EngineStatus
from layerlab.engine.stops import process_cap
from layerlab.lab import plan as lab_plan
from layerlab.lab.plan import BEFORE, PREDICTED, REFERENCE, Choices, Lab
from layerlab.lab.status import BUILDS_OFF, NO_ENGINE, READY, WAITING, lab_status
from layerlab.lab.summary import misses, run_problems, step_label
from layerlab.recordings import FOLDER
from layerlab.records import Run, Step
from layerlab.sample_projects import load_projects
from layerlab.ui.strings import STRINGS

ROOT = Path(__file__).resolve().parent.parent
PROJECT = load_projects()["django-uwsgi"]
NO_ENGINE_STATUS = lab_status(
    EngineStatus(False, "no Docker engine answers"), builds_enabled=False, go_given=None
)


def choices(source: str = REFERENCE, backend: str = "classic") -> Choices:
    relative = PROJECT.dockerfile if source == REFERENCE else PROJECT.before
    text = PROJECT.read(relative) or ""
    return Choices(source, text, PROJECT.target, backend, "layerlab/test")


def step(instruction: str, predicted: bool, cached: bool | None = None) -> Step:
    return Step("0", 1, instruction, 1, predicted_cached=predicted, cached=cached)


def test_a_real_flag_wins_over_the_prediction() -> None:
    assert step("RUN x", predicted=True, cached=False).hit is False
    assert step("RUN x", predicted=False).hit is False
    assert step("RUN x", predicted=False, cached=True).hit is True


def test_from_lines_never_count_towards_the_cache_rate() -> None:
    run = Run("cold", "buildkit", [step("FROM python", True, True), step("RUN x", False, False)])
    assert run.cache_rate == 0.0
    assert run.misses == [run.steps[1]]


def test_a_cold_prediction_has_a_cache_rate_of_zero() -> None:
    cold = Lab().plan(PROJECT, choices(), NO_ENGINE_STATUS).prediction[0]
    assert cold.name == "cold" and cold.cache_rate == 0.0


@pytest.mark.parametrize(
    ("available", "buildx", "choice", "backend"),
    [
        (True, True, "auto", "buildkit"),
        (True, False, "auto", "classic"),
        (True, False, "buildkit", "classic"),
        (False, False, "buildkit", "buildkit"),  # only predicted: any builder can be
        (False, False, "auto", "classic"),
        (True, True, "classic", "classic"),
    ],
)
def test_the_engine_status_resolves_the_builder(
    available: bool, buildx: bool, choice: str, backend: str
) -> None:
    assert EngineStatus(available, "", buildx).backend(choice) == backend


@pytest.mark.parametrize(
    ("available", "enabled", "go", "verdict"),
    [
        (False, True, True, NO_ENGINE),
        (True, False, None, BUILDS_OFF),
        (True, False, False, BUILDS_OFF),
        (True, True, False, WAITING),
        (True, True, True, READY),
        (True, True, None, READY),
    ],
)
def test_one_verdict_says_whether_the_lab_can_build(
    available: bool, enabled: bool, go: bool | None, verdict: str
) -> None:
    status = lab_status(EngineStatus(available, ""), builds_enabled=enabled, go_given=go)
    assert status.verdict == verdict
    assert status.can_build == (verdict == READY)


def test_a_rerun_with_the_same_choices_parses_and_predicts_nothing_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = {"predict": 0, "parse": 0}
    real_predict, real_parse = lab_plan.predict, lab_plan.parse

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(lab_plan, "predict", counting("predict", real_predict))
    monkeypatch.setattr(lab_plan, "parse", counting("parse", real_parse))
    lab = Lab()
    first = lab.plan(PROJECT, choices(), NO_ENGINE_STATUS)
    lab.parsed(choices().text)  # the page asks for the stages too
    second = lab.plan(PROJECT, choices(), NO_ENGINE_STATUS)
    assert calls == {"predict": 1, "parse": 1}
    assert second.prediction is first.prediction


def test_the_context_is_scanned_once_per_project() -> None:
    lab = Lab()
    context, digest = lab.context(PROJECT)
    lab.plan(PROJECT, choices(BEFORE), NO_ENGINE_STATUS)
    assert lab.context(PROJECT) == (context, digest)


def test_a_file_without_from_cannot_be_planned() -> None:
    plan = Lab().plan(PROJECT, Choices("yours", "RUN true\n", None, "auto", "t"), NO_ENGINE_STATUS)
    assert plan.no_stage and plan.problem


def test_misses_cite_the_dockerfile_line_of_the_step() -> None:
    runs = Lab().plan(PROJECT, choices(), NO_ENGINE_STATUS).prediction
    found = misses(runs)
    assert found and all(m.run != "cold" for m in found)
    lines = (PROJECT.read(PROJECT.dockerfile) or "").splitlines()
    for miss in found:
        keyword = miss.instruction.split()[0]
        assert lines[miss.line - 1].lstrip().upper().startswith(keyword), miss


def test_step_labels_start_with_the_line_not_the_step_number() -> None:
    assert step_label(Step("0", 7, "RUN make", 12, predicted_cached=False)) == "12: RUN make"


def _sample_dockerfiles() -> list[tuple[str, str]]:
    return [
        (project.name, path.name)
        for project in load_projects().values()
        for path in sorted(project.root.glob("Dockerfile*"))
    ]


@pytest.mark.parametrize(("name", "dockerfile"), _sample_dockerfiles())
@pytest.mark.parametrize("backend", ["classic", "buildkit"])
def test_every_reason_the_predictor_gives_reads_in_both_languages(
    name: str, dockerfile: str, backend: str
) -> None:
    project = load_projects()[name]
    text = project.read(dockerfile) or ""
    plan = Lab().plan(project, Choices("yours", text, None, backend, "t"), NO_ENGINE_STATUS)
    reasons = [s.miss_reason for run in plan.prediction for s in run.steps if s.miss_reason]
    assert reasons
    for reason in reasons:
        assert reason.text("ja") != reason.text("en")  # fill raises on a missing parameter


def test_a_prediction_without_recordings_has_no_size_chart(tmp_path: Path) -> None:
    root = tmp_path / PROJECT.name
    shutil.copytree(PROJECT.root, root, ignore=shutil.ignore_patterns(FOLDER))
    project = load_projects(tmp_path)[PROJECT.name]
    plan = Lab().plan(project, choices(), NO_ENGINE_STATUS)
    shown = plan.shown([], [])
    assert plan.recording is None
    assert shown.kind == PREDICTED and shown.images == []


@pytest.mark.parametrize("package", ["engine", "lab", "cache"])
def test_the_domain_packages_import_no_streamlit(package: str) -> None:
    for path in (ROOT / "layerlab" / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "streamlit" for n in names), path


def test_steps_that_missed_because_an_earlier_one_did_go_with_it() -> None:
    runs = Lab().plan(PROJECT, choices(), NO_ENGINE_STATUS).prediction
    found = misses(runs)
    assert all(m.reason is None or m.reason.key != EARLIER for m in found)
    edit = [m for m in found if m.run == "code-edit"]
    assert edit[0].reason.key == FILES and edit[0].then
    assert all(line > edit[0].line for line in edit[0].then)
    total = sum(1 + len(m.then) for m in found)
    assert total == sum(len(run.misses) for run in runs[1:])


def test_with_nothing_to_build_auto_predicts_for_the_recordings_builder(tmp_path: Path) -> None:
    project = load_projects(recorded_samples(tmp_path, backend="classic"))[PROJECT.name]
    ready = lab_status(
        EngineStatus(True, "Docker", buildx=True), builds_enabled=True, go_given=None
    )
    off = lab_status(EngineStatus(True, "Docker", buildx=True), builds_enabled=False, go_given=None)
    auto = Choices(REFERENCE, choices().text, PROJECT.target, "auto", "t")
    assert Lab().plan(project, auto, off).backend == "classic"
    assert Lab().plan(project, auto, ready).backend == "buildkit"


def test_a_step_stopped_at_a_cap_says_so_on_its_line_in_the_page_language() -> None:
    stopped = Step("0", 2, "RUN bomb", 2, False, cached=False, error="exit code: 137")
    stopped.note = process_cap()
    run = Run("cold", "buildkit", [Step("0", 1, "FROM busybox", 1, True), stopped])
    run.error = "stopped at the build's process cap"
    (problem,) = run_problems([run], "FROM busybox\nRUN bomb\n", lang="ja")
    assert (problem.stopped_at, problem.why) == (2, process_cap()("ja"))
    heading = STRINGS["run_stopped"]("ja").format(run="cold", line=2, why=problem.why)
    assert "2 行目" in heading and "プロセス数の上限" in heading
