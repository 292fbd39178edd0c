"""AppTest fixtures: the real app.py, with the text-area editor (components do not run here)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apptest_helpers import APP
from streamlit.testing.v1 import AppTest


@pytest.fixture(autouse=True)
def textarea_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAYERLAB_EDITOR", "textarea")


@pytest.fixture
def app() -> Iterator[AppTest]:
    yield AppTest.from_file(str(APP), default_timeout=30)
