"""What a Dockerfile shows about its base image's WORKDIR and about what the final image is for."""

from __future__ import annotations

import pytest

from layerlab.analysis import analyse
from layerlab.analysis.base_workdir import base_workdir
from layerlab.analysis.image_role import Role, image_role, is_development_image, path_role
from layerlab.context import BuildContext
from layerlab.dockerfile import parse


def workdir_of_last_stage(text: str) -> str | None:
    facts = analyse(parse(text))
    stage = facts.dockerfile.stages[-1]
    return base_workdir(facts.dockerfile, stage, facts.root_images[stage.index])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM python:3.12-slim\n", "/"),
        ("FROM docker.io/library/node:22-alpine\n", "/"),
        ("FROM scratch\n", "/"),
        ("FROM python:3.12-slim AS base\nFROM base\n", "/"),
        ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n", "C:\\"),
        ("FROM quay.io/jupyterhub/jupyterhub:5.2\n", None),
        ("FROM golang:1.23\n", None),
        ("ARG BASE\nFROM ${BASE}\n", None),
    ],
)
def test_the_base_workdir_is_known_only_for_images_that_set_none(
    text: str, expected: str | None
) -> None:
    assert workdir_of_last_stage(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM mcr.microsoft.com/devcontainers/python:3.12\n", True),
        ("FROM python:3.12\nCOPY . .\nRUN pip install -e .\n", True),
        ('FROM python:3.12\nCOPY . .\nRUN pip install -e .\nCMD ["app"]\n', False),
        ("FROM python:3.12\nCOPY . .\nRUN pip install .\n", False),
        (
            "FROM python:3.12 AS dev\nRUN pip install -e .\nFROM python:3.12-slim\n",
            False,
        ),
    ],
)
def test_a_development_image_is_a_dev_container_or_an_editable_install_with_no_command(
    text: str, expected: bool
) -> None:
    assert is_development_image(analyse(parse(text))) is expected


DEV_COMPOSE = "services:\n  web:\n    build: .\n    command: python manage.py runserver\n"


def is_development_image_in(text: str, files: dict[str, str]) -> bool:
    return is_development_image(analyse(parse(text)), BuildContext.from_files(files))


def test_an_image_a_compose_service_builds_for_a_dev_server_is_a_development_image() -> None:
    text = "FROM python:3.12\nCOPY . /code\n"
    assert is_development_image_in(text, {"Dockerfile": text, "compose.yaml": DEV_COMPOSE})


def test_an_image_with_its_own_command_stays_an_app_image_under_a_dev_service() -> None:
    text = 'FROM python:3.12\nCOPY . /code\nCMD ["gunicorn", "site.wsgi"]\n'
    assert not is_development_image_in(text, {"Dockerfile": text, "compose.yaml": DEV_COMPOSE})


def test_a_dev_service_building_another_file_or_stage_says_nothing_of_this_image() -> None:
    text = "FROM python:3.12 AS dev\nFROM python:3.12-slim AS prod\nCOPY . /code\n"
    other = "FROM python:3.12\n"
    assert not is_development_image_in(text, {"Dockerfile": other, "compose.yaml": DEV_COMPOSE})
    targeted = DEV_COMPOSE.replace("build: .", "build:\n      context: .\n      target: dev")
    assert not is_development_image_in(text, {"Dockerfile": text, "compose.yaml": targeted})


@pytest.mark.parametrize("args", ['args:\n        DEVEL: "yes"', "args:\n        - DEVEL=yes"])
def test_a_dev_service_passing_build_args_builds_a_variant_not_this_image(args: str) -> None:
    text = "FROM python:3.12-slim\nARG DEVEL=no\nCOPY . /code\n"
    variant = DEV_COMPOSE.replace("build: .", f"build:\n      context: .\n      {args}")
    assert not is_development_image_in(text, {"Dockerfile": text, "compose.yaml": variant})


@pytest.mark.parametrize(
    ("path", "role"),
    [
        ("dev-tools/Dockerfile", Role.DEVELOPMENT),
        ("Dockerfile.dev", Role.DEVELOPMENT),
        ("{{cookiecutter.project_slug}}/compose/local/uv/Dockerfile", Role.DEVELOPMENT),
        ("docker/development/Dockerfile", Role.DEVELOPMENT),
        (".devcontainer/Dockerfile", Role.DEVELOPMENT),
        ("certbot-compatibility-test/Dockerfile", Role.TEST),
        (".github/test/Dockerfile-alpine", Role.TEST),
        ("tests/integration/Dockerfile", Role.TEST),
        ("demos/apache-proxy/Dockerfile", Role.DEMO),
        ("examples/service-fastapi/Dockerfile", Role.DEMO),
    ],
)
def test_a_path_word_names_the_image_role(path: str, role: Role) -> None:
    assert path_role(path) is role


@pytest.mark.parametrize(
    "path",
    [
        "Dockerfile",
        "Dockerfile.ci",  # locust publishes the image it builds in CI
        "release/docker/Dockerfile",
        "docker/prod/Dockerfile.dev",  # names production too: could be the deployed image
        "examples/production/Dockerfile",
        "contest/Dockerfile",  # whole words only
        "devops/Dockerfile",
        "docs/Dockerfile",
        None,
    ],
)
def test_a_path_that_could_be_the_production_image_names_no_role(path: str | None) -> None:
    assert path_role(path) is None


def test_the_text_decides_before_the_path() -> None:
    facts = analyse(parse("FROM python:3.12\nCOPY . .\nRUN pip install -e .\n"), "demos/Dockerfile")
    assert image_role(facts) is Role.DEVELOPMENT


def test_an_image_with_no_path_is_an_app() -> None:
    assert image_role(analyse(parse('FROM python:3.12-slim\nCMD ["app"]\n'))) is Role.APP
