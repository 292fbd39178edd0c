"""LL205 no-install-recommends."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class NoInstallRecommends(Rule):
    code = "LL205"
    name = "no-install-recommends"
    level = Level.INFO
    lesson = "06-no-unneeded-packages"
    hadolint = ("DL3015",)
    aliases = ("DS-0029",)
    summary = Text(
        en="apt-get install without --no-install-recommends.",
        ja="--no-install-recommends を付けずに apt-get install しています。",
    )
    why = Text(
        en=(
            "By default apt also installs every package the ones you asked for merely "
            "recommend: documentation, extra tools, sometimes a whole X11 stack. They make the "
            "image bigger and add code that needs security updates, and the app does not use "
            "them. Install only what the app needs."
        ),
        ja=(
            "apt は標準で、指定したパッケージが「推奨」するパッケージもすべて入れます。"
            "ドキュメントや追加のツール、ときには X11 一式まで入ります。アプリは使わないのに"
            "イメージが大きくなり、セキュリティ更新の対象も増えます。"
            "アプリに必要なものだけを入れましょう。"
        ),
    )
    fix = Text(
        en="Add `--no-install-recommends`: `apt-get install -y --no-install-recommends <pkg>`.",
        ja=(
            "`--no-install-recommends` を付けます: "
            "`apt-get install -y --no-install-recommends <pkg>`。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "recommends": Text(
            en="`{command}` also installs recommended packages: add --no-install-recommends",
            ja=(
                "`{command}` は推奨パッケージまでインストールします。--no-install-recommends を付け"
                "ます。"
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "DL3015 looks at `apt-get install` only; LayerLab also checks `apt install`, which "
            "installs recommended packages the same way."
        ),
        ja=(
            "DL3015 は `apt-get install` だけを調べます。LayerLab は、同じように推奨パッケージを"
            "入れる `apt install` も調べます。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5 "
            "&& rm -rf /var/lib/apt/lists/*\n",
            lines=(2,),
            note="plain apt-get install",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt install -y libpq5\n",
            lines=(2,),
            note="apt install",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="--no-install-recommends",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "-o APT::Install-Recommends=false libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="the same setting as -o",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade -y "
            "&& rm -rf /var/lib/apt/lists/*\n",
            note="an upgrade installs no new packages",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for instruction in facts.package_runs:
            for item in facts.package_commands(instruction):
                if item.is_apt and item.is_install and not item.no_recommends:
                    yield Hit(
                        instruction.start_line,
                        "recommends",
                        {"command": item.text},
                        hadolint="DL3015" if item.manager == "apt-get" else None,
                    )
                    break
