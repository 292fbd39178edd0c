"""Layer contents of real images: LL203 and LL204 say what they cost; `layerlab layers`."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from docker.errors import NotFound

from layerlab.cli import main
from layerlab.dockerfile import parse
from layerlab.engine.layers import layer_report
from layerlab.layer_costs import cost_in_bytes, with_costs
from layerlab.layer_report import LayerReport
from layerlab.lint import lint

from .engine_support import build_or_fail

pytestmark = pytest.mark.engine

# Triggers LL204 (line 2 keeps the apt lists) and LL203 (line 3 deletes them a layer later).
DOCKERFILE = "FROM python:3.11-slim\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n"
TAG = "layerlab-layers-test/costs:apt"
MB = 1_000_000


@pytest.fixture(scope="module")
def built(docker_client, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    context = tmp_path_factory.mktemp("costs")
    (context / "Dockerfile").write_text(DOCKERFILE)
    build_or_fail(context, "Dockerfile", None, TAG)
    yield context / "Dockerfile"
    with contextlib.suppress(NotFound):
        docker_client.images.remove(TAG, force=True, noprune=True)


@pytest.fixture(scope="module")
def report(docker_client, built: Path) -> LayerReport:
    return layer_report(docker_client, TAG, parse(DOCKERFILE))


def finding(code: str):  # type: ignore[no-untyped-def]
    [found] = [f for f in lint(DOCKERFILE) if f.code == code]
    return found


def test_the_layers_of_the_dockerfile_carry_its_lines(report: LayerReport) -> None:
    assert [layer.line for layer in report.layers][-2:] == [2, 3]


def test_ll204_costs_the_lists_apt_get_update_wrote(report: LayerReport) -> None:
    update = report.layer_at_line(2)
    assert update is not None
    assert cost_in_bytes(finding("LL204"), report) == update.folders["/var/lib/apt/lists"]
    assert update.folders["/var/lib/apt/lists"] > 1 * MB


def test_ll203_costs_what_the_later_rm_deleted_and_the_image_still_ships(
    report: LayerReport,
) -> None:
    [waste] = report.waste_removed_at(3)
    assert report.layers[waste.added_in].line == 2
    assert cost_in_bytes(finding("LL203"), report) == waste.bytes
    # The rm deletes the lists line 2 wrote: every byte of them is wasted.
    assert waste.bytes == report.layer_at_line(2).folders["/var/lib/apt/lists"]


def test_findings_end_with_their_cost_in_megabytes(report: LayerReport) -> None:
    mb = f"{cost_in_bytes(finding('LL204'), report) / MB:.1f}"
    annotated = {f.code: f for f in with_costs(lint(DOCKERFILE), report, "en")}
    assert annotated["LL204"].message.endswith(f"the package lists take {mb} MB.")
    assert annotated["LL203"].message.endswith("are deleted here and still shipped.")
    assert annotated["LL401"] == finding("LL401")


def test_the_cost_speaks_japanese(report: LayerReport) -> None:
    annotated = {f.code: f for f in with_costs(lint(DOCKERFILE), report, "ja")}
    assert "パッケージ一覧が" in annotated["LL204"].message


def test_cli_json_has_exactly_the_documented_keys(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["layers", TAG, "--format", "json", "--dockerfile", str(built)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["image", "size", "wasted_bytes", "efficiency", "layers"]
    assert list(data["layers"][-1]) == [
        "index",
        "created_by",
        "line",
        "size",
        "added",
        "changed",
        "deleted",
        "wasted_bytes",
        "largest",
    ]
    assert [layer["line"] for layer in data["layers"][-2:]] == [2, 3]
    assert data["wasted_bytes"] > MB


def test_cli_text_names_where_the_waste_comes_from(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["layers", TAG, "--dockerfile", str(built)]) == 0
    out = capsys.readouterr().out
    assert "removed by layer" in out and "(line 3)" in out
    assert f"{built}:2 LL204" in out and "the package lists take" in out


def test_cli_exits_2_for_an_unknown_image(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layers", "layerlab-layers-test/never-built:1"]) == 2
    assert "no image 'layerlab-layers-test/never-built:1'" in capsys.readouterr().err
