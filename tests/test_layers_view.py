"""The layer contents chart: rows from a report, in both languages."""

from __future__ import annotations

import pytest
from layer_reports import APT_CLEANUP

from layerlab.layer_report import LayerSummary
from layerlab.text import LANGUAGES
from layerlab.ui.layers_view import chart_rows, layer_label, path_rows, waste_lines

REPORT = APT_CLEANUP


def test_each_layer_splits_into_kept_and_wasted_megabytes() -> None:
    rows = [(r["index"], r["part"], r["MB"]) for r in chart_rows(REPORT, "en")]
    assert rows[2:4] == [
        (1, "in the final file system", 0.5),
        (1, "deleted or overwritten later (wasted)", 2.0),
    ]


def test_the_bars_add_up_to_the_image() -> None:
    assert sum(r["MB"] for r in chart_rows(REPORT, "en")) == pytest.approx(12.5)


def test_labels_name_the_dockerfile_line_when_known() -> None:
    assert layer_label(REPORT.layers[1], "en") == "layer 1, line 2: RUN /bin/sh -c apt-get update"
    assert layer_label(REPORT.layers[1], "ja").startswith("レイヤー 1 (2 行目)")
    assert layer_label(REPORT.layers[0], "ja") == "レイヤー 0: (履歴なし)"


def test_a_long_instruction_is_cut_to_fit_the_projector() -> None:
    long = LayerSummary(4, "RUN " + "x" * 200, 9, 1, 1, 0, 0, 0, [])
    assert layer_label(long, "en").endswith("…")
    assert len(layer_label(long, "en")) < 80


def test_drill_down_lists_the_layers_largest_paths() -> None:
    assert path_rows(REPORT, 1, "ja") == [
        {"パス": "/var/lib/apt/lists/x_Packages", "MB": 1.9},
        {"パス": "/etc/x", "MB": 0.0},
    ]


def test_waste_is_told_from_both_ends() -> None:
    assert waste_lines(REPORT, 1, "en") == [
        "2.0 MB in 5 files, deleted or overwritten by layer 2, line 3"
    ]
    assert waste_lines(REPORT, 2, "en") == [
        "2.0 MB in 5 files written by layer 1, line 2, deleted or overwritten here"
    ]
    assert waste_lines(REPORT, 0, "en") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_row_speaks_the_chosen_language(language: str) -> None:
    parts = {row["part"] for row in chart_rows(REPORT, language)}
    assert len(parts) == 2
    assert all(("最終" in p or "無駄" in p) == (language == "ja") for p in parts)
