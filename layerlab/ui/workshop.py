"""Workshop mode for learners: an optional nickname sign-in, saving, and the facilitator's banner.

Anonymous use stays as it was. Once signed in, the learner's passes and editor texts go to the
shared store (layerlab.workshop.store) when they change, and come back on a new session: the
URL carries a random token (never the resume code), so a reload or an app restart picks the
work up again; the nickname and resume code open it in another browser, behind the store's
locked door (layerlab.workshop.doors).

The facilitator's sign-in lives here too, since navigation lists the facilitator page only
for a signed-in facilitator: a signed, expiring token (layerlab.workshop.tokens) in a browser
session cookie. Streamlit reads cookies from the websocket's opening request
(`st.context.cookies`) but has no call to set one, so a line of script in the page does.
"""

from __future__ import annotations

import json
import math
import sqlite3

import streamlit as st

from layerlab.ui import state
from layerlab.ui.guard import guarded
from layerlab.ui.render import escape_markdown
from layerlab.ui.routes import entry, lesson_title, page_for
from layerlab.ui.strings import t
from layerlab.workshop import doors, tokens
from layerlab.workshop.config import facilitator_enabled
from layerlab.workshop.store import Learner, NicknameError, NicknameTaken, Store, db_path

LEARNER = "workshop-learner"
NEW_CODE = "workshop-new-code"
SAVED = "workshop-saved"  # scope -> the text last written, so only changes are saved
DISMISSED = "workshop-dismissed"
TOKEN = "learner"  # the query parameter
BANNER_POLL_SECONDS = 15
FACILITATOR = "facilitator-authorized"
FACILITATOR_TOKEN = "facilitator-token"
COOKIE = "layerlab_facilitator"
COOKIE_WRITE = "facilitator-cookie"  # a cookie to set ("" to clear) on this run's page
LOOPBACK = "local"


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """The app-wide store for the configured path (a test can point LAYERLAB_DB elsewhere)."""
    return _store(str(db_path()))


def learner() -> Learner | None:
    return st.session_state.get(LEARNER)


def sync_learner() -> None:
    """Sign in from the URL's token on a session's first run; keep the token in the URL."""
    session, query = st.session_state, st.query_params
    if LEARNER not in session:
        token = query.get(TOKEN)
        found = store().by_token(token) if token else None
        session[LEARNER] = None
        if found is not None:
            _adopt(found)
    current = session[LEARNER]
    if current is not None and query.get(TOKEN) != current.token:
        query[TOKEN] = current.token
    elif current is None and TOKEN in query:
        del query[TOKEN]


def _adopt(found: Learner) -> None:
    """Merge saved and local work: saved texts win; local work not saved yet is saved now."""
    st.session_state[LEARNER] = found
    saved_texts = store().texts(found.id)
    local = st.session_state.setdefault(state.TEXTS, {})
    for scope, text in saved_texts.items():
        if scope in local and local[scope] != text:
            state.replace_editor_text(scope, text)  # remount the open editor with it
        else:
            state.set_editor_text(scope, text)
    st.session_state[SAVED] = dict(saved_texts)
    for scope, text in list(local.items()):
        save_text(scope, text)
    passed = store().passed(found.id)
    for scope in state.passed_lessons() - passed:
        store().mark_passed(found.id, scope)
    state.passed_lessons().update(passed)


def save_text(scope: str, text: str) -> None:
    """Write the scope's text when signed in and it changed since the last write."""
    current = learner()
    saved = st.session_state.setdefault(SAVED, {})
    if current is None or saved.get(scope) == text:
        return
    try:
        store().save_text(current.id, scope, text)
    except sqlite3.Error:
        st.warning(t("save_failed"))
        return
    saved[scope] = text


def record_pass(scope: str) -> None:
    current = learner()
    if current is None:
        return
    try:
        store().mark_passed(current.id, scope)
    except sqlite3.Error:
        st.warning(t("save_failed"))


def signin_box() -> None:
    """The sidebar's sign-in: who is signed in, the new code once, or the form."""
    current = learner()
    if current is None:
        _signin_form()
        return
    st.caption(t("signed_in", name=escape_markdown(current.nickname)))
    code = st.session_state.get(NEW_CODE)
    if code:
        st.success(t("your_code", code=code))
        st.button(t("code_noted"), key="workshop-code-noted", on_click=_forget_code)
    st.button(t("signout"), key="workshop-signout", on_click=_sign_out)


def _signin_form() -> None:
    with (
        st.expander(t("signin")),
        st.form("workshop-signin", clear_on_submit=True, border=False),
    ):
        st.caption(t("signin_help"))
        nickname = st.text_input(t("nickname"), key="workshop-nickname", max_chars=32)
        code = st.text_input(t("resume_code"), key="workshop-code", max_chars=16)
        if st.form_submit_button(t("signin_button"), key="workshop-signin-submit"):
            _sign_in(nickname, code)


