"""LL305 alpine-python."""

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.eol import is_alpine_python, slim_tag, stage_images
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


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
            "20 MB. The talk's choice is a Debian slim image."
        ),
        ja=(
            "Alpine は glibc ではなく musl を使います。manylinux (glibc) 向けの wheel しか"
            "公開していないパッケージが多く、pip はソースからビルドします。gcc とヘッダが必要で、"
            "時間がかかり、失敗することもあります。他で作ったバイナリは動かず、musl のメモリ"
            "アロケータで Python が遅くなることも知られています。`-slim` との差は圧縮後で約 20 MB "
            "です。発表の選択は Debian の slim イメージです。"
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
    )
    good = (
        Example("FROM python:3.13-slim\n", note="slim Debian"),
        Example("FROM alpine:3.20\n", note="plain alpine, not a Python image"),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for stage, image in stage_images(dockerfile):
            if is_alpine_python(image):
                params = {"image": stage.base, "slim": slim_tag(image, date.today())}
                yield Hit(stage.from_line, "alpine", params)
