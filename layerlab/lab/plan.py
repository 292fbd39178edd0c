"""The lab's plan: (project, Dockerfile text, the learner's choices, engine status) -> what
to predict, what to build and which recordings to show.

One `Lab` lives per process (the page keeps it with st.cache_resource). It parses each text
once, scans each project's context once (keyed by the context's digest), and memoises
predictions, so a rerun that changes nothing predicts nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

from layerlab.cache import PlanError, predict
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, DockerfileInputError, parse
from layerlab.engine.experiment import ExperimentSpec, build_inputs
from layerlab.engine.layers import run_layer_report
from layerlab.lab.status import LabStatus
from layerlab.lab.summary import Figures, Miss, figures, misses, sized
from layerlab.layer_report import LayerReport
from layerlab.recordings import (
    Recording,
    RecordingError,
    context_digest,
    dockerfile_digest,
    load_recordings,
)
from layerlab.records import Run
from layerlab.sample_projects import SampleProject

MEMO = 128  # predictions and parses kept: a workshop's worth of distinct texts
YOURS, REFERENCE, BEFORE = "yours", "reference", "before"  # the Dockerfiles on offer
BUILT, RECORDED, PREDICTED = "built", "recorded", "predicted"  # what the results are
T = TypeVar("T")


@dataclass(frozen=True)
class Choices:
    source: str  # YOURS, REFERENCE or BEFORE
    text: str
    target: str | None  # None: the last stage
    backend: str  # records.BACKEND_CHOICES
    tag_prefix: str  # names the session's images


@dataclass(frozen=True)
class Parsed:
    dockerfile: Dockerfile | None
    stages: tuple[str, ...]  # the named stages: what --target can pick
    error: str | None  # why the text cannot be read at all


@dataclass(frozen=True)
class ProjectRecordings:
    recordings: tuple[Recording, ...]
    context_sha256: str
    error: str | None = None  # a recording that could not be read

    def of(self, dockerfile_sha256: str, backend: str) -> Recording | None:
        """The recording of exactly this Dockerfile, on this backend if there is one."""
        same = [r for r in self.recordings if r.dockerfile_sha256 == dockerfile_sha256]
        return next((r for r in same if r.backend == backend), same[0] if same else None)

    def is_current(self, recording: Recording) -> bool:
        """Recorded from the project's files as they are now."""
        return recording.context_sha256 == self.context_sha256


@dataclass
class LabPlan:
    project: SampleProject
    choices: Choices
    backend: str  # the builder the choice resolves to
    falls_back: bool  # BuildKit was asked for, the classic builder builds
    spec: ExperimentSpec
    prediction: list[Run] = field(default_factory=list)
    problem: str | None = None  # why it cannot be planned (English, from the parser)
    no_stage: bool = False  # the text has no FROM
    recorded: Recording | None = None  # a recording of exactly this Dockerfile
    compare: Recording | None = None  # for a learner's edit: the reference's recording
    reference: Recording | None = None  # the project's reference Dockerfile, recorded
    before: Recording | None = None  # the project's "before" Dockerfile, recorded
    stale: bool = False  # the shown recording came from older project files
    recordings_error: str | None = None  # a recording file that could not be read

    @property
    def recording(self) -> Recording | None:
        return self.recorded or self.compare

    def shown(
        self, built: list[Run], built_before: list[Run], layers: LayerReport | None = None
    ) -> Shown:
        """What the results show: a real build of the chosen file (with its image's `layers`),
        else its recording next to the prediction, else the prediction (next to the
        reference's recording for a learner's edit)."""
        before = [("before", run) for run in [sized(built_before)] if run]
        if built:
            images = _images(YOURS, built) + before
            return Shown(BUILT, built, None, None, images, misses(built), layers)
        if self.before is not None and self.before is not self.recorded:
            before = _images(BEFORE, self.before.runs)
        if self.recorded is not None:
            runs = self.recorded.runs
            images = _images(self.choices.source, runs) + before
            return Shown(RECORDED, runs, self.recorded, self.prediction, images, misses(runs))
        compared = self.compare.runs if self.compare is not None else []
        images = _images(REFERENCE, compared) + before if compared else []
        return Shown(
            PREDICTED, self.prediction, self.compare, None, images, misses(self.prediction)
        )

    def headline(self, built: list[Run], built_before: list[Run]) -> Headline | None:
        """The talk's before/after figures: from real builds when both are there, else from
        the project's recordings of its "before" and reference Dockerfiles."""
        if sized(built) and sized(built_before):
            return Headline(figures(built_before), figures(built), None)
        if self.reference is not None and self.before is not None:
            return Headline(figures(self.before.runs), figures(self.reference.runs), self.reference)
        return None


