"""One analysis per Dockerfile, and the Dockerfile-level readings it makes."""

from __future__ import annotations

import pytest

import layerlab.lint
from layerlab.analysis import Facts, analyse
from layerlab.dockerfile import parse
from layerlab.lint import lint


def codes(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for finding in lint(text):
        found.setdefault(finding.code, []).append(finding.line)
    return found


def test_lint_analyses_a_dockerfile_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Facts] = []

    def counting(dockerfile, path=None):  # type: ignore[no-untyped-def]
        calls.append(analyse(dockerfile, path))
        return calls[-1]

    monkeypatch.setattr(layerlab.lint, "analyse", counting)
    lint("FROM python:3.12-slim\nRUN pip install flask\nRUN apt-get update\nCMD python app.py\n")
    assert len(calls) == 1


def test_each_distinct_script_is_parsed_once_per_analysis() -> None:
    facts = analyse(parse("FROM python:3.12-slim\nRUN make\nRUN make\n"))
    first, second = facts.runs
    assert facts.script(first) is facts.script(second)


def test_a_backtick_comment_in_a_continuation_keeps_the_later_cleanup() -> None:
    text = (
        "FROM python:3.12-slim\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends \\\n"
        "    gcc `# lxml needs this` \\\n"
        "    libxml2-dev \\\n"
        "    && rm -rf /var/lib/apt/lists/*\n"
    )
    assert "LL204" not in codes(text)


def test_an_install_inside_an_if_is_seen() -> None:
    text = "FROM python:3.12-slim\nRUN if [ -f r.txt ]; then pip install flask; fi\n"
    assert codes(text)["LL602"] == [2]


def test_a_pipe_in_a_quoted_substitution_needs_pipefail() -> None:
    text = 'FROM python:3.12-slim\nRUN ARCH="$(dpkg --print-architecture | cut -d- -f1)"\n'
    assert codes(text)["LL409"] == [2]


def test_case_patterns_are_no_pipe() -> None:
    text = 'FROM python:3.12-slim\nRUN case "$T" in linux/arm64|linux/arm/v8) A=1 ;; esac\n'
    assert "LL409" not in codes(text)


def test_a_pipefail_message_quotes_the_source() -> None:
    [finding] = [
        f
        for f in lint("FROM python:3.12-slim\nRUN pip freeze 2>&1 | grep x\n")
        if f.code == "LL409"
    ]
    assert "`pip freeze 2>&1 | grep x`" in finding.message


def test_run_under_onbuild_is_checked_on_its_line() -> None:
    text = "FROM debian:12\nONBUILD RUN apt-get install gcc\n"
    assert codes(text)["LL307"] == [2]


def test_an_onbuild_run_installs_nothing_in_this_image() -> None:
    facts = analyse(parse("FROM debian:12\nONBUILD RUN apt-get install -y gcc\n"))
    onbuild = facts.dockerfile.instructions[1]
    assert facts.package_commands(onbuild) == ()
    assert facts.package_commands(facts.runs[0])[0].is_install


def test_aptitude_is_an_apt_installer() -> None:
    assert codes("FROM debian:12\nRUN aptitude install gcc\n")["LL307"] == [2]


def test_a_repeated_quiet_flag_answers_yes() -> None:
    assert "LL307" not in codes("FROM debian:12\nRUN apt-get -q -q install gcc\n")


@pytest.mark.parametrize("program", ["pip2", "pip3.11"])
def test_pip_by_any_versioned_name_carries_the_dl_codes(program: str) -> None:
    found = lint(f"FROM python:3.12-slim\nRUN {program} install flask\n")
    assert {f.code: f.hadolint for f in found if f.code in ("LL206", "LL602")} == {
        "LL206": "DL3042",
        "LL602": "DL3013",
    }


@pytest.mark.parametrize("destination", ["c:\\app", "C:/app/"])
def test_a_windows_destination_is_absolute(destination: str) -> None:
    text = f"FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt {destination}\n"
    assert "LL009" not in codes(text)


def test_sh_with_pipefail_is_no_pipefail_under_dash() -> None:
    text = 'FROM python:3.12-slim\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl u | sh\n'
    assert codes(text)["LL409"] == [3]


def test_bash_with_pipefail_is_pipefail() -> None:
    text = 'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl u | sh\n'
    assert "LL409" not in codes(text)


def test_a_powershell_run_is_not_read_as_shell() -> None:
    facts = analyse(
        parse(
            'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\n'
            "RUN Invoke-WebRequest u | Out-File x\n"
        )
    )
    assert facts.commands(facts.runs[0]) == ()


NESTED = (
    "FROM python:3.12-slim\n"
    'CMD ["sh", "-c", "python manage.py migrate && bash -c \'nginx && exec gunicorn app\'"]\n'
)


def test_a_nested_sh_c_is_parsed_into_the_facts() -> None:
    facts = analyse(parse(NESTED))
    outer = "python manage.py migrate && bash -c 'nginx && exec gunicorn app'"
    assert [c.program for c in facts.nested[outer].commands] == ["python", "bash"]
    assert [c.program for c in facts.nested["nginx && exec gunicorn app"].commands] == [
        "nginx",
        "gunicorn",
    ]


def test_rules_read_nested_scripts_from_the_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    facts = analyse(parse(NESTED))

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed again after the analysis")

    monkeypatch.setattr("layerlab.analysis.facts.parse_script", no_parsing)
    monkeypatch.setattr("layerlab.analysis.shell.new_parser", no_parsing)  # parse_script(text)
    found = {
        code: list(layerlab.lint.rules_by_code()[code].check(facts, None))
        for code in ("LL406", "LL601")
    }
    assert [hit.key for hit in found["LL406"]] == ["several"]
    assert [hit.params["program"] for hit in found["LL601"]] == ["python"]


def test_what_a_run_writes_is_in_the_facts() -> None:
    facts = analyse(
        parse(
            "FROM python:3.12-slim\n"
            "RUN apt-get update && pip install flask\n"
            "RUN --mount=type=cache,target=/root/.cache/pip apt-get update && pip install flask\n"
        )
    )
    plain, mounted = facts.runs
    assert [(w.path, w.index) for w in facts.written_paths(plain, "/", "/root")] == [
        ("/var/lib/apt/lists", 0),
        ("/root/.cache/pip", 1),
    ]
    assert [w.path for w in facts.written_paths(mounted, "/", "/root")] == ["/var/lib/apt/lists"]
    no_cache = facts.written_paths(plain, "/", "/root", pip_no_cache=True)
    assert [w.path for w in no_cache] == ["/var/lib/apt/lists"]
