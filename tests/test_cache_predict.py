"""The cache predictor applies Docker's rules (docker/docs cache invalidation, DESIGN.md)."""

from __future__ import annotations

import pytest

from layerlab.cache import (
    BuildInput,
    CacheState,
    PlanError,
    code_edit,
    deps_edit,
    plan,
    predict,
)
from layerlab.cache.plan import declared_target, stage_names
from layerlab.cache.reasons import ARGS, COLD, EARLIER, ON_ENGINE, STAGE, Reason
from layerlab.cache.reasons import FILES as FILES_CHANGED
from layerlab.context import BuildContext
from layerlab.dockerfile import parse

FILES = {
    "requirements.txt": "django==5.1\n",
    "app.py": "print('hi')\n",
    "notes.md": "scratch\n",
    ".dockerignore": "notes.md\n",
    "edits/requirements.txt": "django==5.1\nsix==1.16.0\n",
}
COPY_FIRST = """FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "app.py"]
"""
MANIFEST_FIRST = """FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""
MULTI = """FROM python:3.12-slim AS unused
RUN echo never needed
FROM python:3.12 AS builder
COPY requirements.txt .
RUN pip wheel -r requirements.txt -w /wheels
FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
COPY --from=builder /wheels /wheels
COPY app.py .
"""


def _rebuild(dockerfile: str, edited: BuildContext, backend: str = "classic"):
    context = BuildContext.from_files(FILES)
    cold = BuildInput("cold", context, no_cache=True)
    runs = predict(parse(dockerfile), [cold, BuildInput("edit", edited)], None, backend)
    return runs[1]


def _cached(run, keyword: str) -> list[bool]:
    return [s.predicted_cached for s in run.steps if s.instruction.startswith(keyword)]


def test_cold_build_runs_every_step_but_from() -> None:
    cold = predict(
        parse(COPY_FIRST),
        [BuildInput("cold", BuildContext.from_files(FILES), no_cache=True)],
        None,
        "classic",
    )[0]
    assert [s.predicted_cached for s in cold.steps] == [True, False, False, False, False]
    assert cold.steps[1].miss_reason == Reason(COLD)


def test_unchanged_rebuild_hits_every_step() -> None:
    run = _rebuild(COPY_FIRST, BuildContext.from_files(FILES))
    assert all(s.predicted_cached for s in run.steps)


def test_code_edit_after_copy_everything_reruns_the_install() -> None:
    run = _rebuild(COPY_FIRST, code_edit(BuildContext.from_files(FILES), ["app.py"]))
    copy, install = run.steps[2], run.steps[3]
    assert not copy.predicted_cached
    assert copy.miss_reason == Reason(FILES_CHANGED, {"files": ("app.py",)})
    assert not install.predicted_cached
    assert install.miss_reason == Reason(EARLIER, {"line": 3, "instruction": "COPY . ."})


def test_code_edit_with_manifest_first_keeps_the_install_cached() -> None:
    run = _rebuild(MANIFEST_FIRST, code_edit(BuildContext.from_files(FILES), ["app.py"]))
    assert _cached(run, "RUN") == [True]
    assert _cached(run, "COPY") == [True, False]


def test_dependency_edit_reruns_the_install() -> None:
    edited = deps_edit(
        BuildContext.from_files(FILES), {"requirements.txt": "edits/requirements.txt"}
    )
    run = _rebuild(MANIFEST_FIRST, edited)
    assert run.steps[2].miss_reason == Reason(FILES_CHANGED, {"files": ("requirements.txt",)})
    assert _cached(run, "RUN") == [False]


def test_edit_to_an_ignored_file_changes_nothing() -> None:
    run = _rebuild(COPY_FIRST, code_edit(BuildContext.from_files(FILES), ["notes.md"]))
    assert all(s.predicted_cached for s in run.steps)


def test_copy_from_a_stage_that_reran_is_assumed_to_miss() -> None:
    edited = deps_edit(
        BuildContext.from_files(FILES), {"requirements.txt": "edits/requirements.txt"}
    )
    run = _rebuild(MULTI, edited)
    copy_wheels = next(s for s in run.steps if "--from=builder" in s.instruction)
    assert not copy_wheels.predicted_cached
    assert copy_wheels.miss_reason.key == STAGE
    assert copy_wheels.miss_reason.params["stage"] == "builder"


def test_changed_build_argument_is_named() -> None:
    dockerfile = "FROM python:3.12-slim\nARG LEVEL=1\nRUN echo $LEVEL\n"
    context = BuildContext.from_files(FILES)
    builds = [BuildInput("a", context), BuildInput("b", context, build_args={"LEVEL": "2"})]
    run = predict(parse(dockerfile), builds, None, "classic")[1]
    assert run.steps[2].miss_reason == Reason(ARGS, {"names": ("LEVEL",)})


def test_classic_builder_reports_every_instruction_of_every_stage_up_to_the_target() -> None:
    steps = plan(parse(MULTI), None, "classic")
    assert [s.instruction.keyword for s in steps][:2] == ["FROM", "RUN"]  # the unused stage too
    assert len(steps) == 9


def test_buildkit_skips_unneeded_stages_and_metadata_steps() -> None:
    steps = plan(parse(MULTI), None, "buildkit")
    assert [s.stage.name for s in steps if s.instruction.keyword == "FROM"] == ["builder", None]
    assert "ENV" not in [s.instruction.keyword for s in steps]


def test_unknown_target_is_a_plan_error() -> None:
    with pytest.raises(PlanError, match="target stage 'nope' not found"):
        plan(parse(MULTI), "nope", "classic")


def test_buildkit_has_no_step_for_a_from_that_names_a_stage() -> None:
    dockerfile = "FROM busybox AS one\nRUN echo a\nFROM one\nRUN echo b\nUSER 1000\n"
    steps = plan(parse(dockerfile), None, "buildkit")
    assert [(s.stage.label, s.instruction.keyword) for s in steps] == [
        ("one", "FROM"),
        ("one", "RUN"),
        ("1", "RUN"),
    ]
    run = predict(
        parse(dockerfile), [BuildInput("a", BuildContext.from_files({}))], None, "buildkit"
    )
    assert [s.predicted_cached for s in run[0].steps] == [True, False, False]


def test_stage_names_are_the_targets_a_build_can_pick() -> None:
    assert stage_names(MULTI) == ["unused", "builder"]


def test_stage_names_of_an_oversized_text_are_empty() -> None:
    assert stage_names("FROM x AS a\n" + "#" * 300_000) == []


def test_each_code_edit_is_new_so_a_repeated_experiment_misses_again() -> None:
    context = BuildContext.from_files(FILES)
    first, second = code_edit(context, ["app.py"]), code_edit(context, ["app.py"])
    assert first.checksum("app.py") != second.checksum("app.py")


def test_a_declared_target_applies_only_to_a_dockerfile_with_that_stage() -> None:
    assert declared_target(parse("FROM a AS prod\n"), "prod") == "prod"
    assert declared_target(parse("FROM a\nRUN x\n"), "prod") is None


WORKDIR_FIRST = "FROM busybox\nWORKDIR /x\nRUN echo hi\nWORKDIR /y\n"


def _cold_twice(backend: str) -> tuple[list[bool], Reason | None]:
    context = BuildContext.from_files({"Dockerfile": WORKDIR_FIRST.encode()})
    history = CacheState()
    cold = BuildInput("cold", context, no_cache=True)
    predict(parse(WORKDIR_FIRST), [cold], None, backend, history)
    again = predict(parse(WORKDIR_FIRST), [cold], None, backend, history)[0]
    return [s.predicted_cached for s in again.steps], again.steps[1].miss_reason


def test_buildkit_no_cache_keeps_a_workdir_on_the_base_that_an_earlier_build_made() -> None:
    flags, reason = _cold_twice("buildkit")
    assert flags == [True, True, False, False]
    assert reason == Reason(ON_ENGINE)


def test_classic_no_cache_runs_every_workdir_again() -> None:
    assert _cold_twice("classic")[0] == [True, False, False, False]


def _deps_edit_again(backend: str) -> list[bool]:
    """The install's prediction in a repeated experiment (cold, then a dependency edit)."""
    context = BuildContext.from_files(FILES)
    edited = deps_edit(context, {"requirements.txt": "edits/requirements.txt"})
    builds = [BuildInput("cold", context, no_cache=True), BuildInput("deps-edit", edited)]
    history = CacheState()
    predict(parse(MANIFEST_FIRST), builds, None, backend, history)
    again = predict(parse(MANIFEST_FIRST), builds, None, backend, history)[1]
    return [s.predicted_cached for s in again.steps if s.instruction.startswith("RUN")]


def test_buildkit_keeps_a_dependency_edit_an_earlier_experiment_built() -> None:
    assert _deps_edit_again("buildkit") == [True]


def test_after_a_classic_cold_build_an_earlier_dependency_edit_is_out_of_reach() -> None:
    assert _deps_edit_again("classic") == [False]
