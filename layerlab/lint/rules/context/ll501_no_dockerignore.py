"""LL501 no-dockerignore."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.lint.rules.context.clutter import find_clutter
from layerlab.text import Text

DOCKERFILE = (
    "FROM python:3.12-slim\n"
    "WORKDIR /app\n"
    "COPY requirements.txt .\n"
    "RUN pip install --no-cache-dir -r requirements.txt\n"
    "COPY . .\n"
)


class NoDockerignore(Rule):
    code = "LL501"
    name = "no-dockerignore"
    level = Level.WARNING
    lesson = "03-dockerignore"
    needs_context = True
    summary = Text(
        en="The build context has no .dockerignore.",
        ja="ビルドコンテキストに .dockerignore がありません。",
    )
    why = Text(
        en=(
            "Without a .dockerignore, `docker build` sends the whole folder to the builder and "
            "`COPY . .` puts all of it in the image: .git, virtualenvs, __pycache__, .env files "
            "with secrets. The image grows, secrets leak, and any change to those files (a "
            "commit, a cache file) invalidates the cache of `COPY . .` and every step after it."
        ),
        ja=(
            ".dockerignore がないと、docker build はフォルダ全体をビルダーに送り、`COPY . .` は"
            "そのすべてをイメージに入れます。.git や仮想環境、__pycache__、秘密情報入りの .env も"
            "です。イメージは大きくなり、秘密情報が漏れ、これらのファイルが変わるたび（コミットや"
            "キャッシュファイルの更新）に `COPY . .` 以降のキャッシュが無効になります。"
        ),
    )
    fix = Text(
        en=(
            "Add a .dockerignore next to the Dockerfile that excludes at least .git, .venv, "
            "**/__pycache__, **/*.pyc, .env and the Dockerfile itself."
        ),
        ja=(
            "Dockerfile の隣に .dockerignore を作り、少なくとも .git、.venv、**/__pycache__、"
            "**/*.pyc、.env、Dockerfile 自身を除外します。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "no_dockerignore": Text(
            en="the build context has no .dockerignore: all {count} files are sent to the builder",
            ja=(
                "ビルドコンテキストに .dockerignore がありません。{count} 個のファイルがすべてビル"
                "ダーに送られます。"
            ),
        ),
        "no_dockerignore_clutter": Text(
            en=(
                "the build context has no .dockerignore: all {count} files are sent to the "
                "builder, among them {found}"
            ),
            ja=(
                "ビルドコンテキストに .dockerignore がありません。{found} を含む {count} 個のファイ"
                "ルがすべてビルダーに送られます。"
            ),
        ),
    }
    bad = (
        Example(
            DOCKERFILE,
            lines=(1,),
            context={"Dockerfile": DOCKERFILE, "requirements.txt": "", "app.py": ""},
            note="no .dockerignore",
        ),
        Example(
            DOCKERFILE,
            lines=(1,),
            context={"Dockerfile": DOCKERFILE, "app.py": "", ".git/HEAD": "", ".env": "X=1\n"},
            note="no .dockerignore and .git and .env in the context",
        ),
    )
    good = (
        Example(
            DOCKERFILE,
            context={
                "Dockerfile": DOCKERFILE,
                "requirements.txt": "",
                "app.py": "",
                ".dockerignore": ".git\n.venv\n**/__pycache__\n",
            },
            note="a .dockerignore exists",
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        if context is None or context.dockerignore is not None:
            return
        found = tuple(clutter.describe() for clutter in find_clutter(context))
        count = len(context.paths)
        if found:
            yield Hit(1, "no_dockerignore_clutter", {"count": count, "found": found})
        else:
            yield Hit(1, "no_dockerignore", {"count": count})
