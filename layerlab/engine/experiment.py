"""The cache experiment: a cold build, a rebuild after a code edit, one after a dependency edit.

Every run is predicted first; with an engine it is then built for real on a temporary copy of
the project (the edits never touch the repository's files), and each real step is put next to
its prediction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from layerlab.cache import BuildInput, CacheState, code_edit, deps_edit, predict
from layerlab.cache.plan import target_stage
from layerlab.cache.reasons import GONE, OUTSIDE, Reason
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, parse
from layerlab.engine import buildkit, classic
from layerlab.engine.caps import capped
from layerlab.engine.discovery import connect
from layerlab.engine.guard import DiskGuard
from layerlab.engine.history import image_sizes
from layerlab.engine.images import remove_untagged, tagged_ids
from layerlab.engine.limits import BUILD_MEMORY, check_context_size, context_limit
from layerlab.engine.outcome import BuildOutcome, BuildRequest, Cancel, EngineStep
from layerlab.engine.stops import explain, time_limit
from layerlab.records import Run, Step
from layerlab.workshop.config import build_network

DEFAULT_TIME_LIMIT = 600.0  # seconds per build
BACKEND_BUILDERS = {"classic": classic.build, "buildkit": buildkit.build}


@dataclass(frozen=True)
class ExperimentSpec:
    project: Path
    dockerfile_text: str
    backend: str  # "classic" or "buildkit"
    target: str | None = None
    code_files: tuple[str, ...] = ()
    deps_swaps: Mapping[str, str] = field(default_factory=dict)
    dockerfile_name: str = "Dockerfile"  # where the text goes in the temporary copy
    tag_prefix: str = "layerlab/experiment"
    time_limit: float = DEFAULT_TIME_LIMIT
    disk_budget: int | None = None  # bytes; None: the configured budget (guard.py)
    network: str | None = None  # "default" or "none"; None: the configured one


@dataclass
class Experiment:
    backend: str
    runs: list[Run]

    @property
    def failed(self) -> bool:
        return any(run.error for run in self.runs)

    def to_dict(self) -> dict[str, object]:
        return {"backend": self.backend, "runs": [run.to_dict() for run in self.runs]}


def build_inputs(spec: ExperimentSpec, context: BuildContext | None = None) -> list[BuildInput]:
    """The three builds; `context` is the project's, when the caller already scanned it."""
    base = (context or BuildContext.from_dir(spec.project)).with_contents(
        {spec.dockerfile_name: spec.dockerfile_text.encode("utf-8")}
    )
    edited = code_edit(base, spec.code_files)
    return [
        BuildInput("cold", base, no_cache=True),
        BuildInput("code-edit", edited),
        BuildInput("deps-edit", deps_edit(edited, spec.deps_swaps)),
    ]


def run_experiment(
    spec: ExperimentSpec,
    *,
    predict_only: bool = False,
    cancel: Cancel | None = None,
    on_update: Callable[[list[Run]], None] | None = None,
    history: CacheState | None = None,
) -> Experiment:
    """Predict, then build each run. `history`: what earlier experiments built on this engine
    with this backend (the predictor counts their cache); it takes in this experiment's
    builds once they all succeeded."""
    dockerfile = parse(spec.dockerfile_text)
    inputs = build_inputs(spec)
    check_context_size(inputs[0].context, context_limit())
    working = history.copy() if history is not None else CacheState()
    runs = predict(dockerfile, inputs, spec.target, spec.backend, working)
    experiment = Experiment(spec.backend, runs)
    if predict_only:
        return experiment
    cancel = cancel or Cancel()
    replaced = tagged_ids(_tag(spec, build_input) for build_input in inputs)
    try:
        for build_input, run in zip(inputs, runs, strict=True):

            def live(outcome: BuildOutcome, run: Run = run) -> None:
                merge(run, outcome, spec.backend, final=False)
                if on_update is not None:
                    on_update(runs)

            outcome = _build_one(spec, build_input, cancel, live)
            merge(run, outcome, spec.backend)
            if outcome.image_id:
                _add_sizes(run, outcome.image_id, dockerfile, spec.target)
            if on_update is not None:
                on_update(runs)
            if run.error:
                break
    finally:
        remove_untagged(replaced)
    if history is not None and not experiment.failed and not cancel.is_set():
        history.absorb(working)
    return experiment


