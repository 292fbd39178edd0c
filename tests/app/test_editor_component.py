"""The streamlit-code-editor path of the editor adapter (AppTest cannot type into it: inject)."""

from __future__ import annotations

import json

import pytest
from apptest_helpers import editor_key, open_exercise
from streamlit.testing.v1 import AppTest

from layerlab.lint import lint

SLUG = "01-introduction"


@pytest.fixture(autouse=True)
def component_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAYERLAB_EDITOR", "component")


def editor_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


def test_gutter_annotations_are_the_findings(app: AppTest) -> None:
    exercise = open_exercise(app, SLUG)
    rows = sorted(a["row"] + 1 for a in editor_args(app)["props"]["annotations"])
    assert rows == sorted(f.line for f in lint(exercise.starter))


def test_an_editor_event_replaces_the_text(app: AppTest) -> None:
    open_exercise(app, SLUG)
    app.session_state[editor_key(SLUG)] = {"id": "e1", "text": "FROM scratch\n"}
    app.run()
    assert app.session_state["editor_texts"][SLUG] == "FROM scratch\n"
    assert editor_args(app)["code"] == "FROM scratch\n"


def test_a_reset_remounts_the_editor_with_the_starter(app: AppTest) -> None:
    exercise = open_exercise(app, SLUG)
    app.session_state[editor_key(SLUG)] = {"id": "e1", "text": "FROM scratch\n"}
    app.run()
    app.button(key=f"reset-{SLUG}").click().run()
    assert editor_args(app)["code"] == exercise.starter
    assert app.session_state["editor_versions"][SLUG] == 1
