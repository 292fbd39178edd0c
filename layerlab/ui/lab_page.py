"""The build lab: the cache experiment on a sample project, real or predicted, with charts.

Builds run as jobs in layerlab.engine.jobs (background threads, a process-wide queue); this
page only submits, polls (a fragment that reruns every POLL seconds) and renders. Without an
engine, or until builds are enabled (and, in workshop mode, the facilitator gave the go), it
shows the prediction. LAYERLAB_SAMPLES points the lab at another folder of sample
projects (tests use a tiny busybox project).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from layerlab.cache.plan import PlanError, stage_names
from layerlab.engine import discovery as engine
from layerlab.engine.experiment import ExperimentSpec, parse_error_finding, run_experiment
from layerlab.engine.jobs import FINISHED, Job, ProbeTarget, session_prefix, shared_queue
from layerlab.records import Run
from layerlab.sample_projects import ROOT, SampleProject, load_projects
from layerlab.ui import state
from layerlab.ui.charts import size_rows, sizes_chart, step_label, timeline_chart, timeline_rows
from layerlab.ui.navigation import PLAYGROUND, page_for
from layerlab.ui.playground import SCOPE as PLAYGROUND_SCOPE
from layerlab.ui.render import escape_markdown, show_dockerfile
from layerlab.ui.strings import t
from layerlab.ui.workshop import store
from layerlab.workshop.config import BUILDS_SWITCH, builds_enabled, facilitator_enabled

POLL = 1.0  # seconds between polls of a running job (also the session's heartbeat)
SESSION = "lab-session"
JOB = "lab-job"
BEFORE_JOB = "lab-before-job"
SHOWN = "lab-shown"  # the job states the last full run rendered
PROJECT = "lab-project"
SOURCE = "lab-source"
TARGET = "lab-target"
BACKEND = "lab-backend"
BACKENDS = ("auto", "buildkit", "classic")
LAST = ""  # the target option meaning "the last stage"


@st.cache_resource(ttl=15, show_spinner=False)
def engine_status() -> engine.EngineStatus:
    """Checked at most every 15 s: the engine may start (or stop) while the app runs."""
    return engine.status()


def projects() -> dict[str, SampleProject]:
    root = Path(os.environ.get("LAYERLAB_SAMPLES") or ROOT)
    return {name: p for name, p in load_projects(root).items() if p.dockerfile or p.before}


def render_lab() -> None:
    st.title(t("build_lab"))
    st.caption(t("lab_intro"))
    status = engine_status()
    _engine_state(status)
    project = _choose_project()
    if project is None:
        st.info(t("no_projects"))
        return
    text = _choose_dockerfile(project)
    spec = _spec(project, text, status)
    prediction = _predict(spec)
    if prediction is None:
        return
    session = _session()
    queue = shared_queue()
    queue.heartbeat(session)
    if status.available:
        blocked = _builds_blocked()
        if blocked:
            st.info(t(blocked))
        else:
            _run_button(project, spec, session)
    _progress()
    _results(spec, prediction)


def _builds_blocked() -> str | None:
    """Why real builds may not run now (a message key), or None when they may."""
    if not builds_enabled():
        return "builds_off"
    if facilitator_enabled() and not store().switch(BUILDS_SWITCH):
        return "builds_wait"
    return None


def _engine_state(status: engine.EngineStatus) -> None:
    if not status.available:
        st.warning(t("engine_missing", message=status.message))
        return
    buildx = t("buildx_yes") if status.buildx else t("buildx_no")
    st.success(f"{t('engine_ok', message=status.message)} · {buildx}")
    if status.buildkit_off is not None:
        st.info(status.buildkit_off(state.lang()))


def _choose_project() -> SampleProject | None:
    found = projects()
    if not found:
        return None
    names = list(found)
    preferred = st.session_state.get("playground-project")
    key = state.remembered(PROJECT, preferred if preferred in found else names[0])
    if st.session_state[key] not in found:
        st.session_state[key] = names[0]
    lang = state.lang()
    name = st.selectbox(
        t("project"),
        names,
        key=key,
        format_func=lambda n: found[n].title(lang),
        on_change=state.remember,
        args=(PROJECT,),
    )
    return found[name]


def _sources(project: SampleProject) -> dict[str, str]:
    """The Dockerfiles on offer: the learner's playground text first, if there is one."""
    texts = st.session_state.get(state.TEXTS, {})
    offered = {
        "source_yours": texts.get(PLAYGROUND_SCOPE),
        "source_reference": project.read(project.dockerfile),
        "source_before": project.read(project.before),
    }
    return {key: text for key, text in offered.items() if text}


