"""Where pages live: page keys, the lessons on disk, and links between pages.

Page bodies import this module to link to each other; only `navigation` imports the bodies.
Streamlit resolves `st.page_link` and `st.switch_page` by a page's url_path, so a link here
is an `st.Page` with the right url_path whose body is never run: the body that runs is the
one `navigation` registers under the same url_path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from layerlab.lessons import Lesson, LessonError, lesson_folders, load_lesson
from layerlab.ui import state
from layerlab.ui.strings import t

HOME = "home"
PLAYGROUND = "playground"
LAB = "lab"
FACILITATOR = "facilitator"
PLAYGROUND_SCOPE = "playground"  # the playground editor's scope in the session and the store
TITLE_KEYS = {HOME: "home", PLAYGROUND: "playground", LAB: "build_lab", FACILITATOR: "facilitator"}


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


def title(key: str) -> str:
    """A page's title in the current language: app pages by key, lessons by slug."""
    if key in TITLE_KEYS:
        return t(TITLE_KEYS[key])
    item = entry(key)
    return lesson_title(item) if item is not None else key


def page_for(key: str) -> st.Page:
    """A link target for HOME, PLAYGROUND, LAB, FACILITATOR or a lesson slug."""
    return st.Page(_link_target, title=title(key), url_path=key, default=key == HOME)


def _link_target() -> None:
    """Never run: navigation registers the real body under the same url_path."""


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
