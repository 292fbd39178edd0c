"""The start page: what LayerLab is, the lessons with the learner's progress, the playground."""

from __future__ import annotations

import streamlit as st

from layerlab.ui import state
from layerlab.ui.routes import (
    HOME,
    PLAYGROUND,
    lesson_entries,
    lesson_title,
    page_for,
    previous_next,
)
from layerlab.ui.strings import t


def render_home() -> None:
    st.title(t("app"))
    previous_next(HOME)
    st.markdown(t("home_intro"))
    passed = state.passed_lessons()
    for item in lesson_entries():
        done = item.slug in passed
        st.page_link(
            page_for(item.slug),
            label=lesson_title(item),
            icon=":material/check_circle:" if done else ":material/radio_button_unchecked:",
        )
    st.divider()
    st.page_link(page_for(PLAYGROUND), label=t("playground_link"), icon=":material/edit:")
