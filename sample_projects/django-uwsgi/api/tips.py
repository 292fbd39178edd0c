"""The talk's Dockerfile tips, the resource the API serves."""

TIPS = [
    {"id": 1, "topic": "cache", "ja": "ビルド時キャッシュを活用する", "en": "Use the build cache"},
    {
        "id": 2,
        "topic": "context",
        "ja": ".dockerignore で除外する",
        "en": "Exclude files with .dockerignore",
    },
    {
        "id": 3,
        "topic": "layers",
        "ja": "レイヤを減らし小さくする",
        "en": "Fewer and smaller layers",
    },
    {
        "id": 4,
        "topic": "updates",
        "ja": "ベースイメージとパッケージを最新化する",
        "en": "Keep the base image and packages up to date",
    },
    {
        "id": 5,
        "topic": "packages",
        "ja": "不要なパッケージを入れない",
        "en": "Install no unneeded packages",
    },
    {
        "id": 6,
        "topic": "multistage",
        "ja": "マルチステージビルドを使う",
        "en": "Use multi-stage builds",
    },
    {"id": 7, "topic": "user", "ja": "一般ユーザーで実行する", "en": "Run as a non-root user"},
]

LANGUAGES = ("en", "ja")
