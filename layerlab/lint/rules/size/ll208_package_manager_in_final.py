"""LL208 package-manager-in-final."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.image_role import image_role
from layerlab.analysis.installs import Kind
from layerlab.analysis.installs.python import MANAGERS
from layerlab.analysis.installs.requirements import package_name
from layerlab.analysis.shell import Command
from layerlab.analysis.stages import Event
from layerlab.analysis.start import start_commands
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text

# Official installers run as `curl ... | python -` / `| sh`, and uv's image to COPY from.
INSTALLER_URLS = {"install.python-poetry.org": "poetry", "astral.sh/uv": "uv"}
UV_IMAGE = "ghcr.io/astral-sh/uv"
RUNNERS = {"uvx": "uv"}  # programs that come with a manager and run it
POETRY_AND_ENTRYPOINT = (
    "FROM python:3.12-slim\nRUN pip install --no-cache-dir poetry==1.8.3\nWORKDIR /app\n"
    "COPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root\n"
    'COPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\n'
    'CMD ["gunicorn", "app:app"]\n'
)
COMPOSE_DEV_IMAGE = (
    "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/\n"
    "WORKDIR /code\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-install-project\n"
    "COPY . .\n"
)


class PackageManagerInFinal(Rule):
    code = "LL208"
    name = "package-manager-in-final"
    level = Level.INFO
    lesson = "07-multi-stage"
    summary = Text(
        en="pipenv, poetry or uv is installed in the final image only to install dependencies.",
        ja="依存関係のインストールのためだけに pipenv / poetry / uv を最終イメージに入れています。",
    )
    why = Text(
        en=(
            "The application needs its dependencies at run time, not the tool that resolved "
            "them. Installing pipenv or poetry in the final stage adds the tool and its own "
            "dependencies (tens of megabytes) to every container. The talk's fix is an "
            "`export` stage: install the tool there, copy only Pipfile and Pipfile.lock, write "
            "a requirements.txt, and install that with pip in the later stage. uv is one "
            "binary of about 40 MB (with uvx) and adds no packages to the app's environment; "
            "uv's own Docker guide shows both ways, and the multi-stage one leaves it out: "
            "`uv sync` into a virtual environment in a builder stage, then copy that. Left "
            "alone: an image that runs the tool at start (`poetry run`, `uv run` in CMD or "
            "ENTRYPOINT, or in the entrypoint script when the build context is known) and a "
            "development image (a dev container, or an image that names no CMD or ENTRYPOINT "
            "and installs the project editable or is built by a Compose service of the build "
            "context that runs a dev server or mounts the code), where developers use it. "
            "So is a test image, and an image whose path names a development or test image "
            "when the CLI knows the path (`docker/dev/Dockerfile`, `Dockerfile.test`, `tests/`)."
        ),
        ja=(
            "実行時に必要なのは依存ライブラリで、それを解決したツールではありません。"
            "最終ステージに pipenv や poetry を入れると、ツール本体とその依存 (数十 MB) が"
            "すべてのコンテナに残ります。発表の解決策は `export` ステージです: そこでツールを"
            "入れて Pipfile と Pipfile.lock だけをコピーし、requirements.txt を書き出して、"
            "後のステージでは pip でそれをインストールします。uv は uvx と合わせて約 40 MB の"
            "バイナリで、アプリの環境にパッケージを追加しません。uv 公式の Docker ガイドには"
            "両方のやり方があり、マルチステージの方は uv を残しません: ビルダーステージで仮想"
            "環境に `uv sync` し、それをコピーします。起動時にツールを実行するイメージ (CMD や "
            "ENTRYPOINT、ビルドコンテキストが分かるときはエントリーポイントのスクリプトの "
            "`poetry run`、`uv run`) と、開発用のイメージ (dev コンテナや、CMD も ENTRYPOINT "
            "も持たず、プロジェクトを editable でインストールするか、ビルドコンテキストの "
            "Compose ファイルで開発サーバーを動かすサービスやコードをマウントするサービス用に"
            "ビルドされるイメージ) は、ツールを使うので対象外です。"
            "テスト用のイメージと、CLI がパスを知っているときにパスが開発用・テスト用を表す"
            "イメージ (`docker/dev/Dockerfile`、`Dockerfile.test`、`tests/`) も同様です。"
        ),
    )
    fix = Text(
        en=(
            "Add an export stage (`pipenv requirements > requirements.txt`, `poetry export`, "
            "`uv export`) and `COPY --from=export` the requirements file into the final "
            "stage; or build a virtualenv in a builder stage and copy it."
        ),
        ja=(
            "export ステージ (`pipenv requirements > requirements.txt`、`poetry export`、"
            "`uv export`) を作り、requirements ファイルを `COPY --from=export` で最終ステージへ"
            "渡します。またはビルダーステージで仮想環境を作ってコピーします。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "uv_only_installs": Text(
            en=(
                "uv stays in the final image only to install dependencies (line {line}): build "
                "the virtual environment with uv in a builder stage and copy it (uv's "
                "multi-stage example), so the image holds the packages without uv"
            ),
            ja=(
                "uv は依存パッケージのインストール ({line} 行目) のためだけに最終イメージに残って"
                "います。ビルダーステージで uv を使って仮想環境を作り、それをコピーすれば (uv の"
                "マルチステージの例)、uv なしでパッケージだけを持つイメージになります。"
            ),
        ),
        "only_installs": Text(
            en=(
                "{tool} is installed in the final image only to install dependencies (line {line}"
                "): export a requirements file in an earlier stage and install it with pip"
            ),
            ja=(
                "{tool} は依存パッケージのインストール ({line} 行目) のためだけに最終イメージに入っ"
                "ています。前のステージで requirements ファイルに書き出し、pip でインストールします"
                "。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir pipenv==2024.0.1\n"
            "COPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy\nCOPY . .\n",
            lines=(3,),
            note="pipenv installed next to the app",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\n"
            "RUN curl -sSL https://install.python-poetry.org | python3 -\n"
            "COPY pyproject.toml poetry.lock ./\nRUN poetry install --only main --no-root\n",
            lines=(3,),
            note="poetry from its official installer",
        ),
        Example(
            "FROM python:3.12-slim\nCOPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/\n"
            "WORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-dev\n",
            lines=(2,),
            note="uv copied from its image",
        ),
        Example(
            "ARG UV_VERSION=0.5.11\nFROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv\n"
            "FROM python:3.12-slim\nCOPY --from=uv /uv /bin/\nWORKDIR /app\n"
            "COPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-dev\n",
            lines=(4,),
            note="uv copied through a stage named after its image",
        ),
        Example(
            POETRY_AND_ENTRYPOINT,
            lines=(2,),
            context={
                "docker-entrypoint.sh": "#!/bin/sh\nset -e\npython -m alembic upgrade head\n"
                'exec "$@"\n'
            },
            note="the entrypoint script from the context runs no package manager",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim AS export\nRUN pip install --no-cache-dir pipenv==2024.0.1\n"
            "COPY Pipfile Pipfile.lock ./\nRUN pipenv requirements > requirements.txt\n"
            "FROM python:3.12-slim\nCOPY --from=export /requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\n",
            note="the talk's export stage",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir poetry==1.8.3\n"
            "COPY pyproject.toml poetry.lock ./\nRUN poetry install --only main\n"
            'CMD ["poetry", "run", "python", "-m", "app"]\n',
            note="the image runs the app through poetry, so it needs poetry",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip install --no-cache-dir pipenv==2024.0.1\n",
            note="installed but not used to install dependencies",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install --no-cache-dir pipenv==2024.0.1\n"
            "COPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy --dev\n"
            'COPY . .\nCMD ["pytest"]\n',
            path="docker/test/Dockerfile",
            note="a test image, by its path: the manager may stay",
        ),
        Example(
            "FROM mcr.microsoft.com/devcontainers/python:3.12\n"
            "COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/\n"
            "COPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-install-project\n",
            note="a dev container keeps uv for its developers (saleor's)",
        ),
        Example(
            "FROM python:3.12-slim AS builder\n"
            "COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/\nWORKDIR /app\n"
            "COPY pyproject.toml uv.lock ./\nRUN uv sync --locked --no-dev\n"
            "FROM python:3.12-slim\nCOPY --from=builder /app/.venv /app/.venv\n",
            note="uv's multi-stage example: uv only in the builder",
        ),
        Example(
            POETRY_AND_ENTRYPOINT,
            context={
                "docker-entrypoint.sh": "#!/bin/sh\nset -e\npoetry run alembic upgrade head\n"
                'exec "$@"\n'
            },
            note="the entrypoint script from the context runs poetry at start",
        ),
        Example(
            COMPOSE_DEV_IMAGE,
            context={
                "Dockerfile": COMPOSE_DEV_IMAGE,
                "docker-compose.yml": "services:\n  web:\n    build: .\n"
                "    command: uv run python manage.py runserver 0.0.0.0:8000\n"
                "    volumes:\n      - .:/code\n",
                "manage.py": "",
            },
            note="no CMD, and the Compose file builds it for a dev server (pythondotorg's)",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        installed: dict[str, Instruction] = {}
        used: dict[str, Instruction] = {}
        fetched: dict[str, set[str]] = {}  # script -> its installer URLs: generated files repeat
        for event in facts.events_in(final_stages(dockerfile)):
            for tool in _managers_installed(facts, dockerfile, event, fetched):
                installed.setdefault(tool, event.instruction)
            for install in event.installs:
                if install.tool in MANAGERS and install.kind is not Kind.TOOL_ONLY:
                    used.setdefault(install.tool, event.instruction)
        used_to_install = [tool for tool in installed if tool in used]
        if not used_to_install or image_role(facts, context).wants_dev_tools:
            return
        run_at_start = _run_at_start(facts, context)
        for tool, where in installed.items():
            if tool in used_to_install and tool not in run_at_start:
                line = used[tool].start_line
                if tool == "uv":
                    yield Hit(where.start_line, "uv_only_installs", {"line": line})
                else:
                    yield Hit(where.start_line, "only_installs", {"tool": tool, "line": line})


def _managers_installed(
    facts: Facts, dockerfile: Dockerfile, event: Event, fetched: dict[str, set[str]]
) -> set[str]:
    found = {
        name
        for install in event.installs
        if install.tool in ("pip", "uv", "pipx") and install.action == "install"
        for name in map(package_name, install.packages)
        if name in MANAGERS
    }
    if event.copy is not None and event.copy.from_stage:
        source = dockerfile.stage_for_reference(event.copy.from_stage)
        image = source.image if source else dockerfile.expand(event.copy.from_stage)
        if image.startswith(UV_IMAGE):
            found.add("uv")
    if event.instruction.keyword == "RUN":
        script = facts.script(event.instruction)
        if script.source not in fetched:
            fetched[script.source] = _installer_urls(script.commands)
        found |= fetched[script.source]
    return found


def _installer_urls(commands: Sequence[Command]) -> set[str]:
    """Managers a RUN installs by fetching their installer (`curl ... | python3 -`)."""
    found = set()
    for command in commands:
        words = "\n".join(command.argv)  # no URL holds a newline: a match is inside one word
        found.update(tool for url, tool in INSTALLER_URLS.items() if url in words)
    return found


def _run_at_start(facts: Facts, context: BuildContext | None) -> set[str]:
    """Managers the container runs at start (`poetry run ...` in CMD, ENTRYPOINT or the
    entrypoint script from the context): there they are needed."""
    found = set()
    for command in start_commands(facts, context):
        program = posixpath.basename(command.argv[0]) if command.argv else ""
        if program in MANAGERS or program in RUNNERS:
            found.add(RUNNERS.get(program, program))
    return found
