"""The page list for st.navigation and the frame every page shares.

Pages are callables built from the lessons on disk, so a new lesson folder is a new page.
Each run the preferences are synced first, then the page is framed: controls (language,
projector), progress, and in projector mode the large-type styles and keyboard navigation.
Every body runs guarded (layerlab.ui.guard): a crash shows an error id, not a trace.
This is the only module that imports the page bodies; they link through `routes`.

The facilitator page is listed only for the signed-in facilitator; for everyone else it is a
hidden page, reached by its URL (/facilitator) to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from layerlab.text import LANGUAGES
from layerlab.ui import projector, state, workshop
from layerlab.ui.guard import guarded, log_to_console
from layerlab.ui.pages.facilitator import render_facilitator
from layerlab.ui.pages.home import render_home
from layerlab.ui.pages.lab import render_lab
from layerlab.ui.pages.lesson import render_lesson
from layerlab.ui.pages.playground import render_playground
from layerlab.ui.routes import (
    FACILITATOR,
    HOME,
    LAB,
    PLAYGROUND,
    lesson_entries,
    lesson_title,
    title,
)
from layerlab.ui.strings import t
from layerlab.workshop.config import facilitator_enabled

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}
BODIES: dict[str, Callable[[], None]] = {
    HOME: render_home,
    PLAYGROUND: render_playground,
    LAB: render_lab,
    FACILITATOR: render_facilitator,
}


def pages() -> dict[str, list[st.Page]]:
    """The navigation sections, titled in the current language."""
    log_to_console()
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
        t("app"): [_page(HOME)],
        t("lessons"): lessons,
        t("lab"): [_page(PLAYGROUND), _page(LAB)],
    }
    if workshop.facilitator_signed_in():
        sections[t("workshop")] = [_page(FACILITATOR)]
    elif facilitator_enabled():  # no passcode, no page; not signed in, a page off the list
        sections[t("app")].append(_page(FACILITATOR, visibility="hidden"))
    return sections


def _page(key: str, visibility: Literal["visible", "hidden"] = "visible") -> st.Page:
    return st.Page(
        _framed(BODIES[key], banner=key != FACILITATOR),
        title=title(key),
        url_path=key,
        default=key == HOME,
        visibility=visibility,
    )


def _lesson_body(slug: str) -> Callable[[], None]:
    def body() -> None:
        render_lesson(slug)

    body.__name__ = f"lesson_{slug.replace('-', '_')}"
    return body


def _framed(body: Callable[[], None], *, banner: bool = True) -> Callable[[], None]:
    """The page around `body`; `banner`: the facilitator's push shows here (not on theirs)."""
    guarded_body = guarded(body)

    def page() -> None:
        workshop.write_cookie()
        if state.projector():
            projector.apply()
            with st.container(key=projector.CONTROLS, horizontal=True):
                _controls([st.container(width="content"), st.container(width="content")])
        else:
            with st.sidebar:
                _controls([st.container(), st.container()])
                _progress()
                workshop.signin_box()
        # No facilitator, no announcements: spare every page the poll.
        if banner and facilitator_enabled():
            workshop.banner()
        guarded_body()

    page.__name__ = body.__name__
    return page


def _controls(places: list[DeltaGenerator]) -> None:
    """Language and projector mode; on the projector the language names speak for themselves."""
    language_key = state.remembered(state.LANG, state.DEFAULT_LANG)
    places[0].radio(
        t("language"),
        LANGUAGES,
        format_func=LANGUAGE_NAMES.__getitem__,
        key=language_key,
        horizontal=True,
        label_visibility="collapsed" if state.projector() else "visible",
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
