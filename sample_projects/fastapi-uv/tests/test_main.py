"""The JSON API, through FastAPI's test client."""

from fastapi.testclient import TestClient
from tipsapi.main import app

client = TestClient(app)


def test_health_answers_ok() -> None:
    response = client.get("/api/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_tips_in_japanese() -> None:
    body = client.get("/api/tips/", params={"lang": "ja"}).json()
    assert body["tips"][0] == {"topic": "cache", "text": "ビルド時キャッシュを活用する"}


def test_unknown_language_is_rejected() -> None:
    assert client.get("/api/tips/", params={"lang": "fr"}).status_code == 422
