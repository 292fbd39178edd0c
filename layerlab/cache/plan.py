"""Which steps a build reports, per backend: the skeleton both prediction and parsing share.

Verified on the engine (DESIGN.md): the classic builder builds every stage up to the target,
used or not, and reports a step for every instruction, global ARGs included. BuildKit builds
only the stages the target needs and reports FROM, RUN, COPY, ADD and WORKDIR only; a FROM
that names an earlier stage is no step of its own there.
"""

from __future__ import annotations

from dataclasses import dataclass

from layerlab.dockerfile import Dockerfile, DockerfileInputError, Instruction, Stage, parse

BACKENDS = ("classic", "buildkit")
BUILDKIT_STEP_KEYWORDS = frozenset({"FROM", "RUN", "COPY", "ADD", "WORKDIR"})


class PlanError(ValueError):
    """The target does not exist or the Dockerfile has no stage."""


@dataclass(frozen=True)
class PlannedStep:
    stage: Stage | None
    instruction: Instruction


def stage_names(text: str) -> list[str]:
    """The named stages of a Dockerfile text: what `--target` can pick."""
    try:
        return [stage.name for stage in parse(text).stages if stage.name]
    except DockerfileInputError:
        return []


def declared_target(dockerfile: Dockerfile, declared: str | None) -> str | None:
    """A project's declared target, for a Dockerfile that has that stage; None (the last
    stage) for one that does not, such as a single-stage "before" file."""
    if declared is not None and dockerfile.stage_named(declared) is not None:
        return declared
    return None


def target_stage(dockerfile: Dockerfile, target: str | None) -> Stage:
    if not dockerfile.stages:
        raise PlanError("the Dockerfile has no FROM, so there is nothing to build")
    if target is None:
        return dockerfile.stages[-1]
    stage = dockerfile.stage_named(target)
    if stage is None:
        names = ", ".join(s.name for s in dockerfile.stages if s.name) or "none"
        raise PlanError(f"target stage '{target}' not found (stages: {names})")
    return stage


def stage_dependencies(dockerfile: Dockerfile, stage: Stage) -> set[int]:
    """Stages `stage` needs directly: its FROM parent, COPY --from and RUN --mount from=."""
    needed = set()
    if stage.parent is not None:
        needed.add(stage.parent)
    for inst in stage.instructions:
        refs = inst.flag_values("from") if inst.keyword in ("COPY", "ADD") else []
        if inst.keyword == "RUN":
            refs = [m["from"] for m in inst.mounts() if "from" in m]
        for ref in refs:
            source = dockerfile.stage_for_reference(ref, before=stage.index)
            if source is not None:
                needed.add(source.index)
    return needed


def needed_stages(dockerfile: Dockerfile, target: Stage) -> list[Stage]:
    """The target and every stage it needs, transitively, in file order."""
    needed, todo = {target.index}, [target.index]
    while todo:
        for dep in stage_dependencies(dockerfile, dockerfile.stages[todo.pop()]):
            if dep not in needed:
                needed.add(dep)
                todo.append(dep)
    return [s for s in dockerfile.stages if s.index in needed]


def plan(dockerfile: Dockerfile, target: str | None, backend: str) -> list[PlannedStep]:
    final = target_stage(dockerfile, target)
    if backend == "classic":
        steps = [
            PlannedStep(None, inst)
            for inst in dockerfile.instructions
            if inst.stage < 0 and inst.keyword == "ARG"
        ]
        for stage in dockerfile.stages[: final.index + 1]:
            steps += [PlannedStep(stage, inst) for inst in stage.instructions]
        return steps
    if backend == "buildkit":
        return [
            PlannedStep(stage, inst)
            for stage in needed_stages(dockerfile, final)
            for inst in stage.instructions
            if inst.keyword in BUILDKIT_STEP_KEYWORDS
            and not (inst.keyword == "FROM" and stage.parent is not None)
        ]
    raise PlanError(f"unknown backend '{backend}' (use {' or '.join(BACKENDS)})")
