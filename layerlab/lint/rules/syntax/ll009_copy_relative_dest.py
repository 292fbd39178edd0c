"""LL009 copy-relative-dest."""

import posixpath
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.base_workdir import WINDOWS_ROOT, base_workdir
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Stage, is_absolute
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
            "image chose. The official python, debian, alpine and node images choose none, so "
            "`COPY . .` spreads the project over the root of the image. The introduction's "
            "examples set `WORKDIR /app` first. A base that may set its own WORKDIR (a project's "
            "image such as `quay.io/jupyterhub/jupyterhub`) is not judged: the files land where "
            "that image's authors meant them to."
        ),
        ja=(
            "相対パスの宛先は作業ディレクトリを基準に解決されます。ステージ (または FROM 元の"
            "ステージ) に WORKDIR がないと、それはベースイメージ次第です。公式の python、debian、"
            "alpine、node イメージは WORKDIR を設定していないので、`COPY . .` でプロジェクトが"
            "イメージのルートに散らばります。入門の例では先に `WORKDIR /app` を書いています。"
            "独自の WORKDIR を設定しているかもしれないベース (`quay.io/jupyterhub/jupyterhub` "
            "のようなプロジェクトのイメージ) は判定しません。ファイルはそのイメージの作者が意図"
            "した場所に置かれます。"
        ),
    )
    fix = Text(
        en="Add `WORKDIR /app` before the COPY, or copy to an absolute path.",
        ja="COPY の前に `WORKDIR /app` を書くか、絶対パスにコピーします。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "relative": Text(
            en=(
                "{keyword} to the relative destination '{destination}' with no WORKDIR set: "
                "{image} sets none either, so it lands in {path}"
            ),
            ja=(
                "WORKDIR を設定しないまま、{keyword} のコピー先に相対パス '{destination}' を指定し"
                "ています。{image} も WORKDIR を設定していないので、{path} に置かれます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint checks COPY only; LayerLab checks ADD as well, which behaves the same. "
            "LayerLab judges only stages whose FROM chain starts at scratch or at an official "
            "image known to set no WORKDIR (python, debian, alpine, node, ...); hadolint also "
            "reports a relative destination on a base that sets its own WORKDIR."
        ),
        ja=(
            "hadolint は COPY だけを調べます。LayerLab は同じ動きをする ADD も調べます。"
            "また LayerLab が判定するのは、FROM をたどった先が scratch か、WORKDIR を設定しない"
            "ことがわかっている公式イメージ (python、debian、alpine、node など) のステージだけ"
            "です。hadolint は独自の WORKDIR を持つベースの上でも相対パスの宛先を報告します。"
        ),
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
        Example(
            "FROM node:22-alpine AS webui\nADD package.json .\nRUN yarn install\n",
            lines=(2,),
            note="node images set no WORKDIR either: yarn runs in /",
        ),
        Example("FROM scratch\nCOPY app app\n", lines=(2,), note="scratch starts in /"),
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
        Example(
            "FROM quay.io/jupyterhub/jupyterhub:5.2\nCOPY jupyterhub_config.py .\n",
            note="a project's base image may set its own WORKDIR (this one: /srv/jupyterhub)",
        ),
        Example(
            "ARG BASE_IMAGE=locustio/locust:2.31\nFROM ${BASE_IMAGE}\nCOPY ./dist dist\n",
            note="the same through an ARG default",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        for stage in dockerfile.stages:
            # Where the stage starts is the same for all its copies: asked once per stage.
            root = base_workdir(dockerfile, stage, facts.root_images[stage.index])
            if root is None:
                continue  # the base may set its own WORKDIR
            image = _root_base(dockerfile, stage)
            landings: dict[str, str] = {}  # generated files repeat one destination
            for inst in stage.instructions:
                copy = facts.copy(inst)
                if copy is None or is_absolute(copy.destination) or dockerfile.has_workdir(inst):
                    continue
                destination = copy.destination
                path = landings.get(destination)
                if path is None:
                    path = landings[destination] = _landing(root, destination)
                params = {
                    "keyword": inst.keyword,
                    "destination": destination,
                    "image": image,
                    "path": path,
                }
                hadolint = "DL3045" if inst.keyword == "COPY" else None
                yield Hit(inst.start_line, "relative", params, hadolint=hadolint)


def _root_base(dockerfile: Dockerfile, stage: Stage) -> str:
    """The image as written in the FROM the stage's chain starts at."""
    return dockerfile.expand(dockerfile.lineage(stage)[-1].base)


def _landing(root: str, destination: str) -> str:
    if root == WINDOWS_ROOT:
        return root + destination.replace("/", "\\").removeprefix(".").lstrip("\\")
    return posixpath.normpath(posixpath.join(root, destination))