@dataclass(frozen=True)
class Shown:
    kind: str  # BUILT, RECORDED or PREDICTED
    runs: list[Run]  # the results the rates, misses and first timeline are about
    recording: Recording | None  # the recording on display: its label, its layer contents
    prediction: list[Run] | None  # the live prediction shown next to a recording
    images: list[tuple[str, Run]]  # the size chart's images: ("yours" | "reference" | "before")
    misses: list[Miss]
    built_layers: LayerReport | None = None  # what a real build's image holds

    @property
    def layers(self) -> LayerReport | None:
        """The layer contents on display: the built image's, else the recording's."""
        if self.built_layers is not None or self.recording is None:
            return self.built_layers
        return self.recording.layers

    def compared_rates(self) -> dict[str, float | None]:
        """For a prediction shown next to a recording: the recorded rate of each run."""
        if self.kind != PREDICTED or self.recording is None:
            return {}
        return {run.name: run.cache_rate for run in self.recording.runs}


@dataclass(frozen=True)
class Headline:
    before: Figures
    after: Figures
    recording: Recording | None  # where the figures come from; None: this engine, just now


def _images(name: str, runs: list[Run]) -> list[tuple[str, Run]]:
    run = sized(runs)
    return [(name, run)] if run else []


class Lab:
    def __init__(self, memo: int = MEMO) -> None:
        self._memo = memo
        self._lock = threading.Lock()
        self._parsed: OrderedDict[Hashable, Parsed] = OrderedDict()
        self._predicted: OrderedDict[Hashable, list[Run]] = OrderedDict()
        self._contexts: dict[str, tuple[BuildContext, str]] = {}
        self._recordings: dict[str, ProjectRecordings] = {}
        self._layers: OrderedDict[Hashable, LayerReport | None] = OrderedDict()

    def parsed(self, text: str) -> Parsed:
        return self._remember(self._parsed, text, lambda: _parse(text))

    def context(self, project: SampleProject) -> tuple[BuildContext, str]:
        """The project's context and its digest, scanned once."""
        key = str(project.root)
        with self._lock:
            found = self._contexts.get(key)
        if found is None:
            context = project.context()
            found = (context, context_digest(context))
            with self._lock:
                self._contexts[key] = found
        return found

    def recordings(self, project: SampleProject) -> ProjectRecordings:
        key = str(project.root)
        with self._lock:
            found = self._recordings.get(key)
        if found is None:
            digest = self.context(project)[1]
            try:
                found = ProjectRecordings(tuple(load_recordings(project.root)), digest)
            except RecordingError as exc:
                found = ProjectRecordings((), digest, str(exc))
            with self._lock:
                self._recordings[key] = found
        return found

    def plan(self, project: SampleProject, choices: Choices, status: LabStatus) -> LabPlan:
        backend = status.engine.backend(choices.backend)
        if choices.backend == "auto" and not status.can_build:
            backend = self._recorded_backend(project, choices, backend)
        plan = LabPlan(
            project,
            choices,
            backend,
            status.engine.falls_back(choices.backend),
            self.spec(project, choices.text, choices.target, backend, choices.tag_prefix),
        )
        parsed = self.parsed(choices.text)
        if parsed.dockerfile is None:
            plan.problem = parsed.error
        else:
            try:
                plan.prediction = self._prediction(project, parsed.dockerfile, plan.spec)
            except PlanError as exc:
                plan.no_stage = not parsed.dockerfile.stages
                plan.problem = str(exc)
        self._attach_recordings(plan)
        return plan

    def spec(
        self,
        project: SampleProject,
        text: str,
        target: str | None,
        backend: str,
        tag_prefix: str,
    ) -> ExperimentSpec:
        return ExperimentSpec(
            project=project.root,
            dockerfile_text=text,
            backend=backend,
            target=target,
            code_files=project.code_files,
            deps_swaps=dict(project.deps_swaps),
            tag_prefix=tag_prefix,
        )

    def before_spec(self, project: SampleProject, backend: str) -> ExperimentSpec | None:
        """The project's "before" Dockerfile, with the same edits: its rebuild time counts."""
        text = project.read(project.before)
        if text is None:
            return None
        stages = self.parsed(text).stages
        target = project.target if project.target in stages else None
        prefix = f"layerlab/before-{project.name}-{backend}"
        return self.spec(project, text, target, backend, prefix)

    def built_layers(self, plan: LabPlan, built: list[Run]) -> LayerReport | None:
        """What the built image holds (the first run's), read from the engine once per image;
        None when the engine cannot export it."""
        run = sized(built)
        dockerfile = self.parsed(plan.choices.text).dockerfile
        if run is None or run.image_id is None or dockerfile is None:
            return None
        target = plan.spec.target
        return self._remember(
            self._layers, run.image_id, lambda: run_layer_report(run, dockerfile, target)
        )

    def _recorded_backend(self, project: SampleProject, choices: Choices, backend: str) -> str:
        """With nothing to build, "auto" means the builder the recordings were made with:
        the prediction then lines up with them step for step."""
        texts = [
            choices.text,
            project.read(project.dockerfile) if choices.source == YOURS else None,
        ]
        digests = {dockerfile_digest(text) for text in texts if text}
        found = [
            r.backend for r in self.recordings(project).recordings if r.dockerfile_sha256 in digests
        ]
        return backend if not found or backend in found else found[0]

    def _prediction(self, project: SampleProject, dockerfile: Dockerfile, spec: ExperimentSpec):
        context, digest = self.context(project)
        key = (str(project.root), digest, spec.dockerfile_text, spec.target, spec.backend)

        def compute() -> list[Run]:
            return predict(dockerfile, build_inputs(spec, context), spec.target, spec.backend)

        return self._remember(self._predicted, key, compute)

    def _attach_recordings(self, plan: LabPlan) -> None:
        found = self.recordings(plan.project)
        project, backend = plan.project, plan.backend
        plan.recordings_error = found.error
        reference, before = project.read(project.dockerfile), project.read(project.before)
        plan.recorded = found.of(dockerfile_digest(plan.choices.text), backend)
        plan.reference = found.of(dockerfile_digest(reference), backend) if reference else None
        plan.before = found.of(dockerfile_digest(before), backend) if before else None
        if plan.recorded is None and plan.choices.source == YOURS:
            plan.compare = plan.reference
        plan.stale = plan.recording is not None and not found.is_current(plan.recording)

    def _remember(self, memo: OrderedDict[Hashable, T], key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = make()
        with self._lock:
            memo[key] = value
            while len(memo) > self._memo:
                memo.popitem(last=False)
        return value


def _parse(text: str) -> Parsed:
    try:
        dockerfile = parse(text)
    except DockerfileInputError as exc:
        return Parsed(None, (), str(exc))
    return Parsed(dockerfile, tuple(s.name for s in dockerfile.stages if s.name), None)
