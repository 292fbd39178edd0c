"""Workshop mode through AppTest: sign-in and restore, the facilitator page, the banner, safety."""

from __future__ import annotations

import logging
import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest
from apptest_helpers import APP, SLUGS, editor_key, lesson_or_skip, open_exercise, type_into
from streamlit.testing.v1 import AppTest

from layerlab.lessons import Lesson
from layerlab.ui.render import CODE_SPAN, escape_markdown
from layerlab.ui.workshop import COOKIE
from layerlab.workshop.config import PASSCODE_ENV
from layerlab.workshop.doors import BY_NICKNAME
from layerlab.workshop.doors import PASSCODE as PASSCODE_POLICY
from layerlab.workshop.room import finding_codes
from layerlab.workshop.store import CODE_LENGTH, DB_ENV, Store, normalize_code

PASSCODE = "tangerine-42-SECRET"
TYPED = "FROM python:3.12-slim\n# my own work\n"
BAD = "FROM python:3.11\nCOPY . .\nRUN pip install -r requirements.txt\n"
HOSTILE = (
    "FROM python:3.11\n"
    "# <script>alert('x')</script>\n"
    '# <img src=x onerror="alert(1)">\n'
    "# [x](javascript:alert(1))\n"
    "RUN echo '<img src=x onerror=alert(2)>' [y](javascript:alert(3))\n"
)
HOSTILE_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Store:
    path = tmp_path / "workshop.sqlite"
    monkeypatch.setenv(DB_ENV, str(path))
    monkeypatch.delenv(PASSCODE_ENV, raising=False)
    return Store(path)


def fresh_app() -> AppTest:
    """A new AppTest: a new browser session, as after a reload or an app restart."""
    return AppTest.from_file(str(APP), default_timeout=30)


def exercise_slug() -> str:
    for slug in SLUGS:
        if lesson_or_skip(slug).exercise is not None:
            return slug
    pytest.skip("no lesson with an exercise yet")


def sign_in(at: AppTest, nickname: str, code: str = "") -> AppTest:
    if not at.title:
        at.run()
    at.text_input(key="workshop-nickname").set_value(nickname)
    at.text_input(key="workshop-code").set_value(code)
    return at.form_submit_button(key="workshop-signin-submit").click().run()


def shown_code(at: AppTest) -> str:
    message = next(s.value for s in at.sidebar.success if "**" in s.value)
    return message.split("**")[1]


def facilitator_app() -> AppTest:
    def script() -> None:
        import streamlit as st

        from layerlab.ui.navigation import pages
        from layerlab.ui.pages.facilitator import render_facilitator

        st.navigation(pages(), position="hidden")
        render_facilitator()

    return AppTest.from_function(script, default_timeout=30)


def enter_passcode(at: AppTest, attempt: str) -> AppTest:
    if not at.title:
        at.run()
    at.text_input(key="facilitator-passcode").set_value(attempt)
    return at.form_submit_button(key="facilitator-enter").click().run()


def everything(at: AppTest) -> str:
    """Every element the page sent, as text: what a browser would receive (tables too)."""
    return str(at._tree) + "".join(table.value.to_string() for table in at.table)


def readable_markdown(at: AppTest) -> list[str]:
    """Markdown outside code spans: where a link or tag would become live."""
    return [CODE_SPAN.sub("", md.value) for md in at.markdown] + [
        CODE_SPAN.sub("", c.value) for c in at.caption
    ]


# Sign-in and restore


def test_anonymous_use_still_works(app: AppTest) -> None:
    slug = exercise_slug()
    open_exercise(app, slug)
    type_into(app, editor_key(slug), TYPED)
    assert not app.exception
    assert app.session_state["workshop-learner"] is None
    assert "learner" not in app.query_params


def test_signing_in_shows_a_resume_code_once(app: AppTest) -> None:
    sign_in(app, "ann")
    code = shown_code(app)
    assert len(normalize_code(code)) == CODE_LENGTH
    app.button(key="workshop-code-noted").click().run()
    assert not [s for s in app.sidebar.success if code in s.value]


def test_a_taken_nickname_is_refused(app: AppTest, database: Store) -> None:
    database.register("ann")
    sign_in(app, "Ann")
    assert app.session_state["workshop-learner"] is None
    assert app.sidebar.error


def test_work_survives_an_app_restart(app: AppTest) -> None:
    slug = exercise_slug()
    exercise = open_exercise(app, slug)
    sign_in(app, "ann")
    type_into(app, editor_key(slug), exercise.solution)
    app.button(key=f"check-{slug}").click().run()
    token = app.query_params["learner"]

    restarted = fresh_app()
    restarted.query_params["learner"] = token
    open_exercise(restarted, slug)
    assert restarted.text_area(key=editor_key(slug)).value == exercise.solution
    assert slug in restarted.session_state["passed_lessons"]


