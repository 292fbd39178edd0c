"""The `layerlab` command line: formats, stdin, exit codes, thresholds, config, context, rules."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from layerlab.cli import LOCALE_VARIABLES, main
from layerlab.lint import shellcheck
from layerlab.lint.registry import all_rules
from layerlab.lint.report import rules_markdown

ROOT = Path(__file__).resolve().parent.parent
WARNINGS_ONLY = "FROM python:latest\n"  # LL303 and friends: warnings, no error
WITH_ERROR = "FROM python:3.12-slim\nFOO bar\n"  # LL001 parse-error on line 2
JSON_KEYS = {"file", "line", "column", "code", "name", "level", "message", "hadolint", "lang"}


@pytest.fixture(autouse=True)
def _in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No .layerlab.toml or pyproject.toml of the repository is picked up, no locale of the
    machine running the tests chooses the language, and the ShellCheck cache starts empty in
    the test's folder."""
    monkeypatch.chdir(tmp_path)
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LAYERLAB_CACHE_DIR", str(tmp_path / "cache"))


def dockerfile(tmp_path: Path, text: str, name: str = "Dockerfile") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_text_format_is_file_line_code_level_message(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, WITH_ERROR)
    _, out, _ = run(["lint", path], capsys)
    assert f"{path}:2 LL001 error " in out
    for line in out.splitlines():
        location, code, level, message = line.split(" ", 3)
        assert location.startswith(f"{path}:") and location.rsplit(":", 1)[1].isdigit()
        assert code.startswith("LL") and level in {"error", "warning", "info", "style"}
        assert message


def test_lint_is_the_default_command(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, WITH_ERROR)
    assert run([path], capsys)[1] == run(["lint", path], capsys)[1]


def test_json_is_one_flat_array_with_exactly_the_finding_keys(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, WITH_ERROR)
    _, out, _ = run(["lint", "--format", "json", path], capsys)
    findings = json.loads(out)
    assert isinstance(findings, list) and findings
    assert all(set(item) == JSON_KEYS for item in findings)
    assert {"file": path, "line": 2, "code": "LL001", "level": "error"}.items() <= findings[
        [f["code"] for f in findings].index("LL001")
    ].items()


def test_json_of_several_files_is_one_array(tmp_path, capsys) -> None:
    first = dockerfile(tmp_path, WITH_ERROR, "Dockerfile.a")
    second = dockerfile(tmp_path, WITH_ERROR, "Dockerfile.b")
    _, out, _ = run(["lint", "--format", "json", first, second], capsys)
    assert {item["file"] for item in json.loads(out)} == {first, second}


def test_json_of_a_clean_run_is_an_empty_array(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, "# layerlab global ignore=" + ",".join(r.code for r in all_rules()))
    assert run(["lint", "--format", "json", path], capsys)[:2] == (0, "[]\n")


def test_a_dash_reads_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WITH_ERROR.encode())))
    _, out, _ = run(["lint", "-"], capsys)
    assert "-:2 LL001 error " in out


def test_exit_1_when_a_finding_reaches_the_default_threshold(tmp_path, capsys) -> None:
    assert run(["lint", dockerfile(tmp_path, WARNINGS_ONLY)], capsys)[0] == 1


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [("error", 0), ("warning", 1), ("info", 1), ("style", 1), ("none", 0), ("WARNING", 1)],
)
def test_failure_threshold_on_warnings(tmp_path, capsys, threshold, expected) -> None:
    path = dockerfile(tmp_path, WARNINGS_ONLY)
    assert run(["lint", "--failure-threshold", threshold, path], capsys)[0] == expected


def test_an_error_fails_the_error_threshold(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, WITH_ERROR)
    assert run(["lint", "--failure-threshold", "error", path], capsys)[0] == 1


def test_the_config_threshold_applies_and_the_flag_overrides_it(tmp_path, capsys) -> None:
    (tmp_path / ".layerlab.toml").write_text('failure-threshold = "none"\n')
    path = dockerfile(tmp_path, WARNINGS_ONLY)
    assert run(["lint", path], capsys)[0] == 0
    assert run(["lint", "--failure-threshold", "warning", path], capsys)[0] == 1


