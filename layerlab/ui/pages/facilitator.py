"""The facilitator's page: the room at a glance on the projector, and the "go to lesson N" push.

Behind the passcode in LAYERLAB_FACILITATOR_PASSCODE (compared in constant time; the form
clears the field, so the passcode is never kept in the session or echoed). The numbers come
from layerlab.workshop.room; this page only draws them, refreshed by a polling fragment.
"""

from __future__ import annotations

import streamlit as st

from layerlab.ui.render import escape_markdown
from layerlab.ui.routes import lesson_entries, lesson_title
from layerlab.ui.strings import t
from layerlab.ui.workshop import store
from layerlab.workshop.config import (
    BUILDS_SWITCH,
    builds_enabled,
    facilitator_enabled,
    passcode_matches,
)
from layerlab.workshop.room import RuleCount, room

AUTHORIZED = "facilitator-authorized"
POLL_SECONDS = 5
GO = "facilitator-builds"


def render_facilitator() -> None:
    st.title(t("facilitator"))
    if not facilitator_enabled():
        st.warning(t("facilitator_off"))
        return
    if not st.session_state.get(AUTHORIZED):
        _login()
        return
    _push()
    _builds_switch()
    _room()


def _login() -> None:
    with st.form("facilitator-login", clear_on_submit=True):
        attempt = st.text_input(t("passcode"), type="password", key="facilitator-passcode")
        if not st.form_submit_button(t("enter"), key="facilitator-enter"):
            return
    if passcode_matches(attempt):
        st.session_state[AUTHORIZED] = True
        st.rerun()
    st.error(t("wrong_passcode"))


def _push() -> None:
    titles = {item.slug: lesson_title(item) for item in lesson_entries() if item.lesson}
    if not titles:
        return
    choice, send, clear = st.columns([3, 2, 2], vertical_alignment="bottom")
    slug = choice.selectbox(
        t("push_lesson"), list(titles), format_func=titles.__getitem__, key="facilitator-lesson"
    )
    if send.button(t("push"), key="facilitator-push", type="primary"):
        store().announce(slug)
    if clear.button(t("unpush"), key="facilitator-unpush"):
        store().announce(None)
    current = store().announcement()
    if current is not None and current.scope in titles:
        st.info(t("pushed", title=titles[current.scope]))


def _builds_switch() -> None:
    """The go for real builds; only offered when the server has builds enabled at all."""
    if not builds_enabled():
        return
    st.toggle(
        t("builds_go"),
        value=store().switch(BUILDS_SWITCH),
        key=GO,
        on_change=lambda: store().set_switch(BUILDS_SWITCH, bool(st.session_state[GO])),
    )


@st.fragment(run_every=POLL_SECONDS)
def _room() -> None:
    entries = [item for item in lesson_entries() if item.lesson]
    summary = room(store(), [item.lesson for item in entries if item.lesson])
    st.metric(t("learners"), summary.learners)
    st.subheader(t("room_top"))
    if summary.top:
        st.table(_rule_rows(summary.top), hide_index=True)
    else:
        st.caption(t("room_empty"))
    st.subheader(t("room_lessons"))
    st.table(  # st.table renders markdown in cells: text cells are escaped
        [
            {
                t("col_lesson"): escape_markdown(lesson_title(item)),
                t("col_passed"): here.passed,
                t("col_working"): here.working,
                t("col_top"): ", ".join(f"{c.code} ({c.learners})" for c in here.top),
            }
            for item, here in zip(entries, summary.lessons, strict=True)
        ],
        hide_index=True,
    )


def _rule_rows(counts: tuple[RuleCount, ...]) -> list[dict[str, object]]:
    return [
        {t("col_rule"): escape_markdown(f"{c.code} {c.name}"), t("col_learners"): c.learners}
        for c in counts
    ]
