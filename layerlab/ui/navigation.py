"""The page list for st.navigation, the frame every page shares, and links between lessons.

Pages are callables built from the lessons on disk, so a new lesson folder is a new page.
Each run the preferences are synced first, then the page is framed: controls (language,
projector), progress, and in projector mode the large-type styles and keyboard navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from layerlab.lessons import Lesson, LessonError, lesson_folders, load_lesson
from layerlab.text import LANGUAGES
from layerlab.ui import projector, state, workshop
from layerlab.ui.strings import t
from layerlab.workshop.config import facilitator_enabled

HOME = "home"
PLAYGROUND = "playground"
LAB = "lab"
FACILITATOR = "facilitator"
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


@dataclass(frozen=True)
class LessonEntry:
    """A lesson folder and what loading it gave: the lesson, or the error to show."""

    slug: str
    lesson: Lesson | None
    error: str | None = None


@st.cache_resource(ttl=10, show_spinner=False)
def lesson_entries() -> tuple[LessonEntry, ...]:
    """Every lesson folder in order; a broken one still gets a page that names the problem."""
    return tuple(_entry(folder) for folder in lesson_folders())


def _entry(folder: Path) -> LessonEntry:
    try:
        return LessonEntry(folder.name, load_lesson(folder))
    except LessonError as exc:
        return LessonEntry(folder.name, None, str(exc))


def entry(slug: str) -> LessonEntry | None:
    return next((item for item in lesson_entries() if item.slug == slug), None)


def lesson_title(item: LessonEntry) -> str:
    number = item.slug.split("-", 1)[0].lstrip("0")
    title = item.lesson.title(state.lang()) if item.lesson else item.slug
    return f"{number}. {title}"


def pages() -> dict[str, list[st.Page]]:
    """The navigation sections, titled in the current language."""
    state.sync_preferences()
    workshop.sync_learner()
    passed = state.passed_lessons()
    lessons = [
        st.Page(
            _framed(_lesson_body(item.slug)),
            title=lesson_title(item),
            icon=":material/check_circle:" if item.slug in passed else None,
            url_path=item.slug,
        )
        for item in lesson_entries()
    ]
    sections = {
        t("app"): [page_for(HOME)],
        t("lessons"): lessons,
        t("lab"): [page_for(PLAYGROUND), page_for(LAB)],
    }
    if facilitator_enabled():  # no passcode, no page
        sections[t("workshop")] = [page_for(FACILITATOR)]
    return sections


def page_for(key: str) -> st.Page:
    """The page for HOME, PLAYGROUND or a lesson slug; Streamlit matches pages by url_path."""
    if key == HOME:
        return st.Page(_framed(_home_body), title=t("home"), url_path=HOME, default=True)
    if key == PLAYGROUND:
        return st.Page(_framed(_playground_body), title=t("playground"), url_path=PLAYGROUND)
    if key == LAB:
        return st.Page(_framed(_lab_body), title=t("build_lab"), url_path=LAB)
    if key == FACILITATOR:
        return st.Page(_framed(_facilitator_body), title=t("facilitator"), url_path=FACILITATOR)
    return st.Page(_framed(_lesson_body(key)), title=key, url_path=key)


def lesson_link(slug: str) -> None:
    item = entry(slug)
    if item is not None:
        st.page_link(page_for(slug), label=t("lesson_link", title=lesson_title(item)))


def previous_next(key: str) -> None:
    """Buttons to walk home → lessons in order; projector mode binds them to arrow keys."""
    order = [HOME, *(item.slug for item in lesson_entries())]
    index = order.index(key)
    left, _, right = st.columns([1, 4, 1])
    if index > 0 and left.button(t("previous"), key="nav-prev"):
        st.switch_page(page_for(order[index - 1]))
    if index + 1 < len(order) and right.button(t("next"), key="nav-next"):
        st.switch_page(page_for(order[index + 1]))


# The page bodies import lazily: they import this module for links and navigation.


def _lesson_body(slug: str) -> Callable[[], None]:
    def body() -> None:
        from layerlab.ui.lesson_page import render_lesson

        render_lesson(slug)

    body.__name__ = f"lesson_{slug.replace('-', '_')}"
    return body


def _home_body() -> None:
    from layerlab.ui.home import render_home

    render_home()


def _playground_body() -> None:
    from layerlab.ui.playground import render_playground

    render_playground()


def _lab_body() -> None:
    from layerlab.ui.lab_page import render_lab

    render_lab()


def _facilitator_body() -> None:
    from layerlab.ui.facilitator_page import render_facilitator

    render_facilitator()


def _framed(body: Callable[[], None]) -> Callable[[], None]:
    def page() -> None:
        if state.projector():
            projector.apply()
            _controls(st.columns([3, 3, 2])[:2])
        else:
            with st.sidebar:
                _controls([st.container(), st.container()])
                _progress()
                workshop.signin_box()
        if facilitator_enabled():  # no facilitator, no announcements: spare every page the poll
            workshop.banner()
        body()

    page.__name__ = body.__name__
    return page


def _controls(places: list[DeltaGenerator]) -> None:
    language_key = state.remembered(state.LANG, state.DEFAULT_LANG)
    places[0].radio(
        t("language"),
        LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=language_key,
        horizontal=True,
        on_change=state.remember,
        args=(state.LANG,),
    )
    projector_key = state.remembered(state.PROJECTOR, False)
    places[1].toggle(
        t("projector"), key=projector_key, on_change=state.remember, args=(state.PROJECTOR,)
    )


def _progress() -> None:
    total = len(lesson_entries())
    done = len(state.passed_lessons() & {item.slug for item in lesson_entries()})
    st.progress(done / total if total else 0.0, text=t("passed_count", done=done, total=total))
