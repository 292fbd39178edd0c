"""The lab's choices: sample project, Dockerfile, target stage and builder.

Each widget is seeded from a plain session key (state.remembered), so a choice survives a
visit to another page.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from layerlab.lab.plan import BEFORE, REFERENCE, YOURS, Lab
from layerlab.records import BACKEND_CHOICES
from layerlab.sample_projects import ROOT, SampleProject, load_projects
from layerlab.ui import state
from layerlab.ui.render import show_dockerfile
from layerlab.ui.routes import PLAYGROUND, PLAYGROUND_SCOPE, page_for
from layerlab.ui.strings import t

PROJECT = "lab-project"
SOURCE = "lab-source"
TARGET = "lab-target"
BACKEND = "lab-backend"
LAST = ""  # the target option meaning "the last stage"


def projects() -> dict[str, SampleProject]:
    """LAYERLAB_SAMPLES points the lab at another folder of sample projects (tests)."""
    root = Path(os.environ.get("LAYERLAB_SAMPLES") or ROOT)
    return {name: p for name, p in load_projects(root).items() if p.dockerfile or p.before}


def project() -> SampleProject | None:
    found = projects()
    if not found:
        return None
    names = list(found)
    preferred = st.session_state.get("playground-project")
    key = _seeded(PROJECT, names, preferred if preferred in found else names[0])
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


def dockerfile(chosen: SampleProject) -> tuple[str, str]:
    """(source, text): the learner's playground text first, if there is one."""
    offered = {
        YOURS: st.session_state.get(state.TEXTS, {}).get(PLAYGROUND_SCOPE),
        REFERENCE: chosen.read(chosen.dockerfile),
        BEFORE: chosen.read(chosen.before),
    }
    sources = {key: text for key, text in offered.items() if text}
    key = _seeded(SOURCE, list(sources), next(iter(sources)))
    labels = {name: t(f"source_{name}") for name in sources}  # formatted now, in this language
    source = st.radio(
        t("lab_dockerfile"),
        list(sources),
        format_func=labels.__getitem__,
        key=key,
        horizontal=True,
        on_change=state.remember,
        args=(SOURCE,),
    )
    with st.expander(t("lab_dockerfile")):
        show_dockerfile(sources[source])
        st.page_link(page_for(PLAYGROUND), label=t("edit_in_playground"), icon=":material/edit:")
    return source, sources[source]


def target_and_backend(lab: Lab, chosen: SampleProject, text: str) -> tuple[str | None, str]:
    stages = lab.parsed(text).stages
    options = [LAST, *stages]
    key = _seeded(TARGET, options, chosen.target if chosen.target in stages else LAST)
    target_column, backend_column = st.columns(2)
    last = t("last_stage")
    target = target_column.selectbox(
        t("target"),
        options,
        key=key,
        format_func=lambda name: name or last,
        on_change=state.remember,
        args=(TARGET,),
    )
    backend = backend_column.segmented_control(
        t("backend"),
        BACKEND_CHOICES,
        key=_seeded(BACKEND, list(BACKEND_CHOICES), "auto"),
        format_func={name: t(f"backend_{name}") for name in BACKEND_CHOICES}.__getitem__,
        required=True,
        on_change=state.remember,
        args=(BACKEND,),
    )
    return target or None, backend or "auto"


def _seeded(name: str, options: list[str], default: str) -> str:
    """The widget key for plain session key `name`, reset to `default` when its value is no
    longer on offer (another project, an edit that renamed a stage)."""
    key = state.remembered(name, default)
    if st.session_state[key] not in options:
        st.session_state[name] = st.session_state[key] = default
    return key
