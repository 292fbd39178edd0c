"""AppTest fixtures: the real app.py, with the text-area editor (components do not run here)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apptest_helpers import APP
from fake_engine import FakeEngine
from lab_helpers import wait_until
from streamlit.testing.v1 import AppTest

from layerlab.engine import guard, jobs
from layerlab.ui.pages import lab as lab_page
from layerlab.workshop.config import BUILDS_ENV, CONFIG_ENV, PASSCODE_ENV


@pytest.fixture(autouse=True)
def textarea_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAYERLAB_EDITOR", "textarea")


@pytest.fixture
def app() -> Iterator[AppTest]:
    yield AppTest.from_file(str(APP), default_timeout=30)


@pytest.fixture
def fresh_lab(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own engine state and build queue; no build outlives the fake.

    Builds are enabled explicitly (they are off by default), outside workshop mode; the disk
    guard has no data root to watch, as with a remote engine.
    """
    monkeypatch.setattr(jobs, "_shared_queue", None)
    monkeypatch.delenv("LAYERLAB_SAMPLES", raising=False)
    monkeypatch.setenv(BUILDS_ENV, "1")
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.delenv(PASSCODE_ENV, raising=False)
    monkeypatch.setattr(guard, "data_root", lambda: None)
    lab_page.engine_status.clear()
    yield
    queue = jobs._shared_queue
    for job in queue.active() if queue else []:
        queue.cancel(job)
        wait_until(lambda job=job: job.finished)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    engine = FakeEngine()
    engine.install(monkeypatch)
    return engine
