"""What the pages show for a text, computed once per (text, project, language).

Every rerun of a page (a keystroke, a button, a language switch back) asks for the findings
of the same text again; a bounded memo answers without linting twice. The sample projects do
not change while the app runs, so a project's name stands for its context.
"""

from __future__ import annotations

import streamlit as st

from layerlab.exercises import CheckResult
from layerlab.lessons import Lesson, check_exercise, sample_project
from layerlab.lint import Finding, lint

MEMO_ENTRIES = 512  # texts × projects × languages: a workshop's worth of recent edits


@st.cache_data(max_entries=MEMO_ENTRIES, show_spinner=False)
def findings_for(text: str, project: str | None, lang: str) -> list[Finding]:
    context = sample_project(project).context() if project else None
    return lint(text, context=context, lang=lang)


@st.cache_data(
    max_entries=MEMO_ENTRIES,
    show_spinner=False,
    hash_funcs={Lesson: lambda lesson: (lesson.slug, repr(lesson.exercise))},
)
def checks_for(lesson: Lesson, text: str, lang: str) -> list[CheckResult]:
    """The exercise's check results; the findings come from the same memo."""
    return check_exercise(lesson, text, findings_for(text, lesson.project, lang))
