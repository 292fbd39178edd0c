"""LL103 os-packages-after-source-copy."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction, Stage
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class OsPackagesAfterSourceCopy(Rule):
    code = "LL103"
    name = "os-packages-after-source-copy"
    level = Level.INFO
    lesson = "02-build-cache"
    summary = Text(
        en="OS packages are installed after the whole build context is copied.",
        ja="ビルドコンテキスト全体をコピーした後で OS パッケージをインストールしています。",
    )
    why = Text(
        en=(
            "After `COPY . .` every code edit invalidates the cache for the rest of the stage "
            "and of the stages built FROM it. "
            "An `apt-get install` (or `apk add`) placed after it downloads and installs the "
            "same packages again on every build, although they never depend on your code. "
            "Order the steps by how often they change: OS packages, then dependencies, then "
            "the source. A variant built FROM a finished image (`FROM app AS app-plus`, the "
            "parent has its own CMD or ENTRYPOINT) is left alone: its extra packages cannot "
            "move above the parent's COPY without landing in the parent image too."
        ),
        ja=(
            "`COPY . .` の後は、コードを1行変えるだけでそのステージ (とそこから FROM するステージ) "
            "の残りのキャッシュが"
            "すべて無効になります。その後ろにある `apt-get install` (や `apk add`) は、"
            "コードとは関係ないのに毎回同じパッケージをダウンロードしてインストールし直します。"
            "変更の少ない順に並べます: OS パッケージ、依存ライブラリ、ソースコードの順です。"
            "なお、完成したイメージ (自前の CMD か ENTRYPOINT を持つステージ) から FROM した派生"
            "イメージ (`FROM app AS app-plus`) は対象外です。追加のパッケージを親の COPY より前に"
            "移すと、親のイメージにも入ってしまうからです。"
        ),
    )
    fix = Text(
        en="Move the package install above the COPY of the source.",
        ja="パッケージのインストールを、ソースコードの COPY より前に移します。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "after_copy": Text(
            en="`{command}` runs after `{copy}` (line {line}): every code edit re-installs it",
            ja=(
                "`{command}` が {line} 行目の `{copy}` より後にあるため、コードを編集するたびに再イ"
                "ンストールされます。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 "
            "&& rm -rf /var/lib/apt/lists/*\n",
            lines=(4,),
            note="apt-get install after COPY . .",
        ),
        Example(
            "FROM python:3.12-alpine\nWORKDIR /app\nCOPY ./ ./\nRUN apk add --no-cache libpq\n",
            lines=(4,),
            note="apk add after COPY ./ ./",
        ),
        Example(
            "FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY . .\nFROM base\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 "
            "&& rm -rf /var/lib/apt/lists/*\n",
            lines=(5,),
            note="a stage built FROM the stage that copied everything",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n"
            "WORKDIR /app\nCOPY . .\n",
            note="packages first, then the source",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends libpq5 "
            "&& rm -rf /var/lib/apt/lists/*\n",
            note="a single manifest copied before is fine",
        ),
        Example(
            "FROM python:3.12-slim AS build\nWORKDIR /app\nCOPY . .\n"
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="the COPY is in an unrelated stage",
        ),
        Example(
            "FROM python:3.12-slim AS app\nWORKDIR /app\nCOPY . .\n"
            'CMD ["python", "-m", "app"]\n'
            "FROM app AS app-plus\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends chromium && rm -rf /var/lib/apt/lists/*\n",
            note="a variant of a finished image (linkding-plus): the parent runs as it is",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        # A stage built FROM another inherits its cache: a COPY there busts this one too.
        copies: dict[int, Instruction | None] = {}
        stages = facts.dockerfile.stages
        for stage in stages:
            parent = stages[stage.parent] if stage.parent is not None else None
            source_copy = None
            if parent is not None and not _runs_as_is(parent):
                source_copy = copies.get(parent.index)
            for instruction in stage.instructions:
                copied = facts.copy(instruction)
                if source_copy is None and copied is not None and copied.whole_context:
                    source_copy = instruction
                    continue
                installs = [item for item in facts.package_commands(instruction) if item.is_install]
                if source_copy is not None and installs:
                    yield Hit(
                        instruction.start_line,
                        "after_copy",
                        {
                            "command": installs[0].text,
                            "copy": f"{source_copy.keyword} {source_copy.arguments}",
                            "line": source_copy.start_line,
                        },
                    )
            copies[stage.index] = source_copy


def _runs_as_is(stage: Stage) -> bool:
    """A finished image: the stage says itself what it runs (its own CMD or ENTRYPOINT)."""
    return any(inst.keyword in ("CMD", "ENTRYPOINT") for inst in stage.instructions)
