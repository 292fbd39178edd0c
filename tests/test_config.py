"""Configuration files (.layerlab.toml, [tool.layerlab]) and inline pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest

from layerlab.lint import lint
from layerlab.lint.config import Config, ConfigError, load_config
from layerlab.lint.findings import Level

MAINTAINER = "FROM python:3.12-slim\nMAINTAINER me\n"  # LL007 on line 2 (hadolint DL4000)


def codes_at(text: str, config: Config | None = None) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint(text, config=config)]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# Configuration files


def test_without_a_config_file_the_defaults_apply(tmp_path: Path) -> None:
    config = load_config(cwd=tmp_path)
    assert config == Config()
    assert config.failure_threshold is Level.WARNING


def test_layerlab_toml_is_read_from_the_current_folder(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".layerlab.toml",
        'ignore = ["LL201"]\nfailure-threshold = "error"\n[severity]\nLL007 = "warning"\n',
    )
    config = load_config(cwd=tmp_path)
    assert config.ignore == frozenset({"LL201"})
    assert config.severity == {"LL007": Level.WARNING}
    assert config.failure_threshold is Level.ERROR


def test_pyproject_tool_layerlab_is_read_when_there_is_no_layerlab_toml(tmp_path: Path) -> None:
    write(
        tmp_path, "pyproject.toml", '[project]\nname = "x"\n[tool.layerlab]\nignore = ["LL007"]\n'
    )
    assert load_config(cwd=tmp_path).ignore == frozenset({"LL007"})


def test_layerlab_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path, ".layerlab.toml", 'ignore = ["LL303"]\n')
    write(tmp_path, "pyproject.toml", '[tool.layerlab]\nignore = ["LL007"]\n')
    assert load_config(cwd=tmp_path).ignore == frozenset({"LL303"})


def test_a_pyproject_without_the_section_gives_the_defaults(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(cwd=tmp_path) == Config()


def test_an_explicit_path_is_used(tmp_path: Path) -> None:
    path = write(tmp_path, "lint.toml", 'failure-threshold = "none"\n')
    assert load_config(path).failure_threshold is None


def test_codes_are_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path, "lint.toml", 'ignore = ["ll007"]\n[severity]\nll201 = "INFO"\n')
    config = load_config(path)
    assert config.ignore == frozenset({"LL007"})
    assert config.severity == {"LL201": Level.INFO}


def test_ignore_in_the_config_drops_the_rule() -> None:
    assert ("LL007", 2) not in codes_at(MAINTAINER, Config(ignore=frozenset({"LL007"})))


def test_a_hadolint_code_in_ignore_drops_the_equivalent_rule() -> None:
    assert ("LL007", 2) not in codes_at(MAINTAINER, Config(ignore=frozenset({"DL4000"})))


def test_a_hadolint_code_layerlab_lacks_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "lint.toml", 'ignore = ["DL3008"]\n')
    assert load_config(path).ignore == frozenset({"DL3008"})


def test_a_severity_override_changes_the_finding_level() -> None:
    config = Config(severity={"LL007": Level.ERROR})
    [finding] = [f for f in lint(MAINTAINER, config=config) if f.code == "LL007"]
    assert finding.level is Level.ERROR


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('ignores = ["LL007"]\n', "unknown setting(s) ignores"),
        ('ignore = ["LL999"]\n', "unknown rule 'LL999'"),
        ('ignore = ["DL30"]\n', "unknown rule 'DL30'"),
        ('ignore = "LL007"\n', "'ignore' must be a list"),
        ('[severity]\nLL999 = "error"\n', "unknown rule 'LL999' in [severity]"),
        ('[severity]\nLL007 = "fatal"\n', "'fatal' is not one of"),
        ('severity = "error"\n', "[severity] must be a table"),
        ('failure-threshold = "warn"\n', "failure-threshold: 'warn'"),
        ("ignore = [\n", "not valid TOML"),
    ],
    ids=[
        "unknown-key",
        "unknown-code",
        "malformed-hadolint-code",
        "ignore-not-a-list",
        "unknown-severity-code",
        "unknown-level",
        "severity-not-a-table",
        "unknown-threshold",
        "bad-toml",
    ],
)
def test_a_bad_config_is_a_config_error(tmp_path: Path, text: str, error: str) -> None:
    path = write(tmp_path, ".layerlab.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert error in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_bad_pyproject_section_is_a_config_error(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.layerlab]\nignore = ["nope"]\n')
    with pytest.raises(ConfigError, match=r"\[tool.layerlab\]"):
        load_config(cwd=tmp_path)


def test_a_missing_explicit_config_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")


# Pragmas


def test_layerlab_ignore_covers_the_next_instruction_only() -> None:
    text = "FROM python:3.12-slim\n# layerlab ignore=LL007\nMAINTAINER me\nMAINTAINER you\n"
    assert [c for c in codes_at(text) if c[0] == "LL007"] == [("LL007", 4)]


def test_a_pragma_covers_every_line_of_a_multi_line_instruction() -> None:
    text = "FROM python:3.12-slim\n# layerlab ignore=LL002\nRUN echo a && \\\n\n    echo b\n"
    assert ("LL002", 4) in codes_at(text.replace("# layerlab ignore=LL002\n", "#\n"))
    assert ("LL002", 4) not in codes_at(text)


def test_a_pragma_may_sit_among_other_comments_above_the_instruction() -> None:
    text = "FROM python:3.12-slim\n# layerlab ignore=LL007\n# the old way\nMAINTAINER me\n"
    assert ("LL007", 4) not in codes_at(text)


def test_a_blank_line_detaches_a_pragma() -> None:
    text = "FROM python:3.12-slim\n# layerlab ignore=LL007\n\nMAINTAINER me\n"
    assert ("LL007", 4) in codes_at(text)


def test_a_pragma_ignores_only_the_codes_it_names() -> None:
    text = "# layerlab ignore=LL007\nFROM python:latest\n"
    assert ("LL303", 2) in codes_at(text)


def test_global_ignore_covers_the_whole_file_wherever_it_is() -> None:
    text = MAINTAINER + "MAINTAINER you\n# layerlab global ignore=LL007\n"
    assert [c for c in codes_at(text) if c[0] == "LL007"] == []


def test_several_codes_with_spaces_and_lower_case() -> None:
    text = "# layerlab ignore=ll303, LL201\nFROM python:latest\n"
    found = {code for code, _ in codes_at(text)}
    assert "LL303" not in found
    assert "LL201" not in found


def test_a_trailing_reason_after_the_codes_is_allowed() -> None:
    text = "FROM python:3.12-slim\n# layerlab ignore=LL007 # the base image's convention\n"
    assert ("LL007", 3) not in codes_at(text + "MAINTAINER me\n")


def test_a_reason_in_words_does_not_become_a_code() -> None:
    text = "FROM python:3.12-slim\n# layerlab ignore=LL007 because of LL303, sadly\nMAINTAINER me\n"
    assert ("LL007", 3) not in codes_at(text)
    assert ("LL303", 1) not in codes_at(text)


def test_hadolint_ignore_maps_through_the_equivalent() -> None:
    text = "FROM python:3.12-slim\n# hadolint ignore=DL4000\nMAINTAINER me\n"
    assert ("LL007", 3) not in codes_at(text)


def test_hadolint_global_ignore_maps_through_the_equivalent() -> None:
    assert ("LL007", 2) not in codes_at(MAINTAINER + "# hadolint global ignore=DL4000\n")


def test_hadolint_ignore_matches_the_equivalent_the_finding_names() -> None:
    # LL303 is DL3007 for `:latest` but DL3006 for no tag: ignoring DL3007 keeps the other.
    text = "# hadolint global ignore=DL3007\nFROM python:latest AS a\nFROM python\n"
    assert [c for c in codes_at(text) if c[0] == "LL303"] == [("LL303", 3)]


def test_hadolint_ignore_dl3042_drops_the_pip_cache_rule() -> None:
    text = (
        "FROM python:3.12-slim\n"
        "# hadolint ignore=DL3042\n"
        "RUN pip install -r requirements.txt\n"
        "RUN pip install -r requirements-2.txt\n"
    )
    assert [c for c in codes_at(text) if c[0] == "LL206"] == [("LL206", 4)]
