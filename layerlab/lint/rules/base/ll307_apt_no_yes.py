"""LL307 apt-no-yes."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.installs.system import PackageCommand
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class AptNoYes(Rule):
    code = "LL307"
    name = "apt-no-yes"
    level = Level.WARNING
    lesson = "05-keep-current"
    hadolint = ("DL3014",)
    aliases = ("DS-0021",)
    summary = Text(
        en="apt-get install (or upgrade) without -y.",
        ja="-y を付けずに apt-get install (または upgrade) しています。",
    )
    why = Text(
        en=(
            'Without -y, apt-get asks "Do you want to continue? [Y/n]" whenever it needs '
            "more than the named packages. A build has no one to answer, so apt-get aborts "
            "and the build fails, often only later, when a new dependency or a security "
            "update appears."
        ),
        ja=(
            "-y がないと、apt-get は指定以外のパッケージも必要になったときに「Do you want to "
            "continue? [Y/n]」と尋ねます。ビルド中は誰も答えられないので apt-get は中止し、"
            "ビルドが失敗します。新しい依存やセキュリティ更新が出た日に突然起こりがちです。"
        ),
    )
    fix = Text(
        en="Add -y: `apt-get install -y --no-install-recommends <pkg>`, `apt-get upgrade -y`.",
        ja=(
            "-y を付けます: `apt-get install -y --no-install-recommends <pkg>`、"
            "`apt-get upgrade -y`。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "prompts": Text(
            en="`{command}` will stop at a [Y/n] prompt: add -y",
            ja="`{command}` は [Y/n] の確認で止まります。-y を付けます。",
        ),
    }
    versus_hadolint = Text(
        en=(
            "DL3014 checks only `apt-get install`. LayerLab also checks `apt-get upgrade`, "
            "`dist-upgrade`, `remove`, `purge` and `apt`, which prompt the same way."
        ),
        ja=(
            "DL3014 は `apt-get install` だけを調べます。LayerLab は同じように確認を求める "
            "`apt-get upgrade`、`dist-upgrade`、`remove`、`purge` と `apt` も調べます。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            lines=(2,),
            note="install without -y",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get upgrade "
            "&& rm -rf /var/lib/apt/lists/*\n",
            lines=(2,),
            note="upgrade without -y",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="-y",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get --yes upgrade "
            "&& apt-get install --assume-yes --no-install-recommends libpq5 "
            "&& rm -rf /var/lib/apt/lists/*\n",
            note="--yes and --assume-yes",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update -qq && apt-get install -qq "
            "--no-install-recommends libpq5 && apt-get install -yq --no-install-recommends "
            "curl && rm -rf /var/lib/apt/lists/*\n",
            note="-qq implies -y; -yq is -y",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for instruction in facts.package_runs:
            for item in facts.package_commands(instruction):
                if _prompts(item) and not item.assumes_yes:
                    yield Hit(
                        instruction.start_line,
                        "prompts",
                        {"command": item.text},
                        hadolint="DL3014"
                        if item.manager == "apt-get" and item.is_install
                        else None,
                    )
                    break


def _prompts(item: PackageCommand) -> bool:
    return item.is_apt and (item.is_install or item.is_upgrade or item.is_removal)
