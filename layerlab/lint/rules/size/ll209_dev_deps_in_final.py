"""LL209 dev-deps-in-final."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.image_role import image_role
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Param, Part, Text

UV_SYNC = (
    "FROM python:3.12-slim\nWORKDIR /code\nCOPY pyproject.toml uv.lock ./\n"
    "RUN uv sync --locked\nCOPY . .\n"
)
UV_SYNC_AND_CMD = UV_SYNC + 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n'


class DevDepsInFinal(Rule):
    code = "LL209"
    name = "dev-deps-in-final"
    level = Level.WARNING
    lesson = "07-multi-stage"
    summary = Text(
        en="The final image installs development dependencies.",
        ja="最終イメージに開発用の依存ライブラリをインストールしています。",
    )
    why = Text(
        en=(
            "Test runners, linters and type checkers are needed to develop the app, not to "
            "run it. In the production image they add size and attack surface. The talk "
            "builds two targets from one Dockerfile: a `dev` image with the development "
            "dependencies, and a `prod` image (the last stage, built by default) without "
            "them. A development image (a dev container, or an image that names no CMD or "
            "ENTRYPOINT and installs the project editable or is built by a Compose service of "
            "the build context that runs a dev server or mounts the code) is that `dev` target "
            "and is left alone, "
            "as are groups passed in a variable (`uv sync $UV_OPTIONS`), which cannot be read. "
            "So is a test image, and an image whose path names a development or test image "
            "when the CLI knows the path (`docker/dev/Dockerfile`, `Dockerfile.test`, `tests/`)."
        ),
        ja=(
            "テストランナーやリンター、型チェッカーは開発には必要ですが、実行には不要です。"
            "本番イメージに入れるとサイズも攻撃対象も増えます。発表では1つの Dockerfile から"
            "2つのターゲットを作ります: 開発用の依存を入れた `dev` イメージと、入れない "
            "`prod` イメージ (最後のステージで、既定でビルドされる) です。開発用のイメージ "
            "(dev コンテナや、CMD も ENTRYPOINT も持たず、プロジェクトを editable でインストール"
            "するか、ビルドコンテキストの Compose ファイルで開発サーバーを動かすサービスや"
            "コードをマウントするサービス用にビルドされるイメージ) はこの `dev` ターゲットに"
            "あたるので対象外です。変数で渡す"
            "グループ (`uv sync $UV_OPTIONS`) も中身が読めないので判定しません。"
            "テスト用のイメージと、CLI がパスを知っているときにパスが開発用・テスト用を表す"
            "イメージ (`docker/dev/Dockerfile`、`Dockerfile.test`、`tests/`) も同様です。"
        ),
    )
    fix = Text(
        en=(
            "Install development dependencies only in a `dev` stage (`--target dev`); in the "
            "final stage use `pipenv install --deploy` without --dev, `poetry install --only "
            "main`, `uv sync --no-dev`, or the production requirements file."
        ),
        ja=(
            "開発用の依存は `dev` ステージ (`--target dev`) だけに入れます。最終ステージでは "
            "--dev なしの `pipenv install --deploy`、`poetry install --only main`、"
            "`uv sync --no-dev`、または本番用の requirements ファイルを使います。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "dev_installed": Text(
            en="`{command}` installs development dependencies into the final image ({reason})",
            ja=(
                "`{command}` が開発用の依存パッケージを最終イメージにインストールしています"
                " ({reason})。"
            ),
        ),
        "extra": Text(
            en="the `{name}` extra",
            ja="`{name}` という extra",
        ),
        "group": Text(
            en="the `{name}` group",
            ja="グループ `{name}`",
        ),
        "uv_default": Text(
            en="no `--no-dev`: uv installs the dev group by default",
            ja="`--no-dev` がなく、uv は既定で dev グループをインストールします",
        ),
        "poetry_default": Text(
            en="no `--only main`: non-optional groups such as dev are installed",
            ja="`--only main` がなく、dev など optional でないグループもインストールされます",
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nCOPY . .\nRUN pip install --no-cache-dir '.[test]'\n",
            lines=(3,),
            note="a test extra",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\n"
            "RUN uv sync --locked --group test\n",
            lines=(3,),
            note="a test group",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY Pipfile Pipfile.lock ./\n"
            "RUN pip install --no-cache-dir pipenv==2024.0.1 && "
            "pipenv install --system --deploy --dev\n",
            lines=(3,),
            note="pipenv --dev",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install\n",
            lines=(3,),
            note="poetry install without --only main installs the dev group",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked\n",
            lines=(3,),
            note="uv sync without --no-dev",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY requirements.txt requirements-dev.txt ./\n"
            "RUN pip install --no-cache-dir -r requirements.txt -r requirements-dev.txt\n",
            lines=(3,),
            note="a requirements-dev.txt file",
        ),
        Example(
            "FROM python:3.12-slim AS base\n"
            "RUN pip install --no-cache-dir -r test-requirements.txt\n"
            'FROM base\nCMD ["python", "app.py"]\n',
            lines=(2,),
            note="a stage the final one is built FROM",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\n"
            "RUN poetry install --no-root\nCOPY . .\nRUN poetry install\n",
            lines=(3,),
            note="reported once for the dependencies, not again for the project",
        ),
        Example(
            UV_SYNC_AND_CMD,
            lines=(4,),
            context={
                "Dockerfile": UV_SYNC_AND_CMD,
                "compose.yaml": "services:\n  api:\n    build:\n      context: .\n"
                "    command: uvicorn app.main:app --reload\n",
            },
            note="its own CMD makes it the app image, though Compose also runs it with --reload",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim AS builder\nCOPY Pipfile Pipfile.lock ./\n"
            "RUN pip install --no-cache-dir pipenv==2024.0.1 && "
            "pipenv install --system --deploy\n"
            "FROM builder AS dev\nRUN pipenv install --system --deploy --dev\n"
            "FROM python:3.12-slim AS prod\nCOPY --from=builder /usr/local /usr/local\n",
            note="the talk's dev and prod targets: dev dependencies only in dev",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\n"
            "RUN poetry install --only main --no-root\n",
            note="poetry --only main",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY . .\nRUN pip install --no-cache-dir '.[test]'\n"
            'CMD ["pytest"]\n',
            path="Dockerfile.dev",
            note="a development image, by its path: it wants its dev dependencies",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\n"
            "RUN poetry install --without dev,test\n",
            note="poetry --without dev",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\n"
            "RUN uv sync --locked --no-dev\n",
            note="uv --no-dev",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY requirements/ requirements/\n"
            "RUN pip install --no-cache-dir -r requirements/production.txt\n",
            note="production requirements",
        ),
        Example(
            "FROM python:3.12\nWORKDIR /app\nCOPY requirements_dev.txt .\n"
            "RUN pip install --no-cache-dir -r requirements_dev.txt\nCOPY . .\n"
            "RUN pip install --no-cache-dir -e .\n",
            note="a development image: an editable install and no CMD (sqlfluff's)",
        ),
        Example(
            "FROM mcr.microsoft.com/devcontainers/python:3.12\n"
            "COPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-install-project\n",
            note="a dev container (saleor's)",
        ),
        Example(
            'FROM python:3.12-slim\nARG UV_OPTIONS="--frozen --no-default-groups"\n'
            "COPY pyproject.toml uv.lock ./\nRUN uv sync $UV_OPTIONS\n",
            note="options in a variable are not guessed (redash's build ARGs)",
        ),
        Example(
            UV_SYNC,
            context={
                "Dockerfile": UV_SYNC,
                "compose.yaml": "services:\n  api:\n    build:\n      context: .\n"
                "      dockerfile: Dockerfile\n    volumes:\n      - ./app:/code/app\n",
                "app/main.py": "",
            },
            note="no CMD, and a Compose service mounts the code over it: a development image",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        if image_role(facts, context).wants_dev_tools:
            return
        reported: set[tuple[str, str]] = set()  # `poetry install --no-root` then `poetry install`
        for event in facts.events_in(final_stages(dockerfile)):
            dev = [
                i
                for i in event.installs
                if i.dev and i.installs_dependencies and (i.tool, i.dev) not in reported
            ]
            if dev:
                reported.update((i.tool, i.dev) for i in dev if i.dev)
                params = {"command": dev[0].text, "reason": _reason(dev[0].dev)}
                yield Hit(event.instruction.start_line, "dev_installed", params)


# How python_deps says why an install brings dev dependencies: code as it is, or a clause.
REASONS = (
    (re.compile(r"the `([^`]+)` extra"), "extra"),
    (re.compile(r"the `([^`]+)` group"), "group"),
    (re.compile(r"no `--no-dev`: .*"), "uv_default"),
    (re.compile(r"no `--only main`: .*"), "poetry_default"),
)


def _reason(reason: str | None) -> Param:
    """The reason as a template of this rule, so it reads in the finding's language."""
    for pattern, key in REASONS:
        match = pattern.fullmatch(reason or "")
        if match:
            return Part(key, {"name": match.group(1)} if match.groups() else {})
    return reason or ""
