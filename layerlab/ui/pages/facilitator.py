"""The facilitator's page: the room at a glance on the projector, and the "go to lesson N" push.

Behind the passcode in LAYERLAB_FACILITATOR_PASSCODE (compared in constant time behind a
rate-limited door; the form clears the field, so the passcode is never kept in the session or
echoed); a signed token then keeps the facilitator in across reloads (layerlab.ui.workshop).
The numbers come from layerlab.workshop.room and layerlab.engine.usage; this page only draws
them, refreshed by polling fragments.
"""

from __future__ import annotations

import streamlit as st
from docker.errors import DockerException

from layerlab.engine.discovery import EngineUnavailable
from layerlab.engine.usage import EngineUsage, engine_usage
from layerlab.ui.guard import guarded
from layerlab.ui.render import escape_markdown
from layerlab.ui.routes import lesson_entries, lesson_title
from layerlab.ui.strings import t
from layerlab.ui.workshop import (
    facilitator_sign_in,
    facilitator_sign_out,
    facilitator_signed_in,
    store,
)
from layerlab.workshop.config import BUILDS_SWITCH, builds_enabled, facilitator_enabled
from layerlab.workshop.room import RuleCount, room

POLL_SECONDS = 5
ENGINE_POLL_SECONDS = 30  # /system/df walks every image and cache record: not every 5 s
GO = "facilitator-builds"
CONTROLS = "facilitator-controls"
UNITS = ("B", "kB", "MB", "GB", "TB")


def render_facilitator() -> None:
    st.title(t("facilitator"))
    if not facilitator_enabled():
        st.warning(t("facilitator_off"))
        return
    if not facilitator_signed_in():
        _login()
        return
    with st.container(key=CONTROLS):
        _push()
        _builds_switch()
    _room()
    _engine()
    st.button(t("facilitator_signout"), key="facilitator-signout", on_click=facilitator_sign_out)


def _login() -> None:
    with st.form("facilitator-login", clear_on_submit=True):
        attempt = st.text_input(t("passcode"), type="password", key="facilitator-passcode")
        if not st.form_submit_button(t("enter"), key="facilitator-enter"):
            return
    refused = facilitator_sign_in(attempt)
    if refused is None:
        st.rerun()  # the whole app: navigation now lists this page
    st.error(refused)


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
@guarded
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


@st.cache_data(ttl=ENGINE_POLL_SECONDS, show_spinner=False)
def _usage() -> EngineUsage:
    """Cached between polls and sessions; a failure raises, so it is never cached."""
    return engine_usage()


@st.fragment(run_every=ENGINE_POLL_SECONDS)
@guarded
def _engine() -> None:
    st.subheader(t("engine_disk"))
    try:
        usage = _usage()
    except (EngineUnavailable, DockerException):
        st.info(t("engine_none"))
        return
    cache, images = st.columns(2)
    cache.metric(t("engine_cache"), size_text(usage.cache_bytes))
    cache.caption(
        t(
            "engine_cache_help",
            buildkit=size_text(usage.build_cache_bytes),
            records=usage.build_cache_records,
            untagged=size_text(usage.untagged_bytes),
            count=usage.untagged_images,
        )
    )
    images.metric(t("engine_images"), size_text(usage.image_bytes))
    images.caption(t("engine_images_help", tagged=usage.tagged_images))


def size_text(size: int) -> str:
    """Decimal units, as `docker system df` prints them: 1.2 GB, 350 MB, 0 B."""
    value, unit = float(size), 0
    while value >= 1000 and unit < len(UNITS) - 1:
        value, unit = value / 1000, unit + 1
    return (
        f"{value:.0f} {UNITS[unit]}" if unit == 0 or value >= 100 else f"{value:.1f} {UNITS[unit]}"
    )
