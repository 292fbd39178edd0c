"""The facts exercises judge: the final image's base, user, ports, command, packages, and the
cache predictor's verdict on the dependency install."""

from __future__ import annotations

import pytest

from layerlab.analysis import Facts, analyse
from layerlab.dockerfile import parse
from layerlab.exercises import stage_facts
from layerlab.exercises.cache_verdict import Edit, install_lines, install_verdicts
from layerlab.lessons import sample_project

PROJECT = sample_project("django-uwsgi")


def facts(text: str) -> Facts:
    return analyse(parse(text))


@pytest.mark.parametrize(
    ("text", "slim"),
    [
        ("FROM python:3.12-slim\n", True),
        ("FROM python:3.12\n", False),
        ("FROM python:3.12-slim AS build\nFROM python:3.12\n", False),
        ("FROM python:3.12 AS build\nFROM python:3.12-slim-bookworm\n", True),
        ("FROM python:3.12-slim AS base\nFROM base\n", True),
        ("ARG TAG\nFROM python:${TAG}\n", False),
        ("FROM debian:bookworm\n", False),
        ("FROM debian:bookworm-slim\n", True),
        ("FROM gcr.io/distroless/python3-debian12:nonroot\n", True),
        ("FROM scratch\n", True),
    ],
)
def test_slim_base_reads_the_final_stage(text: str, slim: bool) -> None:
    assert stage_facts.slim_base(facts(text)) is slim


@pytest.mark.parametrize(
    ("users", "non_root"),
    [
        ("USER app\n", True),
        ("USER 10001:10001\n", True),
        ("USER app\nUSER root\n", False),
        ("USER 0\n", False),
        ("USER ${APP_USER}\n", False),  # unknown is not proven non-root
        ("", False),
    ],
)
def test_non_root_is_the_last_user(users: str, non_root: bool) -> None:
    assert stage_facts.runs_as_non_root(facts("FROM python:3.12-slim\n" + users)) is non_root


@pytest.mark.parametrize(
    ("lines", "ports"),
    [
        ('EXPOSE 8000\nCMD ["uwsgi", "--http", ":8000"]\n', [8000, 8000]),
        ('CMD ["gunicorn", "-b", "0.0.0.0:8080", "app:app"]\n', [8080]),
        ('CMD ["gunicorn", "--bind=0.0.0.0:80", "app:app"]\n', [80]),
        ('CMD ["uvicorn", "app:app", "--port", "8000"]\n', [8000]),
        ("EXPOSE 8000/tcp 9191\n", [8000, 9191]),
        ('CMD ["python", "-m", "app"]\n', []),
    ],
)
def test_ports_come_from_expose_and_the_command(lines: str, ports: list[int]) -> None:
    assert stage_facts.ports(facts("FROM python:3.12-slim\n" + lines)) == ports


def test_no_known_port_is_not_unprivileged() -> None:
    assert not stage_facts.unprivileged_ports(facts('FROM x\nCMD ["python", "-m", "app"]\n'))


def test_the_start_command_is_entrypoint_then_cmd_of_the_final_image() -> None:
    text = 'FROM x AS base\nENTRYPOINT ["uwsgi"]\nFROM base\nCMD ["--ini", "uwsgi.ini"]\n'
    assert stage_facts.start_command(facts(text)) == ["uwsgi", "--ini", "uwsgi.ini"]


def test_shell_form_is_no_exec_command() -> None:
    assert not stage_facts.exec_form_command(facts("FROM x\nCMD uwsgi --ini uwsgi.ini\n"))


def test_packages_removed_again_are_not_kept() -> None:
    text = "FROM debian:bookworm-slim\nRUN apt-get install -y libpq5 gcc && apt-get purge -y gcc\n"
    assert stage_facts.os_packages_kept(facts(text)) == {"libpq5"}


def test_installing_a_tool_is_not_the_dependency_install() -> None:
    text = (
        "FROM python:3.12-slim\nRUN pip install pipenv\nCOPY Pipfile Pipfile.lock ./\n"
        "RUN pipenv sync --system\n"
    )
    assert install_lines(facts(text)) == {4}


def test_a_dependency_install_in_an_unused_stage_does_not_count() -> None:
    text = (
        "FROM python:3.12 AS unused\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        "FROM python:3.12-slim\nCOPY . .\n"
    )
    assert install_lines(facts(text)) == set()


def test_lock_files_copied_first_keep_the_install_cached_after_a_code_edit() -> None:
    text = (
        "FROM python:3.11-slim\nWORKDIR /app\nCOPY Pipfile Pipfile.lock ./\n"
        "RUN pip install pipenv && pipenv sync --system\nCOPY . .\n"
    )
    assert install_verdicts(facts(text), PROJECT, Edit.CODE) == [True]
    assert install_verdicts(facts(text), PROJECT, Edit.DEPS) == [False]


def test_the_whole_context_first_reruns_the_install_after_a_code_edit() -> None:
    text = "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pipenv sync --system\n"
    assert install_verdicts(facts(text), PROJECT, Edit.CODE) == [False]
