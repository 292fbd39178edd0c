"""What the app remembers for a browser session, in st.session_state, mirrored in the URL.

Preferences (language, projector mode) live in plain session keys, not widget keys: Streamlit
drops a widget's state on pages that do not render it, and a URL opened fresh (?lang=en) must
win over the defaults. Editor texts are kept per scope (a lesson slug or the playground) so
nothing typed is lost when the learner goes elsewhere and comes back.
"""

from __future__ import annotations

import streamlit as st

from layerlab.text import LANGUAGES

DEFAULT_LANG = "ja"
LANG = "lang"
PROJECTOR = "projector"
PASSED = "passed_lessons"
TEXTS = "editor_texts"
VERSIONS = "editor_versions"


def sync_preferences() -> None:
    """Adopt the URL's preferences on a session's first run, then keep the URL in step."""
    state, params = st.session_state, st.query_params
    if LANG not in state:
        state[LANG] = params.get(LANG) if params.get(LANG) in LANGUAGES else DEFAULT_LANG
    if PROJECTOR not in state:
        state[PROJECTOR] = params.get(PROJECTOR) in ("1", "true", "on")
    if params.get(LANG) != state[LANG]:
        params[LANG] = state[LANG]
    if state[PROJECTOR] and params.get(PROJECTOR) != "1":
        params[PROJECTOR] = "1"
    elif not state[PROJECTOR] and PROJECTOR in params:
        del params[PROJECTOR]


def lang() -> str:
    return st.session_state.get(LANG, DEFAULT_LANG)


def projector() -> bool:
    return bool(st.session_state.get(PROJECTOR, False))


def passed_lessons() -> set[str]:
    return st.session_state.setdefault(PASSED, set())


def mark_passed(slug: str) -> bool:
    """Record a pass; True when it is new (the sidebar then needs a full rerun)."""
    done = passed_lessons()
    if slug in done:
        return False
    done.add(slug)
    return True


def editor_text(scope: str, initial: str) -> str:
    return st.session_state.setdefault(TEXTS, {}).setdefault(scope, initial)


def set_editor_text(scope: str, text: str) -> None:
    st.session_state.setdefault(TEXTS, {})[scope] = text


def editor_version(scope: str) -> int:
    return st.session_state.setdefault(VERSIONS, {}).get(scope, 0)


def replace_editor_text(scope: str, text: str) -> None:
    """Put new text in the editor (reset, upload): a fresh widget key remounts it."""
    set_editor_text(scope, text)
    versions = st.session_state.setdefault(VERSIONS, {})
    versions[scope] = versions.get(scope, 0) + 1


def scoped(scope: str, name: str) -> str:
    """A session key for per-scope state such as hints shown."""
    return f"{name}:{scope}"


def remembered(name: str, default: object) -> str:
    """Seed the widget for plain session key `name` and return the widget's key.

    Pair with on_change=remember, args=(name,): the plain key outlives the widget.
    """
    widget = f"widget-{name}"
    st.session_state[widget] = st.session_state.setdefault(name, default)
    return widget


def remember(name: str) -> None:
    st.session_state[name] = st.session_state[f"widget-{name}"]
