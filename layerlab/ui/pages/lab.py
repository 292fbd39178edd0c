"""The build lab: the cache experiment on a sample project, real, recorded or predicted.

layerlab.lab decides what there is to show (the plan, the results, the before/after figures);
layerlab.ui.lab_jobs runs the builds as background jobs; this page only lays them out. Without
an engine, or until builds are enabled (and, in workshop mode, the facilitator gave the go),
it shows the project's recorded real runs next to the prediction.
"""

from __future__ import annotations

import streamlit as st

from layerlab.engine import discovery
from layerlab.lab.plan import Choices, Lab
from layerlab.lab.status import BUILDS_OFF, NO_ENGINE, WAITING, LabStatus, lab_status
from layerlab.lab.summary import run_problems
from layerlab.ui import lab_choices, lab_jobs, lab_results, state
from layerlab.ui.strings import t
from layerlab.ui.workshop import store
from layerlab.workshop.config import BUILDS_SWITCH, builds_enabled, facilitator_enabled


@st.cache_resource(ttl=15, show_spinner=False)
def engine_status() -> discovery.EngineStatus:
    """Checked at most every 15 s: the engine may start (or stop) while the app runs."""
    return discovery.status()


@st.cache_resource(show_spinner=False)
def lab() -> Lab:
    """One per process: parses, contexts and predictions shared by every session."""
    return Lab()


def render_lab() -> None:
    st.title(t("build_lab"))
    st.caption(t("lab_intro"))
    status = _status()
    _banner(status)
    top = st.container()  # the before/after figures, once the plan says where they come from
    project = lab_choices.project()
    if project is None:
        st.info(t("no_projects"))
        return
    source, text = lab_choices.dockerfile(project)
    target, backend = lab_choices.target_and_backend(lab(), project, text)
    choices = Choices(source, text, target, backend, lab_jobs.tag_prefix())
    plan = lab().plan(project, choices, status)
    if plan.falls_back and status.engine.available:
        st.caption(t("backend_fallback"))
    if status.engine.buildkit_off is not None:  # buildx is there, but its caps cannot hold
        st.info(status.engine.buildkit_off(state.lang()))
    if plan.problem is not None:
        st.error(t("no_from") if plan.no_stage else t("cannot_plan", error=plan.problem))
        return
    lab_jobs.queue().heartbeat(lab_jobs.session())
    if status.can_build:
        lab_jobs.run_button(lab(), plan)
    lab_jobs.progress()
    job, built, built_before = lab_jobs.built(plan)
    with top:
        lab_results.headline(plan.headline(built, built_before))
    if job is not None and job.finished:
        lab_results.job_problems(job, run_problems(job.runs, text, state.lang()))
    layers = lab().built_layers(plan, built) if built else None
    lab_results.results(plan.shown(built, built_before, layers), plan.stale, plan.recordings_error)
    if job is not None and built:
        lab_results.probe(job)


def _status() -> LabStatus:
    go = store().switch(BUILDS_SWITCH) if facilitator_enabled() else None
    return lab_status(engine_status(), builds_enabled=builds_enabled(), go_given=go)


def _banner(status: LabStatus) -> None:
    """One message: what the learner can expect from the lab right now."""
    engine = status.engine
    if status.verdict == NO_ENGINE:
        st.warning(t("lab_no_engine"))
        st.caption(f"`{engine.message}`")
    elif status.verdict == BUILDS_OFF:
        st.info(t("lab_builds_off", engine=engine.message))
    elif status.verdict == WAITING:
        st.info(t("lab_builds_wait"))
    else:
        buildx = t("yes") if engine.buildx else t("no")
        st.success(t("lab_ready", engine=engine.message, buildx=buildx))
