"""LL502 dockerignore-gaps."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.lint.rules.context.clutter import gaps
from layerlab.text import Text

DOCKERFILE = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
FULL_IGNORE = (
    ".git\n.venv\nvenv\n**/__pycache__\n**/*.pyc\n**/.env\n**/node_modules\n.pytest_cache\n"
)


def _context(dockerignore: str, **files: str) -> dict[str, str]:
    return {"Dockerfile": DOCKERFILE, "app.py": "", ".dockerignore": dockerignore, **files}


class DockerignoreGaps(Rule):
    code = "LL502"
    name = "dockerignore-gaps"
    level = Level.INFO
    lesson = "03-dockerignore"
    needs_context = True
    summary = Text(
        en=(
            "The context holds .git, a virtualenv, __pycache__, *.pyc, .env, node_modules or "
            ".pytest_cache that .dockerignore does not exclude."
        ),
        ja=(
            ".dockerignore が除外していない .git、仮想環境、__pycache__、*.pyc、.env、"
            "node_modules、.pytest_cache がコンテキストにあります。"
        ),
    )
    why = Text(
        en=(
            "A .dockerignore only helps with what it names. Files it misses are sent to the "
            "builder and land in the image with `COPY . .`: a virtualenv built for your machine, "
            "the whole git history, caches that change on every test run (and so break the "
            "build cache), or an .env file with secrets."
        ),
        ja=(
            ".dockerignore は書いたものしか除外しません。漏れたファイルはビルダーに送られ、"
            "`COPY . .` でイメージに入ります。手元のマシン用の仮想環境、git の全履歴、テストの"
            "たびに変わるキャッシュ（ビルドキャッシュも壊します）、秘密情報入りの .env などです。"
        ),
    )
    fix = Text(
        en="Add the suggested pattern for each item to .dockerignore.",
        ja="指摘された項目ごとに、提案されたパターンを .dockerignore に追加します。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "not_excluded": Text(
            en=(
                "{what} is in the build context but .dockerignore does not exclude it: add "
                "`{pattern}`"
            ),
            ja=(
                "{what} がビルドコンテキストにありますが、.dockerignore で除外されていません。"
                "`{pattern}` を追加します。"
            ),
        ),
    }
    bad = (
        Example(
            DOCKERFILE,
            lines=(1,),
            context=_context("**/__pycache__\n", **{".git/HEAD": "ref: refs/heads/main\n"}),
            note=".git is not excluded",
        ),
        Example(
            DOCKERFILE,
            lines=(1, 1),
            context=_context(".git\n", **{".venv/pyvenv.cfg": "", "pkg/__pycache__/a.pyc": ""}),
            note="a virtualenv and a nested __pycache__ are not excluded",
        ),
        Example(
            DOCKERFILE,
            lines=(1,),
            context=_context("*.pyc\n", **{"pkg/old.pyc": ""}),
            note="*.pyc matches the root only, not pkg/old.pyc",
        ),
        Example(
            DOCKERFILE,
            lines=(1, 1, 1),
            context=_context(
                ".git\n",
                **{".env": "X=1\n", "web/node_modules/x/index.js": "", ".pytest_cache/v": ""},
            ),
            note=".env, node_modules and .pytest_cache are not excluded",
        ),
        Example(
            DOCKERFILE,
            lines=(1,),
            context=_context("env\n", **{"venv/bin/python": ""}),
            note="a venv folder without pyvenv.cfg still counts",
        ),
    )
    good = (
        Example(
            DOCKERFILE,
            context=_context(
                FULL_IGNORE,
                **{
                    ".git/HEAD": "",
                    ".venv/pyvenv.cfg": "",
                    "pkg/__pycache__/a.pyc": "",
                    ".env": "",
                    "web/node_modules/x/index.js": "",
                    ".pytest_cache/v": "",
                },
            ),
            note="everything is excluded",
        ),
        Example(
            DOCKERFILE,
            context={"Dockerfile": DOCKERFILE, "app.py": "", ".git/HEAD": ""},
            note="no .dockerignore at all is LL501, not a gap",
        ),
        Example(
            DOCKERFILE,
            context=_context(".git\n", **{"src/app.py": "", ".env.example": "X=\n"}),
            note="ordinary files and .env.example are fine",
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        if context is None or context.dockerignore is None:
            return
        for clutter in gaps(context):
            params = {"what": clutter.describe(), "pattern": clutter.pattern}
            yield Hit(1, "not_excluded", params)
