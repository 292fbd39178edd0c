"""The learner's workspace through Streamlit's AppTest: lessons, exercises, state, escaping."""

from __future__ import annotations

import pytest
from apptest_helpers import (
    SLUGS,
    editor_key,
    lesson_or_skip,
    open_exercise,
    open_lesson,
    type_into,
)
from streamlit.testing.v1 import AppTest

SCRIPT = "<script>alert('x')</script>\n**bold** [link](http://example.com) :smile: $x$\n"


def playground_app() -> AppTest:
    def script() -> None:
        import streamlit as st

        from layerlab.ui.navigation import pages
        from layerlab.ui.pages.playground import render_playground

        st.navigation(pages(), position="hidden")
        render_playground()

    return AppTest.from_function(script, default_timeout=30)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("slug", SLUGS)
def test_every_lesson_renders_in_both_languages(app: AppTest, slug: str, lang: str) -> None:
    lesson = lesson_or_skip(slug)
    app.query_params["lang"] = lang
    open_lesson(app, slug)
    assert not app.exception
    assert not app.error
    assert lesson.title(lang) in app.title[0].value
    assert any(lesson.body(lang)[:40].strip("# \n")[:20] in md.value for md in app.markdown)


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_solution_passes_the_check(app: AppTest, slug: str) -> None:
    exercise = open_exercise(app, slug)
    type_into(app, editor_key(slug), exercise.solution)
    app.button(key=f"check-{slug}").click().run()
    assert "クリア! よくできました" in [s.value for s in app.success]
    assert slug in app.session_state["passed_lessons"]


@pytest.mark.parametrize("slug", SLUGS)
def test_starter_fails_the_check(app: AppTest, slug: str) -> None:
    exercise = open_exercise(app, slug)
    assert app.text_area(key=editor_key(slug)).value == exercise.starter
    app.button(key=f"check-{slug}").click().run()
    assert app.warning
    assert slug not in app.session_state["passed_lessons"]


def first_exercise() -> str:
    for slug in SLUGS:
        lesson = lesson_or_skip(slug)
        if lesson.exercise is not None:
            return slug
    pytest.skip("no lesson with an exercise yet")


def test_progress_survives_page_switches(app: AppTest) -> None:
    slug = first_exercise()
    exercise = open_exercise(app, slug)
    type_into(app, editor_key(slug), exercise.solution)
    app.button(key=f"check-{slug}").click().run()
    app.button(key="nav-next" if slug != SLUGS[-1] else "nav-prev").click().run()
    open_lesson(app, slug)
    assert slug in app.session_state["passed_lessons"]
    assert "1" in app.sidebar.get("progress")[0].proto.text


def test_language_survives_page_switches(app: AppTest) -> None:
    app.run()
    app.radio(key="widget-lang").set_value("en").run()
    app.button(key="nav-next").click().run()
    assert app.query_params["lang"] == "en"
    assert app.radio(key="widget-lang").value == "en"
    assert app.sidebar.get("progress")[0].proto.text.endswith("lessons passed")


def test_language_comes_from_the_url(app: AppTest) -> None:
    app.query_params["lang"] = "en"
    app.run()
    assert app.session_state["lang"] == "en"


def test_japanese_is_the_default(app: AppTest) -> None:
    app.run()
    assert app.session_state["lang"] == "ja"
    assert app.query_params["lang"] == "ja"


def test_typed_text_survives_switching_lesson_and_language(app: AppTest) -> None:
    slug = first_exercise()
    open_lesson(app, slug)
    typed = "FROM python:3.12-slim\n# my own work\n"
    type_into(app, editor_key(slug), typed)
    app.button(key="nav-next" if slug != SLUGS[-1] else "nav-prev").click().run()
    app.radio(key="widget-lang").set_value("en").run()
    open_lesson(app, slug)
    assert app.text_area(key=editor_key(slug)).value == typed


def test_hints_are_revealed_one_at_a_time(app: AppTest) -> None:
    slug = first_exercise()
    lesson = lesson_or_skip(slug)
    open_lesson(app, slug)
    assert not app.info
    app.button(key=f"hint-{slug}").click().run()
    assert len(app.info) == 1
    assert lesson.exercise.hints[0].ja in app.info[0].value


def test_projector_mode_from_the_url(app: AppTest) -> None:
    app.query_params["projector"] = "1"
    app.run()
    assert app.session_state["projector"] is True
    assert any("font-size: 24px" in html.value for html in app.get("html"))


def test_projector_toggle_sets_the_url(app: AppTest) -> None:
    app.run()
    app.toggle(key="widget-projector").set_value(True).run()
    assert app.query_params["projector"] == "1"


def test_learner_script_is_escaped_in_the_flagged_view(app: AppTest) -> None:
    slug = first_exercise()
    open_lesson(app, slug)
    type_into(app, editor_key(slug), SCRIPT)
    views = [html.value for html in app.get("html")]
    assert any("&lt;script&gt;" in view for view in views)
    assert not any("<script>" in view for view in views)


def test_learner_markdown_is_shown_as_text_in_findings(app: AppTest) -> None:
    at = playground_app()
    at.run()
    type_into(at, "editor-playground-0", SCRIPT)
    assert not at.exception
    assert not any("<script>" in md.value.replace("`<script>", "") for md in at.markdown)


def test_playground_score_improves_when_findings_are_fixed() -> None:
    at = playground_app()
    at.run()
    type_into(at, "editor-playground-0", "FROM python:3.11\nRUN apt update\n")
    worse = at.metric[0].value
    type_into(at, "editor-playground-0", "FROM python:3.12-slim-bookworm\n")
    assert int(at.metric[0].value.split("/")[0]) > int(worse.split("/")[0])
    assert int(at.metric[0].proto.delta) > 0


def test_playground_offers_the_dockerfile_for_download() -> None:
    at = playground_app()
    at.run()
    assert at.get("download_button")


def test_start_page_links_every_lesson_and_the_playground(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "LayerLab"
    assert len(app.get("page_link")) == len(SLUGS) + 1


def test_projector_mode_shows_one_section_at_a_time(app: AppTest) -> None:
    slug = first_exercise()
    app.query_params["projector"] = "1"
    open_lesson(app, slug)
    assert not app.text_area
    app.button_group(key=f"widget-section:{slug}").set_value("exercise").run()
    assert len(app.text_area) == 1
    assert app.subheader[0].value == "演習"
    assert not any(tab.label == "解説" for tab in app.tabs)
