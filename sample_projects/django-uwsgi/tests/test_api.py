"""The JSON API, through Django's test client (no database needed)."""

from django.test import Client


def test_health_answers_ok(client: Client) -> None:
    response = client.get("/api/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_tips_default_to_english(client: Client) -> None:
    body = client.get("/api/tips/").json()
    assert body["lang"] == "en"
    assert body["tips"][0] == {"id": 1, "topic": "cache", "text": "Use the build cache"}


def test_tips_in_japanese(client: Client) -> None:
    body = client.get("/api/tips/", {"lang": "ja"}).json()
    assert body["tips"][-1]["text"] == "一般ユーザーで実行する"


def test_tips_filtered_by_topic(client: Client) -> None:
    body = client.get("/api/tips/", {"topic": "user"}).json()
    assert [tip["id"] for tip in body["tips"]] == [7]


def test_unknown_language_is_a_bad_request(client: Client) -> None:
    response = client.get("/api/tips/", {"lang": "fr"})
    assert response.status_code == 400
    assert "lang" in response.json()["error"]


def test_post_is_not_allowed(client: Client) -> None:
    assert client.post("/api/health/").status_code == 405
