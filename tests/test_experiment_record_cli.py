"""`layerlab experiment` options around recordings, without an engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layerlab.cli import main

DJANGO = Path(__file__).resolve().parent.parent / "sample_projects" / "django-uwsgi"


def test_record_refuses_predict_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["experiment", "--project", str(DJANGO), "--dockerfile", str(DJANGO / "Dockerfile")]
    assert main([*argv, "--predict-only", "--record", str(tmp_path)]) == 2
    assert "--record needs real builds" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_the_before_file_is_built_without_the_reference_files_target(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [
        "experiment",
        "--project",
        str(DJANGO),
        "--dockerfile",
        str(DJANGO / "Dockerfile.before"),
    ]
    assert main([*argv, "--predict-only", "--backend", "classic", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"][0]["steps"]
