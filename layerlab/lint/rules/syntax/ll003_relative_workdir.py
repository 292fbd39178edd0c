"""LL003 relative-workdir."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, is_absolute
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class RelativeWorkdir(Rule):
    code = "LL003"
    name = "relative-workdir"
    level = Level.WARNING
    lesson = "01-introduction"
    hadolint = ("DL3000",)
    aliases = ("WorkdirRelativePath",)
    summary = Text(
        en="A relative WORKDIR with no WORKDIR before it in the stage.",
        ja="ステージ内で先に WORKDIR を設定しないまま、相対パスの WORKDIR を使っています。",
    )
    why = Text(
        en=(
            "A relative WORKDIR is resolved against whatever directory the base image left "
            "behind. Today that may be `/`; after the base image changes it may be something "
            "else, and every COPY and RUN that follows moves with it. The introduction's "
            "examples start each stage with an absolute `WORKDIR /app` so the layout of the "
            "image never depends on the base image."
        ),
        ja=(
            "相対パスの WORKDIR は、ベースイメージが残した作業ディレクトリを基準に解決されます。"
            "今は `/` でも、ベースイメージが変わると別の場所になり、後に続く COPY や RUN も"
            "一緒に動いてしまいます。入門の例では各ステージの最初に絶対パスの `WORKDIR /app` "
            "を書き、イメージの構成がベースイメージに左右されないようにしています。"
        ),
    )
    fix = Text(
        en="Use an absolute path (`WORKDIR /app`), or set one absolute WORKDIR first.",
        ja="絶対パス (`WORKDIR /app`) を使うか、先に絶対パスの WORKDIR を1つ設定します。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "relative": Text(
            en=(
                "WORKDIR {path} is relative and nothing set a WORKDIR before it: it lands wherever "
                "the base image {image} left off"
            ),
            ja=(
                "WORKDIR {path} は相対パスで、それより前に WORKDIR がありません。ベースイメージ"
                " {image} の作業ディレクトリが起点になります。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint (DL3000) flags every relative WORKDIR, even after `WORKDIR /app`, and "
            "even `WORKDIR $HOME`. LayerLab follows Docker's WorkdirRelativePath check: only "
            "a relative WORKDIR with no WORKDIR before it in the stage (or in the stage it is "
            "built FROM) is flagged, and a path that starts with a variable is left alone."
        ),
        ja=(
            "hadolint (DL3000) は `WORKDIR /app` の後でも、`WORKDIR $HOME` でも、相対パスの "
            "WORKDIR をすべて指摘します。LayerLab は Docker の WorkdirRelativePath と同じく、"
            "そのステージ (または FROM 元のステージ) で先に WORKDIR がないときだけ指摘し、"
            "変数で始まるパスは対象にしません。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nWORKDIR app\nCOPY . .\n",
            lines=(2,),
            note="relative WORKDIR first in the stage",
        ),
        Example(
            "FROM python:3.12-slim AS build\nWORKDIR /src\nFROM python:3.12-slim\nWORKDIR app\n",
            lines=(4,),
            note="a WORKDIR in another (unrelated) stage does not count",
        ),
    )
    good = (
        Example("FROM python:3.12-slim\nWORKDIR /app\n", note="absolute WORKDIR"),
        Example(
            "FROM python:3.12-slim\nWORKDIR /app\nWORKDIR src\n",
            note="relative after an absolute WORKDIR in the same stage",
        ),
        Example(
            "FROM python:3.12-slim AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n",
            note="the stage it is built FROM set an absolute WORKDIR",
        ),
        Example("FROM python:3.12-slim\nWORKDIR $HOME/app\n", note="starts with a variable"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for inst in dockerfile.instructions:
            path = inst.arguments.strip()
            if inst.keyword != "WORKDIR" or not path or is_absolute(path):
                continue
            # Like BuildKit: any earlier WORKDIR fixes the base, so only the first is flagged.
            if inst.stage < 0 or dockerfile.has_workdir(inst):
                continue
            stage = dockerfile.stages[inst.stage]
            yield Hit(
                inst.start_line, "relative", {"path": path, "image": stage.image or stage.base}
            )
