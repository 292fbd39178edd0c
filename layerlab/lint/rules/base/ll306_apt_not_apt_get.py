"""LL306 apt-not-apt-get."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class AptNotAptGet(Rule):
    code = "LL306"
    name = "apt-not-apt-get"
    level = Level.WARNING
    lesson = "05-keep-current"
    hadolint = ("DL3027",)
    aliases = ("CKV_DOCKER_9",)
    summary = Text(
        en="`apt` is used in a RUN; scripts should use `apt-get`.",
        ja="RUN で `apt` を使っています。スクリプトでは `apt-get` を使います。",
    )
    why = Text(
        en=(
            "`apt` is the interactive front end for people at a terminal: its output and "
            'behaviour may change between releases, and it warns "apt does not have a stable '
            'CLI interface" when run from a script. `apt-get` is the stable interface meant '
            "for scripts such as a Dockerfile, so the build keeps working when the base image "
            "moves to a new Debian release."
        ),
        ja=(
            "`apt` は端末で人が使うための対話的なコマンドで、出力や動作がリリースごとに変わる"
            "ことがあり、スクリプトから使うと「apt does not have a stable CLI interface」と"
            "警告します。Dockerfile のようなスクリプトには安定したインターフェースの "
            "`apt-get` を使えば、ベースイメージの Debian が新しくなってもビルドが壊れません。"
        ),
    )
    fix = Text(
        en="Write `apt-get` (and `apt-cache` for searches) instead of `apt`.",
        ja="`apt` の代わりに `apt-get` (検索なら `apt-cache`) を書きます。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "apt": Text(
            en="`{command}`: use apt-get instead of apt",
            ja="`{command}`: apt ではなく apt-get を使います。",
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN apt update && apt install -y --no-install-recommends "
            "libpq5 && rm -rf /var/lib/apt/lists/*\n",
            lines=(2,),
            note="apt update and apt install",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n",
            note="apt-get",
        ),
        Example(
            "FROM python:3.12-slim\nRUN echo 'use apt carefully' && rm -rf /var/lib/apt/lists/*\n",
            note="the word apt in a string or a path",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for instruction in facts.package_runs:
            for item in facts.package_commands(instruction):
                if item.manager == "apt":
                    yield Hit(instruction.start_line, "apt", {"command": item.text})
                    break
