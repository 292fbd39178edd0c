"""The talk's sample: `--target prod` serves the JSON API as a non-root user on 8000, and
`--target dev` runs the project's own tests."""

from __future__ import annotations

import pytest

from .engine_support import SAMPLES

PROJECT = SAMPLES / "django-uwsgi"

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def prod(images, serve):
    return serve(images.build(PROJECT, target="prod"), 8000, "/api/health/")


def test_prod_answers_the_health_endpoint(prod) -> None:
    assert prod.get_json("/api/health/") == (200, {"status": "ok"})


def test_prod_answers_the_resource_endpoint_with_a_query_parameter(prod) -> None:
    status, body = prod.get_json("/api/tips/?lang=ja&topic=user")
    assert status == 200
    assert body["lang"] == "ja"
    assert body["tips"] == [{"id": 7, "topic": "user", "text": "一般ユーザーで実行する"}]


def test_prod_runs_as_a_non_root_user(prod) -> None:
    assert prod.run("id", "-u") != "0"


def test_dev_image_runs_the_project_tests_and_they_pass(images, docker_client) -> None:
    output = docker_client.containers.run(images.build(PROJECT, target="dev"), remove=True)
    assert b" passed" in output
    assert b"failed" not in output