def test_config_ignore_applies(tmp_path, capsys) -> None:
    config = tmp_path / "lint.toml"
    config.write_text('ignore = ["LL001"]\n')
    _, out, _ = run(["lint", "--config", str(config), dockerfile(tmp_path, WITH_ERROR)], capsys)
    assert "LL001" not in out


def test_exit_2_for_an_unreadable_file_after_linting_the_others(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, WITH_ERROR)
    code, out, err = run(["lint", str(tmp_path / "missing"), path], capsys)
    assert code == 2
    assert "missing: cannot read" in err
    assert "LL001" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "--config", "missing.toml", "Dockerfile"],
        ["lint", "--failure-threshold", "fatal", "Dockerfile"],
        ["lint", "--context", "no-such-folder", "Dockerfile"],
        ["lint", "--format", "xml", "Dockerfile"],
        ["lint"],
        [],
    ],
    ids=["bad-config", "bad-threshold", "bad-context", "bad-format", "no-files", "no-args"],
)
def test_exit_2_for_usage_errors(tmp_path, capsys, argv) -> None:
    dockerfile(tmp_path, WARNINGS_ONLY)
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert err


def test_exit_2_for_an_invalid_config(tmp_path, capsys) -> None:
    (tmp_path / ".layerlab.toml").write_text('ignore = ["LL999"]\n')
    code, _, err = run(["lint", dockerfile(tmp_path, WARNINGS_ONLY)], capsys)
    assert code == 2
    assert "unknown rule 'LL999'" in err


def test_context_enables_the_build_context_rules(tmp_path, capsys) -> None:
    project = tmp_path / "project"
    project.mkdir()
    path = dockerfile(project, "FROM python:3.12-slim\nCOPY app.py /app/\n")
    without = run(["lint", "--format", "json", path], capsys)[1]
    with_context = run(["lint", "--format", "json", "--context", str(project), path], capsys)[1]
    assert not any(f["code"].startswith("LL5") for f in json.loads(without))
    assert {"LL501", "LL504"} <= {f["code"] for f in json.loads(with_context)}


def test_sarif_format_is_sarif_2_1_0(tmp_path, capsys) -> None:
    _, out, _ = run(["lint", "--format", "sarif", dockerfile(tmp_path, WITH_ERROR)], capsys)
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert "LL001" in {r["ruleId"] for r in sarif["runs"][0]["results"]}


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
MESSAGES = "FROM python:3.12\nRUN apt-get install -y gcc\n"  # LL201, LL307's kin, LL205...


def messages(out: str) -> list[str]:
    return [line.split(" ", 3)[3] for line in out.splitlines()]


def test_lang_ja_writes_japanese_messages_with_hadolint_level_names(tmp_path, capsys) -> None:
    _, out, _ = run(["lint", "--lang", "ja", dockerfile(tmp_path, MESSAGES)], capsys)
    assert out and all(JAPANESE.search(message) for message in messages(out))
    assert {line.split(" ", 3)[2] for line in out.splitlines()} <= {"error", "warning", "info"}


