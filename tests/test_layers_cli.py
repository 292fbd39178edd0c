"""`layerlab layers` without an engine, and its text format."""

from __future__ import annotations

from dataclasses import replace

import pytest
from layer_reports import APT_CLEANUP

from layerlab.cli import main
from layerlab.layer_costs import cost_in_bytes, with_costs
from layerlab.layer_report import STORAGE
from layerlab.layers_cli import text_lines
from layerlab.lint.findings import Finding, Level

REPORT = APT_CLEANUP


def a_finding(code: str, line: int) -> Finding:
    return Finding("Dockerfile", line, 1, code, "name", Level.WARNING, "message.", None)


def test_no_engine_exits_2_with_a_plain_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    assert main(["layers", "busybox"]) == 2
    assert "no Docker engine answers" in capsys.readouterr().err


def test_text_shows_each_layer_with_its_line_and_the_waste_with_both_ends() -> None:
    text = "\n".join(text_lines(REPORT))
    assert "demo:1: 12.5 MB, wasted 2.0 MB, efficiency 80.0%" in text
    assert "written by layer 1 (line 2), removed by layer 2 (line 3)" in text
    assert "/var/lib/apt/lists/x_Packages" in text


def test_text_says_where_the_layers_were_read() -> None:
    assert "read from the engine's image export" in text_lines(REPORT)
    stored = replace(REPORT, read_from=STORAGE)
    assert "read from the engine's overlay2 folders (no export needed)" in text_lines(stored)


def test_a_finding_on_a_line_that_made_no_layer_has_no_cost() -> None:
    assert cost_in_bytes(a_finding("LL204", 9), REPORT) is None


def test_other_rules_are_left_as_they_are() -> None:
    finding = a_finding("LL401", 2)
    assert with_costs([finding], REPORT, "en") == [finding]


def test_ll203_and_ll204_get_their_megabytes() -> None:
    ll204, ll203 = with_costs([a_finding("LL204", 2), a_finding("LL203", 3)], REPORT, "en")
    assert ll204.message == "message. In the built image: the package lists take 2.0 MB."
    assert ll203.message.startswith("message. In the built image: 2.0 MB that earlier")


def test_a_message_without_a_full_stop_gets_one_before_the_cost() -> None:
    finding = Finding("Dockerfile", 2, 1, "LL204", "name", Level.INFO, "lists stay", None)
    [costed] = with_costs([finding], REPORT, "en")
    assert costed.message == "lists stay. In the built image: the package lists take 2.0 MB."