def _choose_dockerfile(project: SampleProject) -> str:
    sources = _sources(project)
    key = state.remembered(SOURCE, next(iter(sources)))
    if st.session_state[key] not in sources:
        st.session_state[key] = next(iter(sources))
    choice = st.radio(
        t("lab_dockerfile"),
        list(sources),
        format_func=t,
        key=key,
        horizontal=True,
        on_change=state.remember,
        args=(SOURCE,),
    )
    with st.expander(t("lab_dockerfile")):
        show_dockerfile(sources[choice])
        st.page_link(page_for(PLAYGROUND), label=t("edit_in_playground"), icon=":material/edit:")
    return sources[choice]


def _spec(project: SampleProject, text: str, status: engine.EngineStatus) -> ExperimentSpec:
    stages = stage_names(text)
    options = [LAST, *stages]
    default = project.target if project.target in stages else LAST
    key = state.remembered(TARGET, default)
    if st.session_state[key] not in options:
        st.session_state[key] = default
    target_column, backend_column = st.columns(2)
    target = target_column.selectbox(
        t("target"),
        options,
        key=key,
        format_func=lambda name: name or t("last_stage"),
        on_change=state.remember,
        args=(TARGET,),
    )
    backend = _choose_backend(backend_column, status)
    return ExperimentSpec(
        project=project.root,
        dockerfile_text=text,
        backend=backend,
        target=target or None,
        code_files=project.code_files,
        deps_swaps=dict(project.deps_swaps),
        tag_prefix=session_prefix(_session()),
    )


def _predict(spec: ExperimentSpec) -> list[Run] | None:
    """The predicted runs, or None (and why, on the page) when the file cannot be planned."""
    try:
        return run_experiment(spec, predict_only=True).runs
    except (PlanError, ValueError) as exc:
        st.error(t("cannot_plan", error=exc))
        return None


def _choose_backend(place: DeltaGenerator, status: engine.EngineStatus) -> str:
    key = state.remembered(BACKEND, "auto")
    choice = place.segmented_control(
        t("backend"),
        BACKENDS,
        key=key,
        required=True,
        on_change=state.remember,
        args=(BACKEND,),
    )
    if choice == "buildkit" and status.available and not status.buildx:
        place.caption(t("backend_fallback"))
        return "classic"
    if choice == "auto":
        return "buildkit" if status.buildx else "classic"
    return choice or "classic"


def _session() -> str:
    """Streamlit's id for this browser session: it names the session's images, and the
    janitor removes them once Streamlit no longer knows the session."""
    if SESSION not in st.session_state:
        context = get_script_run_ctx()
        st.session_state[SESSION] = context.session_id if context else uuid.uuid4().hex
    return st.session_state[SESSION]


def _job(key: str) -> Job | None:
    return shared_queue().get(st.session_state.get(key))


def _run_button(project: SampleProject, spec: ExperimentSpec, session: str) -> None:
    job = _job(JOB)
    busy = job is not None and not job.finished
    if not st.button(t("run_experiment"), key="lab-run", type="primary", disabled=busy):
        return
    queue = shared_queue()
    probe = ProbeTarget(project.port, project.probe) if project.port and project.probe else None
    st.session_state[JOB] = queue.submit(spec, session, probe).id
    st.session_state[BEFORE_JOB] = _before_job(project, spec)


def _before_job(project: SampleProject, spec: ExperimentSpec) -> int | None:
    """The lesson's "before" image, built once per project and builder for the whole process."""
    text = project.read(project.before)
    if text is None:
        return None
    stages = set(stage_names(text))
    before = ExperimentSpec(
        project=project.root,
        dockerfile_text=text,
        backend=spec.backend,
        target=project.target if project.target in stages else None,
        tag_prefix=f"layerlab/before-{project.name}-{spec.backend}",
    )
    return shared_queue().shared((project.root, spec.backend), before).id


@st.fragment(run_every=POLL)
def _progress() -> None:
    """Heartbeat, queue place, live steps, Cancel; a full rerun once a job finishes."""
    shared_queue().heartbeat(_session())
    job, before = _job(JOB), _job(BEFORE_JOB)
    states = (job and job.state, before and before.state)
    if states != st.session_state.get(SHOWN):
        st.session_state[SHOWN] = states
        if any(j is not None and j.finished for j in (job, before)):
            st.rerun()
    if job is not None and not job.finished:
        _live(job)
    if before is not None and not before.finished:
        st.caption(t("before_building"))


