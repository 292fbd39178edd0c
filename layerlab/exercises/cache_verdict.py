"""Whether the dependency install would come from the cache after an edit to the project.

The cache predictor runs a cold build and then the edited one on the same cache, as the lab
does; the steps that install the project's dependencies are found by what they do
(`python_deps`: a pip/pipenv/uv/poetry install from manifests), not by their text.
"""

from __future__ import annotations

from enum import StrEnum

from layerlab.analysis import Facts
from layerlab.cache import BuildInput, CacheState, code_edit, deps_edit, predict
from layerlab.cache.plan import PlanError, needed_stages, target_stage
from layerlab.exercises.stage_facts import dependency_installs
from layerlab.sample_projects import SampleProject

BACKEND = "buildkit"  # only the stages the image needs, as `docker build` does today


class Edit(StrEnum):
    CODE = "code"
    DEPS = "deps"


def install_lines(facts: Facts) -> set[int]:
    """First lines of the RUN steps that install dependencies into the image built."""
    dockerfile = facts.dockerfile
    try:
        needed = {
            stage.index for stage in needed_stages(dockerfile, target_stage(dockerfile, None))
        }
    except PlanError:
        return set()
    return {
        event.instruction.start_line
        for event, _ in dependency_installs(facts)
        if event.instruction.stage in needed
    }


def install_verdicts(facts: Facts, project: SampleProject, edit: Edit) -> list[bool]:
    """For each dependency install of the image, whether it is predicted cached after `edit`
    (a cold build first, then the edited context on the same cache)."""
    lines = install_lines(facts)
    if not lines:
        return []
    context = project.context()
    edited = (
        code_edit(context, project.code_files)
        if edit is Edit.CODE
        else deps_edit(context, dict(project.deps_swaps))
    )
    builds = [BuildInput("cold", context), BuildInput(edit.value, edited)]
    _, after = predict(facts.dockerfile, builds, None, BACKEND, CacheState())
    return [step.predicted_cached for step in after.steps if step.line in lines]
