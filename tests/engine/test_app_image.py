"""LayerLab's own image (top-level Dockerfile) builds and its Streamlit server is healthy."""

from __future__ import annotations

import pytest

from .engine_support import ROOT

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def app(images, serve):
    return serve(images.build(ROOT), 8501, "/_stcore/health")


def test_answers_streamlit_health(app) -> None:
    assert app.get("/_stcore/health") == (200, b"ok")


def test_runs_as_a_non_root_user(app) -> None:
    assert app.run("id", "-u") != "0"
