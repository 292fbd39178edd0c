"""The cycle collector pauses while a lint runs, and comes back as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from layerlab import collector
from layerlab.analysis import Facts, analyse
from layerlab.dockerfile import Dockerfile
from layerlab.lint import lint


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_during_a_lint_and_on_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def analysing(dockerfile: Dockerfile, path: str | None = None) -> Facts:
        seen.append(gc.isenabled())
        return analyse(dockerfile, path)

    monkeypatch.setattr("layerlab.lint.analyse", analysing)
    lint("FROM python:3.12-slim\nRUN pip install flask\n")
    assert seen == [False]
    assert gc.isenabled()


def test_nested_pauses_turn_it_back_on_when_the_last_ends() -> None:
    with collector.paused():
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()
