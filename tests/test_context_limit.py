"""A build context too big for the instance is refused before a byte of it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from layerlab.cli import main
from layerlab.engine.experiment import ExperimentSpec, run_experiment
from layerlab.engine.limits import ContextTooLarge

GB = 1024**3
DOCKERFILE = "FROM busybox\nADD big.bin /\nCOPY app.txt /\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """app.txt and a 20 GB file that takes no disk (sparse)."""
    (tmp_path / "app.txt").write_text("v1\n")
    with (tmp_path / "big.bin").open("wb") as big:
        big.truncate(20 * GB)
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    return tmp_path


def _spec(project: Path) -> ExperimentSpec:
    return ExperimentSpec(
        project=project, dockerfile_text=DOCKERFILE, backend="classic", code_files=("app.txt",)
    )


def test_a_huge_file_in_the_context_is_refused_by_name(project: Path) -> None:
    with pytest.raises(ContextTooLarge, match=r"big\.bin alone is 20,480 MB"):
        run_experiment(_spec(project), predict_only=True)


def test_the_same_file_in_dockerignore_does_not_count(project: Path) -> None:
    (project / ".dockerignore").write_text("big.bin\n")
    (project / "Dockerfile").write_text("FROM busybox\nCOPY app.txt /\n")
    spec = ExperimentSpec(
        project=project,
        dockerfile_text="FROM busybox\nCOPY app.txt /\n",
        backend="classic",
        code_files=("app.txt",),
    )
    assert len(run_experiment(spec, predict_only=True).runs) == 3


def test_the_limit_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAYERLAB_CONTEXT_LIMIT_MB", "1")
    (tmp_path / "app.txt").write_bytes(b"x" * 2 * 1024 * 1024)
    spec = ExperimentSpec(
        project=tmp_path,
        dockerfile_text="FROM busybox\nCOPY app.txt /\n",
        backend="classic",
        code_files=("app.txt",),
    )
    with pytest.raises(ContextTooLarge, match="allows 1 MB"):
        run_experiment(spec, predict_only=True)


def test_the_cli_says_why_and_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["experiment", "--project", str(project), "--dockerfile", str(project / "Dockerfile")]
    assert main([*argv, "--predict-only", "--json"]) == 2
    assert "big.bin alone is 20,480 MB" in capsys.readouterr().err
