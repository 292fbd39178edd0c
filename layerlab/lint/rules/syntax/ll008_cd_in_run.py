"""LL008 cd-in-run."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.shell import split_commands
from layerlab.text import Text


class CdInRun(Rule):
    code = "LL008"
    name = "cd-in-run"
    level = Level.INFO
    lesson = "01-introduction"
    hadolint = ("DL3003",)
    summary = Text(
        en="`cd` inside a RUN; use WORKDIR.",
        ja="RUN の中で `cd` しています。WORKDIR を使います。",
    )
    why = Text(
        en=(
            "Each RUN starts in the WORKDIR again, so a `cd` lasts only until the end of its "
            "RUN and the next instruction is back where it was. WORKDIR says where the "
            "following instructions run, once, where a reader expects it. A `cd` inside a "
            "subshell `(cd x && make)` counts too, as in hadolint: `make -C x` or a WORKDIR "
            "says the same thing without one."
        ),
        ja=(
            "RUN は毎回 WORKDIR から始まるので、`cd` の効果はその RUN の終わりまでで、"
            "次の命令では元の場所に戻ります。WORKDIR なら、以降の命令をどこで実行するかを"
            "読み手が期待する場所で1度だけ示せます。hadolint と同じく、サブシェル "
            "`(cd x && make)` の中の `cd` も対象です。`make -C x` や WORKDIR なら"
            "サブシェルなしで同じことを表せます。"
        ),
    )
    fix = Text(
        en="Set `WORKDIR /path` before the RUN, or give the tool the directory (`make -C`).",
        ja="RUN の前に `WORKDIR /path` を書くか、コマンドにディレクトリを渡します (`make -C`)。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "cd": Text(
            en="`cd {target}` in RUN: it lasts only for this RUN; use WORKDIR {target} instead",
            ja=(
                "RUN の中の `cd {target}` は、その RUN の中でしか効きません。代わりに"
                " WORKDIR {target} を使います。"
            ),
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN cd /app && pip install .\n",
            lines=(2,),
            note="cd before a command",
        ),
        Example(
            "FROM python:3.12-slim\nRUN (cd /src && make) && cp /src/out /usr/bin/\n",
            lines=(2,),
            note="cd in a subshell counts too, as in hadolint",
        ),
        Example(
            "FROM python:3.12-slim\nRUN <<EOF\ncd /app\npip install .\nEOF\n",
            lines=(2,),
            note="cd in a heredoc script",
        ),
    )
    good = (
        Example("FROM python:3.12-slim\nWORKDIR /app\nRUN pip install .\n", note="WORKDIR"),
        Example(
            'FROM python:3.12-slim\nRUN echo "cd /app" >> /etc/motd\n',
            note="cd inside a quoted string is no command",
        ),
        Example(
            "FROM python:3.12-slim\nRUN sh -c 'cd /app && ls'\n",
            note="cd inside an sh -c string is not seen, as in hadolint",
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        for inst in dockerfile.instructions:
            if inst.keyword != "RUN":
                continue
            for command in split_commands(inst.command):
                if command.program == "cd":
                    target = command.argv[1] if len(command.argv) > 1 else "~"
                    yield Hit(inst.start_line, "cd", {"target": target})
                    break