def client_id() -> str:
    """Who is knocking, for the doors' counts.

    The websocket peer's address (`st.context.ip_address`). Streamlit gives None for loopback:
    then a proxy on this host may have named the client in X-Forwarded-For (its last entry is
    the one the proxy added), else every loopback user is one client, "local".
    """
    address = _text(st.context.ip_address)
    if address:
        return address
    forwarded = _text(st.context.headers.get("X-Forwarded-For"))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else LOOPBACK


def request_cookie(name: str) -> str:
    """A cookie the browser sent when this session's websocket opened; "" when absent."""
    return _text(st.context.cookies.get(name))


def _text(value: object) -> str:
    """A context value as text: "" for None, and for what AppTest's stand-in client gives."""
    return value if isinstance(value, str) else ""


def refusal(wait: doors.Wait) -> str:
    if wait.locked:
        return t("door_locked", minutes=math.ceil(wait.seconds / 60))
    return t("door_wait", seconds=math.ceil(wait.seconds))


def _sign_in(nickname: str, code: str) -> None:
    if code.strip():
        found = doors.resume(store(), nickname, code, client_id())
        if isinstance(found, doors.Wait):
            st.error(refusal(found))
            return
        if found is None:
            st.error(t("wrong_resume"))
            return
    else:
        try:
            found, new_code = store().register(nickname)
        except NicknameTaken:
            st.error(t("nickname_taken"))
            return
        except NicknameError:
            st.error(t("nickname_bad"))
            return
        st.session_state[NEW_CODE] = new_code
    _adopt(found)
    st.rerun()  # the whole app: the sidebar and page icons show restored passes


def _forget_code() -> None:
    st.session_state.pop(NEW_CODE, None)


def _sign_out() -> None:
    st.session_state.pop(NEW_CODE, None)
    st.session_state.pop(SAVED, None)
    st.session_state[LEARNER] = None  # the tab keeps its texts: nothing typed is lost


def facilitator_signed_in() -> bool:
    """Signed in this session, or the browser brought a valid token from an earlier one."""
    if not facilitator_enabled():
        return False
    session = st.session_state
    if FACILITATOR not in session:
        token = request_cookie(COOKIE)
        session[FACILITATOR] = bool(token) and tokens.valid(store(), token)
        if session[FACILITATOR]:
            session[FACILITATOR_TOKEN] = token
    return bool(session[FACILITATOR])


def facilitator_sign_in(passcode: str) -> str | None:
    """Check the passcode at its door; None when signed in, else the message to show."""
    outcome = doors.facilitator(store(), passcode, client_id())
    if isinstance(outcome, doors.Wait):
        return refusal(outcome)
    if not outcome:
        return t("wrong_passcode")
    token = tokens.issue(store())
    st.session_state.update({FACILITATOR: True, FACILITATOR_TOKEN: token, COOKIE_WRITE: token})
    return None


def facilitator_sign_out() -> None:
    token = st.session_state.pop(FACILITATOR_TOKEN, "")
    if token:
        tokens.revoke(store(), token)
    st.session_state.update({FACILITATOR: False, COOKIE_WRITE: ""})


def write_cookie() -> None:
    """Set (or clear) the facilitator's cookie once, after signing in or out.

    A session cookie (no expiry: it ends with the browser session), for this site only.
    """
    value = st.session_state.pop(COOKIE_WRITE, None)
    if value is None:
        return
    ending = "" if value else "; max-age=0"
    cookie = f"{COOKIE}={value}; path=/; SameSite=Strict{ending}"
    st.html(
        f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True
    )


@st.fragment(run_every=BANNER_POLL_SECONDS)
@guarded
def banner() -> None:
    """The facilitator's "everyone go to lesson N": a link, never a page switch."""
    try:
        announcement = store().announcement()
    except (OSError, sqlite3.Error):  # no writable data folder: lessons still work
        return
    if announcement is None or announcement.scope is None:
        return
    item = entry(announcement.scope)
    if item is None or st.session_state.get(DISMISSED) == announcement.id:
        return
    with st.container(key="workshop-banner", border=True):
        text, link, close = st.columns([3, 3, 1], vertical_alignment="center")
        text.markdown(f":material/campaign: **{t('go_to')}**")
        link.page_link(page_for(item.slug), label=lesson_title(item), icon=":material/school:")
        close.button(
            t("dismiss"), key="workshop-dismiss", on_click=_dismiss, args=(announcement.id,)
        )


def _dismiss(announcement: int) -> None:
    st.session_state[DISMISSED] = announcement
