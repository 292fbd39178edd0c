"""The 2024+ sample: built with buildx, it serves its JSON API as a non-root user on 8000."""

from __future__ import annotations

import pytest

from .engine_support import SAMPLES

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def server(images, serve):
    return serve(images.build(SAMPLES / "fastapi-uv"), 8000, "/api/health/")


def test_answers_the_tips_endpoint_in_japanese(server) -> None:
    status, body = server.get_json("/api/tips/?lang=ja")
    assert status == 200
    assert body["tips"][0] == {"topic": "cache", "text": "ビルド時キャッシュを活用する"}


def test_runs_as_a_non_root_user(server) -> None:
    assert server.run("id", "-u") != "0"
