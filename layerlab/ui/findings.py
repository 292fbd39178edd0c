"""The lint panel beside the editor: each finding with its rule's why and fix, and a score."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from layerlab.lint import Finding
from layerlab.lint.findings import Level
from layerlab.lint.registry import rules_by_code
from layerlab.ui import state
from layerlab.ui.editor import component
from layerlab.ui.render import escape_markdown, show_dockerfile
from layerlab.ui.routes import lesson_link
from layerlab.ui.strings import t

BADGE_COLOURS = {
    Level.ERROR: "red",
    Level.WARNING: "orange",
    Level.INFO: "blue",
    Level.STYLE: "gray",
}
PENALTY = {Level.ERROR: 20, Level.WARNING: 10, Level.INFO: 3, Level.STYLE: 1}


def score(findings: list[Finding]) -> int:
    """100 for a clean Dockerfile, less for each finding by severity, never below 0."""
    return max(0, 100 - sum(PENALTY[finding.level] for finding in findings))


def by_level(findings: list[Finding]) -> dict[Level, int]:
    counts = Counter(finding.level for finding in findings)
    return {level: counts.get(level, 0) for level in Level}


def level_name(level: Level) -> str:
    return t(f"level_{level.value}")


def badge(level: Level) -> str:
    return f":{BADGE_COLOURS[level]}-badge[{level_name(level)}]"


def findings_panel(findings: list[Finding]) -> None:
    """Severity, line, rule, message; the why and the fix one click away."""
    with st.container(key="findings-panel"):
        st.subheader(f"{t('findings')} ({len(findings)})")
        if not findings:
            st.success(t("no_findings"))
        for finding in findings:
            _finding(finding)


def _finding(finding: Finding) -> None:
    lang = state.lang()
    rule = rules_by_code().get(finding.code)
    head = (
        f"{badge(finding.level)} · {t('line_n', n=finding.line)} · `{finding.code}` {finding.name}"
    )
    st.markdown(head)
    st.markdown(escape_markdown(finding.message))
    if rule is None or state.projector():
        return
    with st.expander(f"{t('why')} / {t('fix')}: {finding.code}"):
        st.markdown(f"**{t('why')}**: {rule.why(lang)}")
        st.markdown(f"**{t('fix')}**: {rule.fix(lang)}")
        lesson_link(rule.lesson)


def score_panel(findings: list[Finding], *, previous: int | None) -> None:
    """The score with its change since the previous edit, and counts by severity."""
    value = score(findings)
    columns = st.columns(1 + len(Level))
    columns[0].metric(
        t("score"), f"{value}/100", delta=None if previous is None else value - previous
    )
    for column, (level, count) in zip(columns[1:], by_level(findings).items(), strict=True):
        column.metric(level_name(level), count)


def flagged_view(text: str, findings: list[Finding]) -> None:
    """The learner's text, read-only, flagged lines highlighted (always escaped by pygments)."""
    with st.expander(t("flagged_lines"), expanded=component() is None):
        show_dockerfile(text, [finding.line for finding in findings])