def test_lang_en_writes_english_messages(tmp_path, capsys) -> None:
    _, out, _ = run(["lint", "--lang", "en", dockerfile(tmp_path, MESSAGES)], capsys)
    assert out and not any(JAPANESE.search(message) for message in messages(out))


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "en"),
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "ja"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "C", "LC_MESSAGES": "ja_JP.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "", "LANG": "ja_JP.UTF-8"}, "ja"),
    ],
)
def test_the_language_defaults_from_the_locale(
    tmp_path, capsys, monkeypatch, environment, expected
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run(["lint", "--format", "json", dockerfile(tmp_path, MESSAGES)], capsys)
    assert {item["lang"] for item in json.loads(out)} == {expected}


def test_lang_overrides_the_locale(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    _, out, _ = run(["lint", "--lang", "en", dockerfile(tmp_path, MESSAGES)], capsys)
    assert not any(JAPANESE.search(message) for message in messages(out))


def test_json_carries_the_language_and_its_messages(tmp_path, capsys) -> None:
    _, out, _ = run(
        ["lint", "--lang", "ja", "--format", "json", dockerfile(tmp_path, MESSAGES)], capsys
    )
    findings = json.loads(out)
    assert findings and all(item["lang"] == "ja" for item in findings)
    assert all(JAPANESE.search(item["message"]) for item in findings)


def test_sarif_carries_the_language_of_the_run(tmp_path, capsys) -> None:
    _, out, _ = run(
        ["lint", "--lang", "ja", "--format", "sarif", dockerfile(tmp_path, MESSAGES)], capsys
    )
    [sarif_run] = json.loads(out)["runs"]
    assert sarif_run["language"] == "ja"
    assert all(JAPANESE.search(result["message"]["text"]) for result in sarif_run["results"])


def test_an_unreadable_input_is_reported_in_the_language_asked_for(tmp_path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM python:3.12-slim\nRUN echo \xff\n")
    code, _, err = run(["lint", "--lang", "ja", str(path)], capsys)
    assert code == 2 and "2 行目" in err and JAPANESE.search(err)


def test_rules_default_to_the_locale_language(capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    out = run(["rules"], capsys)[1]
    assert all(rule.summary.ja in out for rule in all_rules())


def test_python_dash_m_layerlab_runs_the_cli(tmp_path) -> None:
    path = dockerfile(tmp_path, WITH_ERROR)
    done = subprocess.run(
        [sys.executable, "-m", "layerlab", "lint", "--format", "json", path],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert "LL001" in {item["code"] for item in json.loads(done.stdout)}


def test_rules_lists_every_rule_with_its_facts(capsys) -> None:
    code, out, _ = run(["rules"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(all_rules())
    for rule, line in zip(all_rules(), lines, strict=True):
        assert line.split()[:4] == [rule.code, rule.name, rule.level.value, rule.lesson]
        assert ",".join(rule.hadolint) in line
        assert line.endswith(rule.summary.en)


def test_rules_in_japanese(capsys) -> None:
    out = run(["rules", "--lang", "ja"], capsys)[1]
    assert all(rule.summary.ja in out for rule in all_rules())


def test_rules_markdown_has_a_section_per_rule_with_examples(capsys) -> None:
    out = run(["rules", "--format", "markdown"], capsys)[1]
    for rule in all_rules():
        assert f"\n## {rule.code}\n" in out
        assert f"[{rule.code}](#{rule.code.lower()})" in out
        assert rule.why.en in out and rule.fix.en in out
        assert all(example.dockerfile.rstrip("\n") in out for example in rule.bad + rule.good)


@pytest.mark.parametrize(("lang", "name"), [("en", "rules.md"), ("ja", "rules.ja.md")])
def test_the_rule_docs_are_the_generator_output(lang: str, name: str) -> None:
    """Regenerate with: layerlab rules --format markdown [--lang ja] > docs/rules[.ja].md"""
    assert (ROOT / "docs" / name).read_text(encoding="utf-8") == rules_markdown(lang)


def test_dev_zero_ends_at_once_with_ll001() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "layerlab", "lint", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert "LL001" in done.stdout


def peak_rss_kb(shell_command: str) -> tuple[int, str]:
    """Peak resident memory of the last command of a pipeline (GNU time), and its stdout."""
    done = subprocess.run(
        ["bash", "-c", shell_command], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    return int(done.stderr.strip().splitlines()[-1]), done.stdout


def test_an_endless_pipe_ends_at_once_with_ll001_and_flat_memory(tmp_path) -> None:
    lint = f"/usr/bin/time -f %M {sys.executable} -m layerlab lint --no-shellcheck"
    small = dockerfile(tmp_path, "FROM python:3.12-slim\n")
    endless, out = peak_rss_kb(f"yes | {lint} -")
    baseline, _ = peak_rss_kb(f"{lint} {small}")
    assert "LL001" in out
    assert endless < baseline + 8_000  # the 256 KB read, not the stream


def test_non_utf8_input_exits_2_naming_the_line(tmp_path, capsys) -> None:
    path = tmp_path / "Dockerfile"
    path.write_bytes(b"FROM python:3.12-slim\nRUN echo \xff\n")
    code, _, err = run([str(path)], capsys)
    assert code == 2
    assert "line 2" in err and "UTF-8" in err


def test_shellcheck_findings_are_on_by_default_and_off_with_the_flag(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, "FROM python:3.12-slim\nRUN echo $foo\n")
    _, with_sc, _ = run([path], capsys)
    _, without, _ = run([path, "--no-shellcheck"], capsys)
    assert "SC2086" in with_sc and "SC2086" not in without


def test_a_missing_shellcheck_is_said_once_and_the_rest_runs(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("layerlab.lint.shellcheck.binary", lambda: None)
    first = dockerfile(tmp_path, "FROM python:latest\nRUN echo $foo\n", "a")
    second = dockerfile(tmp_path, "FROM python:latest\n", "b")
    code, out, err = run([first, second], capsys)
    assert code == 1
    assert err.count("shellcheck is not installed") == 1
    assert "LL" in out and "SC2086" not in out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_control_characters_are_escaped_in_every_format(tmp_path, capsys, fmt) -> None:
    path = dockerfile(tmp_path, "FROM python:3.12-slim\nFO\x1b[31mO\x00 bar\n")
    _, out, _ = run([path, "--format", fmt], capsys)
    assert "\x1b" not in out and "\x00" not in out
    assert "\\x1b" in out


def test_a_second_run_takes_shellcheck_answers_from_the_cache(tmp_path, capsys, monkeypatch):
    path = dockerfile(tmp_path, "FROM python:3.12-slim\nRUN echo $foo\n")
    _, first, _ = run([path], capsys)
    started = []
    monkeypatch.setattr("layerlab.lint.shellcheck._start", lambda *a: started.append(a))
    _, second, _ = run([path], capsys)
    assert second == first and "SC2086" in second
    assert started == []


def test_no_cache_runs_shellcheck_again(tmp_path, capsys, monkeypatch) -> None:
    path = dockerfile(tmp_path, "FROM python:3.12-slim\nRUN echo $foo\n")
    run([path], capsys)
    started = []
    start = shellcheck._start
    monkeypatch.setattr(shellcheck, "_start", lambda *a: started.append(a) or start(*a))
    _, out, _ = run([path, "--no-cache"], capsys)
    assert len(started) == 1 and "SC2086" in out


ROOT_APP = 'FROM python:3.12-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n'


def test_a_dockerfile_under_tests_in_a_repository_is_a_test_image(tmp_path, capsys) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "tests").mkdir()
    path = dockerfile(tmp_path, ROOT_APP, "repo/tests/Dockerfile")
    _, out, _ = run(["lint", path], capsys)
    assert "LL401" not in out


def test_the_path_is_read_inside_the_context(tmp_path, capsys) -> None:
    (tmp_path / "ctx" / "docker" / "dev").mkdir(parents=True)
    path = dockerfile(tmp_path, ROOT_APP, "ctx/docker/dev/Dockerfile")
    _, out, _ = run(["lint", "--context", str(tmp_path / "ctx"), path], capsys)
    assert "LL401" not in out


def test_folders_outside_a_repository_or_context_say_nothing(tmp_path, capsys) -> None:
    (tmp_path / "tests").mkdir()
    path = dockerfile(tmp_path, ROOT_APP, "tests/Dockerfile")
    _, out, _ = run(["lint", path], capsys)
    assert "LL401" in out


def test_the_file_name_alone_still_counts(tmp_path, capsys) -> None:
    path = dockerfile(tmp_path, ROOT_APP, "Dockerfile.test")
    _, out, _ = run(["lint", path], capsys)
    assert "LL401" not in out


def test_the_repository_path_counts_even_when_the_context_is_a_folder_in_it(
    tmp_path, capsys
) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "demos" / "proxy").mkdir(parents=True)
    path = dockerfile(tmp_path, ROOT_APP, "repo/demos/proxy/Dockerfile")
    _, out, _ = run(["lint", "--context", str(tmp_path / "repo/demos/proxy"), path], capsys)
    assert "LL401" not in out
