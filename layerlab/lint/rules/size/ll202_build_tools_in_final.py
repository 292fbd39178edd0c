"""LL202 build-tools-in-final."""

import re
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.installs.system import (
    bare_name,
    package_command,
)
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule, final_stages
from layerlab.text import Text

# Compilers, make and header packages (Debian `-dev`, Alpine `-dev`, Fedora-style `-devel`).
BUILD_TOOL_RE = re.compile(
    r"(gcc|g\+\+|cpp|clang|make|cmake|build-essential|build-base|linux-headers|"
    r"(gcc|g\+\+|clang|cpp)-[0-9.]+|.+-dev|.+-devel)"
)


class BuildToolsInFinal(Rule):
    code = "LL202"
    name = "build-tools-in-final"
    level = Level.WARNING
    lesson = "07-multi-stage"
    summary = Text(
        en="The final image installs compilers or header packages.",
        ja="最終イメージにコンパイラやヘッダーのパッケージを入れています。",
    )
    why = Text(
        en=(
            "gcc, make, build-essential and `-dev` packages are needed only to build wheels "
            "such as psycopg2 or mysqlclient. In the final image they add hundreds of MB and "
            "a compiler an attacker can use, and every one of them needs security updates. "
            "Build in a builder stage and copy only the result (wheels or a virtualenv) into "
            "a slim final stage, which needs just the runtime libraries (libpq5, not "
            "libpq-dev)."
        ),
        ja=(
            "gcc、make、build-essential や `-dev` パッケージは、psycopg2 や mysqlclient の"
            "ような wheel をビルドするときだけ必要です。最終イメージに入れると数百 MB 増え、"
            "攻撃者が使えるコンパイラまで入り、どれもセキュリティ更新の対象になります。"
            "ビルド用ステージでビルドし、結果 (wheel や仮想環境) だけを slim の最終ステージに"
            "コピーします。最終ステージには実行時ライブラリ (libpq-dev ではなく libpq5) だけを"
            "入れます。"
        ),
    )
    fix = Text(
        en=(
            "Move the build tools and the pip install that needs them to a builder stage "
            "(`FROM python:3.12 AS build`), then `COPY --from=build` the virtualenv or wheels. "
            "Or remove them again in the same RUN (`apt-get purge -y --auto-remove gcc`)."
        ),
        ja=(
            "ビルドツールと、それを必要とする pip install をビルド用ステージ "
            "(`FROM python:3.12 AS build`) に移し、仮想環境や wheel を `COPY --from=build` "
            "します。または同じ RUN の中で削除します (`apt-get purge -y --auto-remove gcc`)。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "tools_kept": Text(
            en=(
                "the final image keeps build tools: {tools}; build in a builder stage and copy "
                "only the result"
            ),
            ja=(
                "最終イメージにビルドツール ({tools}) が残っています。ビルダーステージでビルドし、"
                "成果物だけをコピーします。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n"
            "RUN pip install --no-cache-dir psycopg2==2.9.9\n",
            lines=(2,),
            note="gcc and libpq-dev in the final stage",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends build-essential=12.9 python3-dev "
            "&& rm -rf /var/lib/apt/lists/*\n",
            lines=(2,),
            note="build-essential (pinned) and python3-dev",
        ),
        Example(
            "FROM python:3.12-alpine\nRUN apk add --no-cache gcc musl-dev\n",
            lines=(2,),
            note="apk add of a compiler",
        ),
        Example(
            "FROM python:3.12-slim AS base\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends make && rm -rf /var/lib/apt/lists/*\nFROM base\n",
            lines=(2,),
            note="a stage the final stage is built FROM",
        ),
    )
    good = (
        Example(
            "FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends gcc libpq-dev\n"
            "RUN pip wheel -w /wheels psycopg2==2.9.9\n"
            "FROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n",
            note="builder stages are exempt",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends gcc libpq-dev libpq5 && pip install --no-cache-dir "
            "psycopg2==2.9.9 && apt-get purge -y --auto-remove gcc libpq-dev "
            "&& rm -rf /var/lib/apt/lists/*\n",
            note="removed again in the same RUN",
        ),
        Example(
            "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc "
            "musl-dev && pip install --no-cache-dir psycopg2==2.9.9 && apk del .build-deps\n",
            note="an apk virtual package deleted in the same RUN",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 makedev-tools-doc && rm -rf /var/lib/apt/lists/*\n",
            note="runtime libraries only",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for stage in final_stages(facts.dockerfile):
            for instruction in stage.instructions:
                kept = _build_tools_kept(facts, instruction)
                if kept:
                    yield Hit(
                        instruction.start_line,
                        "tools_kept",
                        {"tools": tuple(kept)},
                    )


def _build_tools_kept(facts: Facts, instruction: Instruction) -> list[str]:
    """Build-tool packages a RUN installs and does not remove again in the same RUN."""
    kept: dict[str, str | None] = {}  # package -> apk virtual group
    for item in facts.package_commands(instruction):
        if item.is_install:
            for package in map(bare_name, item.packages):
                if BUILD_TOOL_RE.fullmatch(package):
                    kept[package] = item.virtual_name
        elif item.is_removal:
            removed = set(map(bare_name, item.packages))
            kept = {
                p: group for p, group in kept.items() if p not in removed and group not in removed
            }
    if kept and _auto_removes_everything(facts, instruction):
        return []
    return list(kept)


def _auto_removes_everything(facts: Facts, instruction: Instruction) -> bool:
    """The official images' pattern: `apt-mark auto '.*'` then `apt-get purge --auto-remove`."""
    marked = False
    for command in facts.commands(instruction):
        if command.program == "apt-mark" and command.subcommand("apt-mark") == "auto":
            marked = True
        item = package_command(command)
        if marked and item is not None and item.auto_removes:
            return True
    return False
