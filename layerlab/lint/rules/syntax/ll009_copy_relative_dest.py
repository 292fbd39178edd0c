"""LL009 copy-relative-dest."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, is_absolute
from layerlab.lint.copies import copy_of
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class CopyRelativeDest(Rule):
    code = "LL009"
    name = "copy-relative-dest"
    level = Level.WARNING
    lesson = "01-introduction"
    hadolint = ("DL3045",)
    summary = Text(
        en="COPY or ADD to a relative destination with no WORKDIR set.",
        ja="WORKDIR を設定しないまま、相対パスの宛先に COPY / ADD しています。",
    )
    why = Text(
        en=(
            "A relative destination is resolved against the working directory. Without a "
            "WORKDIR in the stage (or in the stage it is built FROM) that is whatever the base "
            "image chose, often `/`, so `COPY . .` spreads the project over the root of the "
            "image. The introduction's examples set `WORKDIR /app` first."
        ),
        ja=(
            "相対パスの宛先は作業ディレクトリを基準に解決されます。ステージ (または FROM 元の"
            "ステージ) に WORKDIR がないと、それはベースイメージ次第で、多くは `/` です。"
            "`COPY . .` でプロジェクトがイメージのルートに散らばります。入門の例では先に "
            "`WORKDIR /app` を書いています。"
        ),
    )
    fix = Text(
        en="Add `WORKDIR /app` before the COPY, or copy to an absolute path.",
        ja="COPY の前に `WORKDIR /app` を書くか、絶対パスにコピーします。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "relative": Text(
            en=(
                "{keyword} to the relative destination '{destination}' with no WORKDIR set: it "
                "lands under the base image's working directory (often /)"
            ),
            ja=(
                "WORKDIR を設定しないまま、{keyword} のコピー先に相対パス '{destination}' を指定し"
                "ています。ベースイメージの作業ディレクトリ (多くは /) の下に置かれます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en="hadolint checks COPY only; LayerLab checks ADD as well, which behaves the same.",
        ja="hadolint は COPY だけを調べます。LayerLab は同じ動きをする ADD も調べます。",
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nCOPY . .\n",
            lines=(2,),
            note="COPY . . with no WORKDIR",
        ),
        Example(
            "FROM python:3.12-slim\nADD app.tar.gz app/\n",
            lines=(2,),
            note="ADD to a relative path",
        ),
        Example(
            "FROM python:3.12 AS build\nWORKDIR /src\n"
            "FROM python:3.12-slim\nCOPY --from=build /src/dist dist/\n",
            lines=(4,),
            note="a WORKDIR in another stage does not count",
        ),
    )
    good = (
        Example("FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\n", note="WORKDIR first"),
        Example("FROM python:3.12-slim\nCOPY . /app/\n", note="absolute destination"),
        Example(
            "FROM python:3.12-slim AS base\nWORKDIR /app\nFROM base\nCOPY . .\n",
            note="the stage it is built FROM set the WORKDIR",
        ),
        Example('FROM python:3.12-slim\nCOPY ["app.py", "/app/"]\n', note="JSON form"),
        Example("FROM python:3.12-slim\nCOPY app.py $HOME/\n", note="starts with a variable"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for inst in dockerfile.instructions:
            copy = copy_of(inst)
            if copy is None or is_absolute(copy.destination) or inst.stage < 0:
                continue
            if dockerfile.has_workdir(inst):
                continue
            yield Hit(
                inst.start_line,
                "relative",
                {"keyword": inst.keyword, "destination": copy.destination},
                hadolint="DL3045" if inst.keyword == "COPY" else None,
            )
