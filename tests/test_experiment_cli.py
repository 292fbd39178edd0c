"""`layerlab experiment`: the JSON shape and exit codes (prediction needs no engine)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layerlab.cli import main

DJANGO = Path(__file__).resolve().parents[1] / "sample_projects" / "django-uwsgi"
RUN_KEYS = {"name", "seconds", "image_size", "error", "error_line", "steps"}
STEP_KEYS = {
    "stage",
    "index",
    "instruction",
    "cached",
    "predicted_cached",
    "seconds",
    "layer_size",
    "miss_reason",
    "note",
}


def _predict(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    argv = ["experiment", "--project", str(DJANGO), "--dockerfile", str(DJANGO / "Dockerfile")]
    code = main([*argv, "--predict-only", "--json", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_prediction_prints_three_runs_in_the_documented_shape(capsys) -> None:
    code, out, _ = _predict(capsys, "--backend", "classic")
    data = json.loads(out)
    assert code == 0 and data["backend"] == "classic"
    assert [run["name"] for run in data["runs"]] == ["cold", "code-edit", "deps-edit"]
    assert all(set(run) == RUN_KEYS for run in data["runs"])
    assert all(set(step) == STEP_KEYS for run in data["runs"] for step in run["steps"])


def test_predicted_steps_have_no_real_cache_flag_or_time(capsys) -> None:
    data = json.loads(_predict(capsys, "--backend", "buildkit")[1])
    steps = [step for run in data["runs"] for step in run["steps"]]
    assert all(step["cached"] is None and step["seconds"] is None for step in steps)


def test_the_code_edit_keeps_the_dependency_install_predicted_cached(capsys) -> None:
    data = json.loads(_predict(capsys, "--backend", "buildkit")[1])
    code_edit = data["runs"][1]["steps"]
    installs = [
        s for s in code_edit if s["instruction"].startswith("RUN") and "install" in s["instruction"]
    ]
    assert installs and all(s["predicted_cached"] for s in installs)


def test_miss_reasons_carry_their_key_and_both_languages(capsys) -> None:
    data = json.loads(_predict(capsys, "--backend", "classic")[1])
    reasons = [s["miss_reason"] for s in data["runs"][1]["steps"] if s["miss_reason"]]
    assert reasons and all(set(r) == {"key", "params", "en", "ja"} for r in reasons)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "a file it copies changed: api/views.py"), ("ja", "コピーするファイルが変わりました")],
)
def test_the_summary_gives_miss_reasons_in_the_language_asked_for(
    capsys, lang: str, words: str
) -> None:
    argv = ["experiment", "--project", str(DJANGO), "--dockerfile", str(DJANGO / "Dockerfile")]
    assert main([*argv, "--predict-only", "--backend", "classic", "--lang", lang]) == 0
    assert words in capsys.readouterr().out


def test_an_unknown_target_is_a_usage_error(capsys) -> None:
    code, _, err = _predict(capsys, "--target", "nope")
    assert code == 2
    assert "target stage 'nope' not found" in err


def test_a_missing_project_folder_is_a_usage_error(capsys, tmp_path: Path) -> None:
    argv = [
        "experiment",
        "--project",
        str(tmp_path / "nope"),
        "--dockerfile",
        "x",
        "--predict-only",
    ]
    assert main(argv) == 2
    assert "not a folder" in capsys.readouterr().err


def test_an_unreadable_dockerfile_is_a_usage_error(capsys, tmp_path: Path) -> None:
    argv = ["experiment", "--project", str(DJANGO), "--dockerfile", str(tmp_path / "missing")]
    assert main([*argv, "--predict-only"]) == 2