def _tag(spec: ExperimentSpec, build_input: BuildInput) -> str:
    return f"{spec.tag_prefix}:{build_input.name}"


def _build_one(
    spec: ExperimentSpec,
    build_input: BuildInput,
    cancel: Cancel,
    on_update: Callable[[BuildOutcome], None],
) -> BuildOutcome:
    network = spec.network or build_network()
    timer = threading.Timer(spec.time_limit, cancel.set, args=(time_limit(spec.time_limit),))
    timer.start()
    try:
        with DiskGuard(cancel, spec.disk_budget), capped(spec.backend) as caps:
            if caps.refusal is not None:
                return BuildOutcome(error=caps.refusal.en)
            request = BuildRequest(
                build_input.context,
                spec.dockerfile_name,
                _tag(spec, build_input),
                target=spec.target,
                no_cache=build_input.no_cache,
                build_args=build_input.build_args,
                network=network,
                cgroup_parent=caps.cgroup_parent,
            )
            outcome = BACKEND_BUILDERS[spec.backend](request, cancel, on_update)
            explain(outcome, BUILD_MEMORY, network, caps.refused_forks())
            return outcome
    finally:
        timer.cancel()


def merge(run: Run, outcome: BuildOutcome, backend: str, final: bool = True) -> None:
    """Put each real step next to its predicted twin; explain surprises once it is done."""
    real = {step.key: step for step in outcome.steps}
    stages = {step.stage for step in run.steps}
    if len(stages) == 1:  # BuildKit names no stage when there is only one: "[2/5] RUN ..."
        only = engine_keys(run, backend)[0][0]
        real.update({(only, i): step for (name, i), step in list(real.items()) if name == ""})
    for step, key in zip(run.steps, engine_keys(run, backend), strict=True):
        found = real.get(key)
        if found is not None:
            _apply(step, found, final)
        elif step.instruction.startswith("FROM ") and outcome.steps:
            step.cached = True  # BuildKit shares one vertex between stages FROM the same image
    run.predicted_only = False
    run.seconds = outcome.seconds
    run.image_id = outcome.image_id
    run.error = outcome.error
    run.error_line = outcome.error_line
    if final:
        _blame(run)


def _blame(run: Run) -> None:
    """A failed build whose engine named no step (a base image lookup, a URL for ADD): its
    first unfinished step, else the last, carries the error, where the learner looks."""
    if run.error is None or any(step.error for step in run.steps):
        return
    unfinished = [step for step in run.steps if step.end is None]
    if unfinished:
        unfinished[0].error = run.error
    elif run.steps:
        run.steps[-1].error = run.error


def engine_keys(run: Run, backend: str) -> list[tuple[str, int]]:
    """How the engine names each step: "Step n/m" (classic) or "[stage i/n]" (BuildKit)."""
    if backend == "classic":
        return [("", step.index) for step in run.steps]
    counters: dict[str | None, int] = {}
    keys = []
    for step in run.steps:
        counters[step.stage] = counters.get(step.stage, 0) + 1
        label = step.stage if step.stage and not step.stage.isdigit() else f"stage-{step.stage}"
        keys.append((label, counters[step.stage]))
    return keys


def _apply(step: Step, real: EngineStep, final: bool) -> None:
    step.cached = real.cached
    step.start, step.end = real.start, real.end
    step.log, step.error, step.note = real.log, real.error, real.note
    if not final:
        return
    if real.cached and not step.predicted_cached:
        step.miss_reason = Reason(OUTSIDE)
    elif not real.cached and step.predicted_cached and real.error is None:
        step.miss_reason = Reason(GONE)


def _add_sizes(run: Run, image_id: str, dockerfile: Dockerfile, target: str | None) -> None:
    final = target_stage(dockerfile, target)
    client = connect()
    try:
        sizes = image_sizes(client, image_id, dockerfile, final)
    finally:
        client.close()
    if sizes is None:
        return
    run.image_size = sizes.total
    lineage = dockerfile.lineage(final)
    by_line = {**sizes.by_line, lineage[-1].from_line: sizes.base}  # the base image: one layer
    labels = {stage.label for stage in lineage}
    for step in run.steps:
        if step.stage in labels and step.line in by_line:
            step.layer_size = by_line[step.line]
