"""LL209 dev-deps-in-final."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Param, Part, Text


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
            "them."
        ),
        ja=(
            "テストランナーやリンター、型チェッカーは開発には必要ですが、実行には不要です。"
            "本番イメージに入れるとサイズも攻撃対象も増えます。発表では1つの Dockerfile から"
            "2つのターゲットを作ります: 開発用の依存を入れた `dev` イメージと、入れない "
            "`prod` イメージ (最後のステージで、既定でビルドされる) です。"
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
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
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
