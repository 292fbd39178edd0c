"""LL305 alpine-python."""

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.releases import is_alpine_python, slim_tag, stage_images
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# apk packages that mean "we compile C extensions for musl here".
MUSL_TOOLCHAIN = frozenset({"alpine-sdk", "build-base", "gcc", "musl-dev"})


class AlpinePython(Rule):
    code = "LL305"
    name = "alpine-python"
    level = Level.INFO
    lesson = "06-no-unneeded-packages"
    summary = Text(
        en="A python:*-alpine base image.",
        ja="ベースイメージが python:*-alpine です。",
    )
    why = Text(
        en=(
            "Alpine uses musl instead of glibc. Many packages publish only manylinux (glibc) "
            "wheels, so pip compiles them from source, which needs gcc and headers, takes "
            "minutes and can fail; binaries built elsewhere will not run; and musl's allocator "
            "makes Python measurably slower. The compressed size gain over `-slim` is about "
            "20 MB. The talk's choice is a Debian slim image. A Dockerfile that installs the "
            "musl toolchain (`gcc`, `musl-dev`, `build-base`) compiles for Alpine knowingly and "
            "is not reported."
        ),
        ja=(
            "Alpine は glibc ではなく musl を使います。manylinux (glibc) 向けの wheel しか"
            "公開していないパッケージが多く、pip はソースからビルドします。gcc とヘッダが必要で、"
            "時間がかかり、失敗することもあります。他で作ったバイナリは動かず、musl のメモリ"
            "アロケータで Python が遅くなることも知られています。`-slim` との差は圧縮後で約 20 MB "
            "です。発表の選択は Debian の slim イメージです。musl 用のツールチェーン (`gcc`、"
            "`musl-dev`、`build-base`) を入れている Dockerfile は、承知の上で Alpine 向けに"
            "ビルドしているので報告しません。"
        ),
    )
    fix = Text(
        en="Use the slim Debian image, e.g. `python:3.13-slim`.",
        ja="Debian の slim イメージを使います (例: `python:3.13-slim`)。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "alpine": Text(
            en=(
                "`{image}` is Alpine (musl): many wheels must compile from source; use "
                "`python:{slim}`"
            ),
            ja=(
                "`{image}` は Alpine (musl) なので、多くの wheel をソースからビルドすることになりま"
                "す。`python:{slim}` を使います。"
            ),
        ),
    }
    bad = (
        Example("FROM python:3.13-alpine\n", lines=(1,), note="alpine"),
        Example("FROM python:3.12-alpine3.20 AS builder\n", lines=(1,), note="alpine version"),
        Example("FROM python:alpine\n", lines=(1,), note="no Python version"),
        Example(
            "FROM python:3.13-alpine AS build\nRUN pip wheel -w /w flask==3.1.0\n"
            "FROM python:3.13-alpine\nCOPY --from=build /w /w\n",
            lines=(1,),
            note="the same base in two stages: one finding",
        ),
    )
    good = (
        Example("FROM python:3.13-slim\n", note="slim Debian"),
        Example("FROM alpine:3.20\n", note="plain alpine, not a Python image"),
        Example(
            "FROM python:3.13-alpine\nRUN apk add --no-cache --virtual .build gcc musl-dev "
            "libffi-dev && pip install --no-cache-dir cffi==1.17.1 && apk del .build\n",
            note="a deliberate Alpine image: it installs the musl toolchain and compiles",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        if _handles_musl(facts):
            return
        seen = set()
        for stage, image in stage_images(facts.dockerfile):
            if is_alpine_python(image) and stage.base not in seen:
                seen.add(stage.base)  # one choice of base, one finding
                params = {"image": stage.base, "slim": slim_tag(image, date.today())}
                yield Hit(stage.from_line, "alpine", params)


def _handles_musl(facts: Facts) -> bool:
    """The Dockerfile installs a C toolchain with apk: it compiles for musl knowingly, the
    cost this rule warns about is already paid on purpose."""
    return any(
        item.manager == "apk" and item.is_install and MUSL_TOOLCHAIN & set(item.packages)
        for run in facts.runs
        for item in facts.package_commands(run)
    )
