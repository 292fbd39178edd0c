"""A lesson: the reading (explanation, bad and good, its rules) beside the exercise.

At 1400×900 the exercise's editor is on the first screen: the reading sits in tabs to its
left. Projector mode shows one section at a time, full width, picked with a control.
"""

from __future__ import annotations

import streamlit as st

from layerlab.exercises import CheckResult, Exercise, passed
from layerlab.lessons import Lesson
from layerlab.ui import state, workshop
from layerlab.ui.analysis import checks_for, findings_for
from layerlab.ui.editor import current_text, dockerfile_editor
from layerlab.ui.findings import findings_panel, flagged_view
from layerlab.ui.guard import guarded
from layerlab.ui.render import changed_lines, diff_html, show_dockerfile
from layerlab.ui.routes import entry, lesson_title, previous_next
from layerlab.ui.rule_docs import CROSS, TICK, rules_taught
from layerlab.ui.strings import t

# Material icons ship with Streamlit: no emoji font needed on classroom machines.
OPEN = ":gray[:material/radio_button_unchecked:]"
READING = ("explanation", "before_after", "rules_taught")
SECTIONS = (*READING, "exercise")


def render_lesson(slug: str) -> None:
    item = entry(slug)
    if item is None:
        st.error(slug)
        return
    st.title(lesson_title(item))
    previous_next(slug)
    if item.lesson is None:
        st.error(f"{t('lesson_error')} {item.error}")
        return
    lesson = item.lesson
    if state.projector():
        _one_section(lesson)
    elif lesson.exercise is None:
        _reading(lesson)
    else:
        reading, doing = st.columns(2, gap="large")
        with reading:
            _reading(lesson)
        with doing:
            _exercise(lesson)


def _one_section(lesson: Lesson) -> None:
    sections = [name for name in SECTIONS if _has(lesson, name)]
    key = state.remembered(state.scoped(lesson.slug, "section"), sections[0])
    st.segmented_control(
        t("section"),
        sections,
        format_func=t,
        key=key,
        required=True,
        on_change=state.remember,
        args=(state.scoped(lesson.slug, "section"),),
        label_visibility="collapsed",
    )
    RENDERERS[st.session_state[key]](lesson)


def _reading(lesson: Lesson) -> None:
    names = [name for name in READING if _has(lesson, name)]
    for tab, name in zip(st.tabs([t(name) for name in names]), names, strict=True):
        with tab:
            RENDERERS[name](lesson)


def _has(lesson: Lesson, section: str) -> bool:
    return {
        "explanation": True,
        "before_after": lesson.bad is not None and lesson.good is not None,
        "rules_taught": bool(lesson.rules),
        "exercise": lesson.exercise is not None,
    }[section]


def _explanation(lesson: Lesson) -> None:
    st.markdown(lesson.body(state.lang()))


def _before_after(lesson: Lesson) -> None:
    st.caption(t("before_after_help"))
    lang = state.lang()
    before, after = lesson.bad(lang) if lesson.bad else "", lesson.good(lang) if lesson.good else ""
    removed, added = changed_lines(before, after)
    # Side by side only where there is room for it: the projector's full width.
    bad, good = st.columns(2) if state.projector() else (st.container(), st.container())
    with bad:
        st.subheader(f"{CROSS} {t('bad')}")
        show_dockerfile(before, removed, tone="bad")
    with good:
        st.subheader(f"{TICK} {t('good')}")
        show_dockerfile(after, added, tone="good")


def _exercise(lesson: Lesson) -> None:
    st.subheader(t("exercise"))
    exercise = lesson.exercise
    assert exercise is not None  # _has() only offers the section when there is one
    st.markdown(f"**{t('goal')}**: {exercise.goal(state.lang())}")
    _workspace(lesson, exercise)


@st.fragment
@guarded
def _workspace(lesson: Lesson, exercise: Exercise) -> None:
    """Editor, checks, findings, hints, solution: a keystroke reruns only this part."""
    scope, lang = lesson.slug, state.lang()
    text = current_text(scope, exercise.starter)
    workshop.save_text(scope, text)
    findings = findings_for(text, lesson.project, lang)
    results = checks_for(lesson, text, lang)
    dockerfile_editor(scope, text, findings)
    check_button, reset_button = st.columns(2)
    if check_button.button(t("check"), key=f"check-{scope}", type="primary"):
        st.session_state[state.scoped(scope, "checked")] = text
        if passed(results) and state.mark_passed(scope):
            workshop.record_pass(scope)
            st.rerun()  # the whole app, so the sidebar and page icons show the pass
    reset_button.button(
        t("reset"),
        key=f"reset-{scope}",
        on_click=state.replace_editor_text,
        args=(scope, exercise.starter),
    )
    _checks(scope, text, results)
    findings_panel(findings)
    flagged_view(text, findings)
    _hints(scope, exercise)
    _solution(text, exercise)


def _checks(scope: str, text: str, results: list[CheckResult]) -> None:
    lang = state.lang()
    checked = st.session_state.get(state.scoped(scope, "checked")) == text
    with st.container(key="exercise-checks"):
        for result in results:
            mark = (TICK if result.passed else CROSS) if checked else OPEN
            st.markdown(f"{mark} {result.label(lang)}")
        if not checked:
            return
        failing = sum(not result.passed for result in results)
        if failing:
            st.warning(t("not_yet", n=failing))
        else:
            st.success(t("passed"))


def _hints(scope: str, exercise: Exercise) -> None:
    if not exercise.hints:
        return
    key = state.scoped(scope, "hints")
    shown = st.session_state.setdefault(key, 0)
    for index, hint in enumerate(exercise.hints[:shown], start=1):
        st.info(f"**{t('hint_n', n=index)}**: {hint(state.lang())}")
    if shown < len(exercise.hints):
        st.button(
            t("hint", shown=shown, total=len(exercise.hints)),
            key=f"hint-{scope}",
            on_click=_show_one_more,
            args=(key,),
        )


def _show_one_more(key: str) -> None:
    st.session_state[key] += 1


def _solution(text: str, exercise: Exercise) -> None:
    with st.expander(t("solution")):
        st.code(exercise.solution, language="docker", wrap_lines=True)
        st.markdown(f"**{t('diff')}**")
        diff = diff_html(text, exercise.solution, names=("Dockerfile", "solution.Dockerfile"))
        if diff is None:
            st.success(t("same_as_solution"))
        else:
            st.html(diff)


RENDERERS = {
    "explanation": _explanation,
    "before_after": _before_after,
    "rules_taught": rules_taught,
    "exercise": _exercise,
}
