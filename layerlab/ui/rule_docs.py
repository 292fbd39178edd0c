"""The rules a lesson teaches, rendered from the rule objects (their examples are their tests)."""

from __future__ import annotations

import streamlit as st

from layerlab.lessons import Lesson
from layerlab.lint.registry import Example, Rule, rules_by_code
from layerlab.ui import state
from layerlab.ui.render import show_dockerfile
from layerlab.ui.strings import t

# Material icons ship with Streamlit: no emoji font needed on classroom machines.
TICK = ":green[:material/check_circle:]"
CROSS = ":red[:material/cancel:]"


def rules_taught(lesson: Lesson) -> None:
    """The rules a lesson teaches, each collapsed: why, fix, equivalents, bad and good."""
    for code in lesson.rules:
        rule = rules_by_code()[code]
        with st.expander(f"`{rule.code}` {rule.name}: {rule.summary(state.lang())}"):
            _rule_doc(rule)


def _rule_doc(rule: Rule) -> None:
    lang = state.lang()
    st.markdown(f"**{t('why')}**: {rule.why(lang)}")
    st.markdown(f"**{t('fix')}**: {rule.fix(lang)}")
    if rule.versus_hadolint is not None:
        st.markdown(f"**{t('versus_hadolint')}**: {rule.versus_hadolint(lang)}")
    others = rule.hadolint + rule.aliases
    if others:
        st.markdown(f"**{t('equivalents')}**: " + ", ".join(f"`{code}`" for code in others))
    st.caption(f"{CROSS} {t('example_bad')}")
    _example(rule.bad[0], flagged=True)
    st.caption(f"{TICK} {t('example_good')}")
    _example(rule.good[0], flagged=False)


def _example(example: Example, *, flagged: bool) -> None:
    if example.note and state.lang() == "en":  # the rules' notes are English only
        st.caption(example.note)
    show_dockerfile(example.dockerfile, (example.lines or ()) if flagged else (), tone="bad")
