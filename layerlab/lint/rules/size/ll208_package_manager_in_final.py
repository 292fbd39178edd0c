"""LL208 package-manager-in-final."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.installs import Kind
from layerlab.analysis.installs.python import MANAGERS
from layerlab.analysis.installs.requirements import package_name
from layerlab.analysis.shell import Command
from layerlab.analysis.stages import Event
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text

# Official installers run as `curl ... | python -` / `| sh`, and uv's image to COPY from.
INSTALLER_URLS = {"install.python-poetry.org": "poetry", "astral.sh/uv": "uv"}
UV_IMAGE = "ghcr.io/astral-sh/uv"


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
            "a requirements.txt, and install that with pip in the later stage."
        ),
        ja=(
            "実行時に必要なのは依存ライブラリで、それを解決したツールではありません。"
            "最終ステージに pipenv や poetry を入れると、ツール本体とその依存 (数十 MB) が"
            "すべてのコンテナに残ります。発表の解決策は `export` ステージです: そこでツールを"
            "入れて Pipfile と Pipfile.lock だけをコピーし、requirements.txt を書き出して、"
            "後のステージでは pip でそれをインストールします。"
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
        run_at_start = _run_by_image(facts, dockerfile)
        for tool, where in installed.items():
            if tool in used and tool not in run_at_start:
                params = {"tool": tool, "line": used[tool].start_line}
                yield Hit(where.start_line, "only_installs", params)


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


def _run_by_image(facts: Facts, dockerfile: Dockerfile) -> set[str]:
    """Managers the final image runs at start (`poetry run ...`): there they are needed."""
    found: set[str] = set()
    for stage in final_stages(dockerfile):
        for instruction in stage.instructions:
            if instruction.keyword in ("CMD", "ENTRYPOINT"):
                for command in facts.script(instruction).commands:
                    if command.program in MANAGERS:
                        found.add(command.program)
    return found