def test_text_typed_before_signing_in_is_kept(app: AppTest, database: Store) -> None:
    slug = exercise_slug()
    open_exercise(app, slug)
    type_into(app, editor_key(slug), TYPED)
    sign_in(app, "ann")
    learner = app.session_state["workshop-learner"]
    assert database.texts(learner.id)[slug] == TYPED


def test_resume_in_another_browser_with_nickname_and_code(app: AppTest) -> None:
    slug = exercise_slug()
    open_exercise(app, slug)
    sign_in(app, "ann")
    code = shown_code(app)
    type_into(app, editor_key(slug), TYPED)

    other = fresh_app()
    sign_in(other, "ann", code)
    open_exercise(other, slug)
    assert other.text_area(key=editor_key(slug)).value == TYPED


def test_a_wrong_code_does_not_resume(app: AppTest, database: Store) -> None:
    database.register("ann")
    sign_in(app, "ann", "WRONG2")
    assert app.session_state["workshop-learner"] is None
    assert app.sidebar.error


def test_text_is_saved_only_when_it_changes(
    app: AppTest, database: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    slug = exercise_slug()
    open_exercise(app, slug)
    sign_in(app, "ann")
    writes: list[str] = []
    original = Store.save_text
    monkeypatch.setattr(
        Store, "save_text", lambda self, *args: writes.append(args[1]) or original(self, *args)
    )
    type_into(app, editor_key(slug), TYPED)
    app.run()
    app.run()
    assert writes == [slug]


# The facilitator page


def page_urls() -> list[str]:
    def script() -> None:
        import streamlit as st

        from layerlab.ui.navigation import pages

        sections = pages()
        st.session_state["urls"] = [page.url_path for group in sections.values() for page in group]
        st.navigation(sections, position="hidden")

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    return at.session_state["urls"]


def test_no_passcode_no_facilitator_page() -> None:
    assert "facilitator" not in page_urls()
    at = facilitator_app()
    at.run()
    assert not at.text_input
    assert at.warning


def test_a_passcode_adds_the_facilitator_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    assert "facilitator" in page_urls()


def test_a_wrong_passcode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    at = enter_passcode(facilitator_app(), "tangerine")
    assert at.error
    assert not at.table
    assert not at.session_state["facilitator-authorized"]


def seed_room(database: Store, lesson: Lesson) -> None:
    for n in range(3):
        learner, _ = database.register(f"learner-{n}")
        database.save_text(learner.id, lesson.slug, BAD)
        if n == 0:
            database.mark_passed(learner.id, lesson.slug)


def test_the_right_passcode_shows_the_room(
    monkeypatch: pytest.MonkeyPatch, database: Store
) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    lesson = lesson_or_skip(exercise_slug())
    seed_room(database, lesson)
    at = enter_passcode(facilitator_app(), PASSCODE)
    assert not at.exception
    assert at.metric[0].value == "3"
    top = at.table[0].value
    assert set(top.iloc[:, 1]) == {2}  # the learner who passed is done with the lesson
    assert {row.split()[0] for row in top.iloc[:, 0]} <= finding_codes(BAD, lesson.project)
    per_lesson = at.table[1].value
    row = per_lesson[
        per_lesson.iloc[:, 0].str.contains(escape_markdown(lesson.title("ja")), regex=False)
    ].iloc[0]
    assert (row.iloc[1], row.iloc[2]) == (1, 2)


def test_the_passcode_never_reaches_the_page_or_the_logs(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    caplog.set_level(logging.DEBUG)
    at = enter_passcode(facilitator_app(), "almost-" + PASSCODE)
    assert PASSCODE not in everything(at)
    enter_passcode(at, PASSCODE)
    assert at.table
    assert PASSCODE not in everything(at)
    assert PASSCODE not in repr(at.session_state)
    assert PASSCODE not in caplog.text


# The banner


def has_banner(at: AppTest) -> bool:
    try:
        at.get_by_key("workshop-banner")
    except KeyError:
        return False
    return True


def facilitator_signed_in(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    return enter_passcode(facilitator_app(), PASSCODE)


def test_the_push_shows_learners_a_banner_with_a_link(
    monkeypatch: pytest.MonkeyPatch, app: AppTest
) -> None:
    slug = exercise_slug()
    at = facilitator_signed_in(monkeypatch)
    at.selectbox(key="facilitator-lesson").set_value(slug).run()
    at.button(key="facilitator-push").click().run()
    app.run()
    links = [link.proto.page for link in app.get("page_link")]
    assert has_banner(app)
    assert any(slug in page for page in links)
    assert app.title[0].value == "LayerLab"  # still on the start page: nobody is yanked


def test_a_dismissed_banner_stays_away(
    monkeypatch: pytest.MonkeyPatch, app: AppTest, database: Store
) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    database.announce(exercise_slug())
    app.run()
    app.button(key="workshop-dismiss").click().run()
    assert not has_banner(app)


def test_taking_the_banner_down(
    monkeypatch: pytest.MonkeyPatch, app: AppTest, database: Store
) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    database.announce(exercise_slug())
    database.announce(None)
    app.run()
    assert not has_banner(app)


def test_without_a_facilitator_an_old_announcement_is_not_shown(
    app: AppTest, database: Store
) -> None:
    database.announce(exercise_slug())  # left from an earlier workshop in the same database
    app.run()
    assert not has_banner(app)


# Learner text stays inert


def test_a_hostile_nickname_is_shown_as_text(app: AppTest) -> None:
    sign_in(app, HOSTILE_NAME)
    shown = [c.value for c in app.sidebar.caption if "onerror" in c.value]
    assert shown
    assert all(re.search(r"(?<!\\)<", value) is None for value in shown)  # every < escaped


def test_hostile_dockerfiles_are_inert_on_the_facilitator_page(
    monkeypatch: pytest.MonkeyPatch, database: Store
) -> None:
    lesson = lesson_or_skip(exercise_slug())
    learner, _ = database.register(HOSTILE_NAME)
    database.save_text(learner.id, lesson.slug, HOSTILE)
    at = facilitator_signed_in(monkeypatch)
    page = everything(at)
    assert "<script" not in page
    assert "<img" not in page
    assert "javascript:" not in page
    assert not at.get("html") or all("<script" not in h.value for h in at.get("html"))


def test_hostile_dockerfiles_are_inert_in_the_lesson(app: AppTest) -> None:
    slug = exercise_slug()
    open_exercise(app, slug)
    type_into(app, editor_key(slug), HOSTILE)
    assert not app.exception
    for view in (h.value for h in app.get("html")):
        assert "<script>" not in view
        assert "<img" not in view
        assert 'href="javascript' not in view
    for text in readable_markdown(app):
        assert "<script" not in text
        assert "<img" not in text
        assert "](javascript:" not in text


def test_hostile_dockerfiles_are_inert_in_the_playground(app: AppTest) -> None:
    from test_workspace import playground_app

    at = playground_app()
    at.run()
    type_into(at, "editor-playground-0", HOSTILE)
    assert not at.exception
    assert all("<img" not in h.value for h in at.get("html"))
    for text in readable_markdown(at):
        assert "<img" not in text
        assert "](javascript:" not in text


# Uploads


def test_an_upload_is_never_written_to_disk(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import streamlit as st
    from test_workspace import playground_app

    upload = SimpleNamespace(
        name="../../../../tmp/evil-upload", file_id="f1", getvalue=lambda: BAD.encode()
    )
    monkeypatch.setattr(st, "file_uploader", lambda *args, **kwargs: upload)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    before = set(tmp_path.rglob("*")) | set(Path("/tmp").glob("evil*"))
    at = playground_app()
    at.run()
    assert not at.exception
    assert at.text_area[0].value == BAD
    after = set(tmp_path.rglob("*")) | set(Path("/tmp").glob("evil*"))
    assert after - before <= {tmp_path / "workshop.sqlite-wal", tmp_path / "workshop.sqlite-shm"}


# The facilitator page: listed only for the facilitator, kept across reloads


def listed_pages() -> dict[str, str]:
    """url_path -> visibility of every page navigation registers, in a fresh session."""

    def script() -> None:
        import streamlit as st

        from layerlab.ui.navigation import pages

        sections = pages()
        st.session_state["pages"] = {
            page.url_path: page.visibility for group in sections.values() for page in group
        }
        st.navigation(sections, position="hidden")

    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    return at.session_state["pages"]


def test_learners_do_not_see_the_facilitator_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    assert listed_pages()["facilitator"] == "hidden"  # reachable by its URL, to sign in


def browser_cookie(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """The cookie the browser sends on its next page load (AppTest cannot send one)."""
    monkeypatch.setattr(
        "layerlab.ui.workshop.request_cookie", lambda name: value if name == COOKIE else ""
    )


def test_the_facilitator_stays_signed_in_across_a_reload(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at = facilitator_signed_in(monkeypatch)
    token = at.session_state["facilitator-token"]
    assert PASSCODE not in token
    browser_cookie(monkeypatch, token)
    assert listed_pages()["facilitator"] == "visible"
    reloaded = facilitator_app()
    reloaded.run()
    assert reloaded.table  # the room, with no passcode asked
    assert not reloaded.text_input


def test_a_forged_cookie_does_not_sign_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    browser_cookie(monkeypatch, f"{2**40}.bm9uY2U.c2lnbmF0dXJl")
    assert listed_pages()["facilitator"] == "hidden"


def test_signing_out_ends_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    at = facilitator_signed_in(monkeypatch)
    token = at.session_state["facilitator-token"]
    at.button(key="facilitator-signout").click().run()
    assert at.text_input(key="facilitator-passcode")
    browser_cookie(monkeypatch, token)
    assert listed_pages()["facilitator"] == "hidden"


def test_wrong_passcodes_soon_make_the_client_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    at = facilitator_app()
    for _ in range(PASSCODE_POLICY.free):
        enter_passcode(at, "guess")
    enter_passcode(at, PASSCODE)  # the right one, but the door says wait first
    assert not at.table
    assert "秒" in at.error[0].value
    assert not facilitator_app().run().table  # a new session waits as well


def test_a_wrong_resume_code_soon_waits_in_any_session(app: AppTest, database: Store) -> None:
    _, code = database.register("ann")
    for _ in range(BY_NICKNAME.free):
        sign_in(app, "ann", "WRONG-WRONG")
    other = fresh_app()
    sign_in(other, "ann", code)
    assert other.session_state["workshop-learner"] is None
    assert "秒" in other.sidebar.error[0].value


def run_facilitator_page() -> AppTest:
    """The facilitator page inside navigation's frame, as a page load gives it."""

    def script() -> None:
        import streamlit as st

        from layerlab.ui.navigation import pages

        sections = pages()
        st.navigation(sections, position="hidden")
        found = {page.url_path: page for group in sections.values() for page in group}
        found["facilitator"]._page()

    return AppTest.from_function(script, default_timeout=30)


def test_the_banner_is_not_shown_on_the_facilitator_page(
    monkeypatch: pytest.MonkeyPatch, database: Store, app: AppTest
) -> None:
    monkeypatch.setenv(PASSCODE_ENV, PASSCODE)
    database.announce(exercise_slug())
    app.run()
    assert has_banner(app)  # a learner's page has it
    at = run_facilitator_page()
    at.run()
    assert at.title[0].value == "講師用"
    assert not has_banner(at)


def test_the_facilitator_page_handles_no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    from layerlab.engine.discovery import EngineUnavailable
    from layerlab.ui.pages import facilitator

    def no_engine():
        raise EngineUnavailable("no Docker engine answers")

    monkeypatch.setattr(facilitator, "engine_usage", no_engine)
    facilitator._usage.clear()
    at = facilitator_signed_in(monkeypatch)
    assert not at.exception
    assert any("Docker エンジンに接続できません" in info.value for info in at.info)


def test_the_facilitator_page_shows_the_engines_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    from layerlab.engine.usage import EngineUsage
    from layerlab.ui.pages import facilitator

    usage = EngineUsage(1_500_000_000, 12, 250_000_000, 4, 3_200_000_000, 5)
    monkeypatch.setattr(facilitator, "engine_usage", lambda: usage)
    facilitator._usage.clear()
    at = facilitator_signed_in(monkeypatch)
    values = {metric.label: metric.value for metric in at.metric}
    assert values["ビルドキャッシュ"] == "1.8 GB"
    assert values["イメージのレイヤー"] == "3.2 GB"


# Crashes


def test_a_crash_shows_an_error_id_that_the_log_carries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def script() -> None:
        from layerlab.ui.guard import guarded

        @guarded
        def body() -> None:
            raise ValueError("internal detail /srv/secret/path")

        body()

    caplog.set_level(logging.ERROR, logger="layerlab.ui")
    at = AppTest.from_function(script, default_timeout=30)
    at.run()
    assert not at.exception
    (shown,) = at.error
    error_id = re.search(r"`([0-9a-f]{8})`", shown.value).group(1)
    assert "/srv/secret" not in everything(at)
    assert error_id in caplog.text
    assert "internal detail /srv/secret/path" in caplog.text  # the traceback, server side
    assert "Traceback" in caplog.text


def test_learners_never_see_a_stack_trace() -> None:
    config = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
