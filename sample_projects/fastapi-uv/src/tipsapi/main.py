"""JSON endpoints: a health check and the tips resource."""

from typing import Literal

from fastapi import FastAPI

app = FastAPI(title="tipsapi")

TIPS = {
    "cache": {"en": "Use the build cache", "ja": "ビルド時キャッシュを活用する"},
    "mounts": {
        "en": "Mount caches and lock files",
        "ja": "キャッシュとロックファイルをマウントする",
    },
    "user": {"en": "Run as a non-root user", "ja": "一般ユーザーで実行する"},
}


@app.get("/api/health/")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/tips/")
def tips(lang: Literal["en", "ja"] = "en") -> dict[str, object]:
    return {"lang": lang, "tips": [{"topic": t, "text": text[lang]} for t, text in TIPS.items()]}
