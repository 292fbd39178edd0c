"""The lab's build jobs for this browser session, on the process-wide queue.

Builds run in layerlab.engine.jobs (background threads); this module submits them, polls
them in a fragment and finds the finished ones the page should show. It hands the queue
Streamlit's word on which sessions are still connected, so the engine package never imports
Streamlit.
"""

from __future__ import annotations

import uuid

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from layerlab.engine.jobs import FINISHED, Job, JobQueue, ProbeTarget, session_prefix, shared_queue
from layerlab.lab.plan import Lab, LabPlan
from layerlab.lab.summary import step_label
from layerlab.records import Run
from layerlab.ui.charts import run_name
from layerlab.ui.guard import guarded
from layerlab.ui.strings import t

POLL = 1.0  # seconds between polls of a running job (also the session's heartbeat)
SESSION = "lab-session"
JOB = "lab-job"
BEFORE_JOB = "lab-before-job"
SHOWN = "lab-shown"  # the job states the last full run rendered


def session_alive(session: str) -> bool:
    """True while Streamlit still has the session (or when no Streamlit runtime runs)."""
    return not runtime.exists() or runtime.get_instance().is_active_session(session)


def queue() -> JobQueue:
    return shared_queue(alive=session_alive)


def session() -> str:
    """Streamlit's id for this browser session: it names the session's images, and the
    janitor removes them once Streamlit no longer knows the session."""
    if SESSION not in st.session_state:
        context = get_script_run_ctx()
        st.session_state[SESSION] = context.session_id if context else uuid.uuid4().hex
    return st.session_state[SESSION]


def tag_prefix() -> str:
    return session_prefix(session())


def job(key: str) -> Job | None:
    return queue().get(st.session_state.get(key))


def run_button(lab: Lab, plan: LabPlan) -> None:
    current = job(JOB)
    busy = current is not None and not current.finished
    if not st.button(t("run_experiment"), key="lab-run", type="primary", disabled=busy):
        return
    project = plan.project
    probe = ProbeTarget(project.port, project.probe) if project.port and project.probe else None
    st.session_state[JOB] = queue().submit(plan.spec, session(), probe).id
    before = lab.before_spec(project, plan.backend)
    shared = queue().shared((project.root, plan.backend), before) if before else None
    st.session_state[BEFORE_JOB] = shared.id if shared else None


def built(plan: LabPlan) -> tuple[Job | None, list[Run], list[Run]]:
    """The job that built what is chosen now (else None), its runs and the "before" runs."""
    current, before = job(JOB), job(BEFORE_JOB)
    if current is None or current.spec != plan.spec:
        return None, [], []  # the learner picked another file, target or builder since
    runs = current.runs if current.state in FINISHED else []
    before_runs = before.runs if before is not None and before.state == "done" else []
    return current, runs, before_runs


@st.fragment(run_every=POLL)
@guarded
def progress() -> None:
    """Heartbeat, queue place, live steps, Cancel; a full rerun once a job finishes."""
    queue().heartbeat(session())
    current, before = job(JOB), job(BEFORE_JOB)
    states = (current and current.state, before and before.state)
    if states != st.session_state.get(SHOWN):
        st.session_state[SHOWN] = states
        if any(j is not None and j.finished for j in (current, before)):
            st.rerun()
    if current is not None and not current.finished:
        _live(current)
    if before is not None and not before.finished:
        st.caption(t("before_building"))


def _live(current: Job) -> None:
    place = queue().position(current)
    if place is not None:
        st.info(t("queued", n=place))
    else:
        runs = [run for run in current.runs if not run.predicted_only] or current.runs[:1]
        if runs:
            run = runs[-1]
            done = sum(step.end is not None for step in run.steps)
            st.progress(
                done / max(len(run.steps), 1),
                text=t("building", run=run_name(run.name), done=done, total=len(run.steps)),
            )
            steps = [s for s in run.steps if s.start is not None and s.end is None]
            if steps:
                st.code(step_label(steps[-1]) + "\n" + steps[-1].log[-2000:], language="text")
    if st.button(t("cancel"), key="lab-cancel"):
        queue().cancel(current)
