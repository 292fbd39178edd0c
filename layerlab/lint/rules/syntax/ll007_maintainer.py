"""LL007 maintainer."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class Maintainer(Rule):
    code = "LL007"
    name = "maintainer"
    level = Level.STYLE
    lesson = "01-introduction"
    hadolint = ("DL4000",)
    aliases = ("MaintainerDeprecated",)
    summary = Text(
        en="MAINTAINER is deprecated; use a LABEL.",
        ja="MAINTAINER は非推奨です。LABEL を使います。",
    )
    why = Text(
        en=(
            "MAINTAINER has been deprecated since Docker 1.13. A LABEL such as "
            "`org.opencontainers.image.authors` carries the same information in the standard "
            "place, where `docker inspect` and registries show it."
        ),
        ja=(
            "MAINTAINER は Docker 1.13 から非推奨です。`org.opencontainers.image.authors` "
            "などの LABEL なら同じ情報を標準の場所に置け、`docker inspect` やレジストリで"
            "表示されます。"
        ),
    )
    fix = Text(
        en='Write `LABEL org.opencontainers.image.authors="name <mail>"` instead.',
        ja='代わりに `LABEL org.opencontainers.image.authors="名前 <メール>"` と書きます。',
    )
    messages: ClassVar[dict[str, Text]] = {
        "deprecated": Text(
            en=(
                'MAINTAINER is deprecated: write LABEL org.opencontainers.image.authors="{author}"'
            ),
            ja=(
                'MAINTAINER は非推奨です。LABEL org.opencontainers.image.authors="{author}" と書'
                "きます。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nMAINTAINER Taro <taro@example.com>\n",
            lines=(2,),
        ),
    )
    good = (
        Example(
            'FROM python:3.12-slim\nLABEL org.opencontainers.image.authors="Taro"\n',
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for inst in dockerfile.instructions:
            if inst.keyword == "MAINTAINER":
                author = inst.arguments.strip().replace('"', '\\"')
                yield Hit(inst.start_line, "deprecated", {"author": author})