def _live(job: Job) -> None:
    place = shared_queue().position(job)
    if place is not None:
        st.info(t("queued", n=place))
    else:
        runs = [run for run in job.runs if not run.predicted_only] or job.runs[:1]
        if runs:
            run = runs[-1]
            done = sum(step.end is not None for step in run.steps)
            st.progress(
                done / max(len(run.steps), 1),
                text=t("building", run=run.name, done=done, total=len(run.steps)),
            )
            current = [s for s in run.steps if s.start is not None and s.end is None]
            if current:
                st.code(step_label(current[-1]) + "\n" + current[-1].log[-2000:], language="text")
    if st.button(t("cancel"), key="lab-cancel"):
        shared_queue().cancel(job)


def _results(spec: ExperimentSpec, prediction: list[Run]) -> None:
    """The finished job's runs when it built what is chosen now, else the prediction."""
    job, before = _job(JOB), _job(BEFORE_JOB)
    if job is not None and job.spec != spec:
        job = before = None  # the learner picked another file, target or builder since
    finished = job is not None and job.state in FINISHED and bool(job.runs)
    runs = job.runs if finished else prediction
    if job is not None and job.finished:
        _job_problems(job)
    if not finished:
        st.caption(t("predicted_note"))
    _cache_rates(runs)
    # The timeline is a fixed-width facet: give it the full row so it never runs into the sizes.
    st.subheader(t("timeline"))
    st.altair_chart(timeline_chart(timeline_rows(runs), big=state.projector()), width="stretch")
    sizes, _ = st.columns([2, 3])
    with sizes:
        st.subheader(t("sizes"))
        _sizes(runs, before)
    _missed(runs)
    if finished and job.probe_result is not None:
        _probe(job)


def _job_problems(job: Job) -> None:
    if job.state == "cancelled":
        st.warning(t("job_cancelled"))
    if job.error:
        st.error(t("job_failed", error=job.error))
    for run in job.runs:
        if run.error:
            st.error(t("run_failed", run=run.name, error=run.error))
            finding = parse_error_finding(run)
            if finding is not None:
                st.markdown(escape_markdown(f"{t('line')} {finding.line}: {finding.message}"))


def _cache_rates(runs: list[Run]) -> None:
    for column, run in zip(st.columns(len(runs)), runs, strict=True):
        cached = [s.cached if s.cached is not None else s.predicted_cached for s in run.steps]
        rate = 100 * sum(cached) / len(cached) if cached else 0
        seconds = f" · {run.seconds:.1f} s" if run.seconds is not None else ""
        column.metric(t("cache_rate", run=run.name), f"{rate:.0f}%{seconds}")


def _sizes(runs: list[Run], before: Job | None) -> None:
    images = [(t("your_image"), run) for run in _sized(runs)[-1:]]
    if before is not None and before.state == "done":
        images += [(t("before_image"), run) for run in _sized(before.runs)[:1]]
    rows = size_rows(images)
    if not rows:
        st.caption(t("sizes_pending"))
        return
    st.altair_chart(sizes_chart(rows, big=state.projector()), width="stretch")


def _sized(runs: list[Run]) -> list[Run]:
    return [run for run in runs if run.image_size]


def _missed(runs: list[Run]) -> None:
    """The rebuilds' misses: every step of a cold build runs, so it says nothing."""
    st.subheader(t("missed_steps"))
    rows = [
        {
            t("col_run"): run.name,
            t("col_step"): escape_markdown(step_label(step)),
            t("col_reason"): escape_markdown(step.miss_reason or ""),
        }
        for run in runs[1:]
        for step in run.steps
        if not (step.cached if step.cached is not None else step.predicted_cached)
    ]
    if not rows:
        st.success(t("no_missed"))
        return
    st.table(rows)  # reasons wrap and read well on a projector; cells are markdown: escaped


def _probe(job: Job) -> None:
    result = job.probe_result
    assert result is not None  # _results only calls this with a probe result
    st.subheader(t("probe"))
    answered = t("probe_json") if result.answered else t("probe_no_json")
    if result.uid is None:
        user = t("probe_uid_unknown")
    else:
        user = t("probe_uid", uid=result.uid) if result.non_root else t("probe_root")
    good = result.answered and result.non_root
    (st.success if good else st.warning)(f"{answered} · {user}")
    st.caption(escape_markdown(result.message))
