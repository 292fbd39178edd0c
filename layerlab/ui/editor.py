"""The Dockerfile editor: streamlit-code-editor (Ace) with gutter markers, or st.text_area.

LAYERLAB_EDITOR=textarea (tests, or a classroom without the component) picks the fallback.
The text lives in session state per scope, so the widget can come and go with the page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import streamlit as st

from layerlab.lint import Finding
from layerlab.lint.findings import Level
from layerlab.ui import state
from layerlab.ui.strings import t

ACE_TYPES = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.INFO: "info",
    Level.STYLE: "info",
}
LAST_EVENT = "editor_event"


def component() -> Callable[..., Any] | None:
    """streamlit-code-editor, or None for the text-area fallback (chosen per run)."""
    if os.environ.get("LAYERLAB_EDITOR") == "textarea":
        return None
    try:
        from code_editor import code_editor
    except ImportError:
        return None
    return code_editor


def widget_key(scope: str) -> str:
    return f"editor-{scope}-{state.editor_version(scope)}"


def current_text(scope: str, initial: str) -> str:
    """The scope's text, after taking in what the learner submitted since the last run."""
    pending = st.session_state.get(widget_key(scope))
    if isinstance(pending, str):
        state.set_editor_text(scope, pending)
    elif isinstance(pending, dict) and pending.get("id"):
        # The component re-sends its last event on every rerun; only a new id is an edit.
        seen = st.session_state.setdefault(LAST_EVENT, {})
        if seen.get(scope) != pending["id"]:
            seen[scope] = pending["id"]
            state.set_editor_text(scope, pending.get("text", ""))
    return state.editor_text(scope, initial)


def dockerfile_editor(scope: str, text: str, findings: list[Finding]) -> None:
    """Render the editor holding `text`, with a gutter marker for each finding."""
    key = widget_key(scope)
    big = state.projector()
    editor = component()
    if editor is None:
        st.text_area("Dockerfile", value=text, key=key, height=520 if big else 420)
        return
    editor(
        text,
        lang="dockerfile",
        key=key,
        height=[14, 40],
        # With no debounce period every change is sent, live. Not "blur": a click on a link
        # blurs the editor, and that rerun raced the page switch and blanked the app.
        response_mode="debounce",
        options={"showLineNumbers": True, "wrap": True},  # long lines wrap, never hide
        props={
            "annotations": annotations(findings),
            "theme": "chrome",  # the streamlit_* Ace themes @import Google Fonts: stay offline
            "fontSize": 24 if big else 15,
            # Live autocompletion swallowed an Enter in browser tests ("USER apupdate").
            "enableLiveAutocompletion": False,
            "enableBasicAutocompletion": False,
            # react-ace debounces onChange by default and re-applies its stale value on
            # every re-render: a rerun landing inside that window reverted fresh typing.
            "debounceChangePeriod": 0,
            # The component's default top margin scrolls the text but not the gutter
            # once the editor grows, so markers drift a line away from their line.
            "scrollMargin": [0, 0, 0, 0],
        },
    )
    st.caption(t("editor_help"))


def annotations(findings: list[Finding]) -> list[dict[str, object]]:
    """Ace gutter annotations: rows are 0-based."""
    return [
        {
            "row": finding.line - 1,
            "column": max(finding.column - 1, 0),
            "type": ACE_TYPES[finding.level],
            "text": f"{finding.code} {finding.name}: {finding.message}",
        }
        for finding in findings
    ]
