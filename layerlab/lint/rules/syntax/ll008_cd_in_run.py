"""LL008 cd-in-run."""

from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.layer_paths import clears
from layerlab.analysis.paths import absolute
from layerlab.analysis.shell import Command, Nest
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
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
            "says the same thing without one. Left alone is a `cd` a WORKDIR cannot replace: "
            "into a build tree the same RUN deletes again or leaves with another `cd` "
            "(`cd /usr/src/python && make install && cd / && rm -rf /usr/src/python`), one "
            "after commands that work with relative paths in the current directory, and one "
            "inside a loop, a condition or `$(...)`."
        ),
        ja=(
            "RUN は毎回 WORKDIR から始まるので、`cd` の効果はその RUN の終わりまでで、"
            "次の命令では元の場所に戻ります。WORKDIR なら、以降の命令をどこで実行するかを"
            "読み手が期待する場所で1度だけ示せます。hadolint と同じく、サブシェル "
            "`(cd x && make)` の中の `cd` も対象です。`make -C x` や WORKDIR なら"
            "サブシェルなしで同じことを表せます。WORKDIR では置き換えられない `cd` は対象外"
            "です: 同じ RUN の中で削除するか別の `cd` で出ていくビルド用ディレクトリへの `cd` "
            "(`cd /usr/src/python && make install && cd / && rm -rf /usr/src/python`)、"
            "カレントディレクトリの相対パスを使うコマンドの後の `cd`、ループや条件、`$(...)` "
            "の中の `cd` です。"
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
    versus_hadolint = Text(
        en=(
            "hadolint's DL3003 reports every `cd`. LayerLab leaves out a `cd` that a WORKDIR "
            "cannot replace: one into a directory the same RUN deletes or leaves again, one "
            "after commands that use relative paths in the starting directory, and one inside a "
            "loop, a condition or a command substitution."
        ),
        ja=(
            "hadolint の DL3003 はすべての `cd` を報告します。LayerLab は WORKDIR では置き換え"
            "られない `cd` を報告しません: 同じ RUN の中で削除するか再び出ていくディレクトリへ"
            "の `cd`、最初のディレクトリの相対パスを使うコマンドの後の `cd`、ループや条件、"
            "コマンド置換の中の `cd` です。"
        ),
    )
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
        Example(
            "FROM python:3.12-slim\nRUN mkdir -p /data && cd /data && touch .keep\n",
            lines=(2,),
            note="mkdir then cd: WORKDIR creates the directory too",
        ),
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && cd /app && pip install .\n",
            lines=(2,),
            note="commands before the cd that do not depend on the directory",
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
        Example(
            "FROM python:3.12-slim\nRUN mkdir -p /usr/src/python \\\n"
            "    && tar -xf python.tar.xz -C /usr/src/python \\\n"
            "    && cd /usr/src/python && ./configure && make install \\\n"
            "    && cd / && rm -rf /usr/src/python\n",
            note="a build tree the RUN leaves and deletes (docker-library's python images)",
        ),
        Example(
            "FROM python:3.12-slim\nRUN git clone --depth 1 https://github.com/tmux/tmux.git "
            "/tmp/tmux && cd /tmp/tmux && ./configure && make install && rm -rf /tmp/tmux\n",
            note="a clone deleted in the same RUN",
        ),
        Example(
            "FROM python:3.12-slim\nWORKDIR /opt/netbox/netbox\n"
            "RUN mkdir -p static && chown -R 1000 media \\\n"
            "    && cd /opt/netbox && python -m mkdocs build --site-dir /opt/netbox/docs\n",
            note="relative paths in the WORKDIR first, then one command elsewhere (netbox)",
        ),
        Example(
            'FROM python:3.12-slim\nRUN for d in a b; do (cd "$d" && make); done\n',
            note="a cd per loop iteration",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for event in facts.events_in():
            inst = event.instruction
            if inst.keyword != "RUN":
                continue
            commands = facts.commands(inst)
            moves = [index for index, command in enumerate(commands) if command.program == "cd"]
            if len(moves) != 1:
                continue  # none, or the RUN moves between directories: no one WORKDIR
            index = moves[0]
            cd = commands[index]
            target = cd.argv[1] if len(cd.argv) > 1 else "~"
            if NESTED & set(cd.nesting) or any(map(_uses_cwd, commands[:index])):
                continue
            if _deleted_later(facts, inst, index, absolute(target, event.workdir), event.workdir):
                continue
            yield Hit(inst.start_line, "cd", {"target": target})


# A cd in these runs per iteration or branch, or only in the substitution's subshell.
NESTED = frozenset({Nest.LOOP, Nest.BRANCH, Nest.CASE, Nest.CONDITION, Nest.SUBSTITUTION})
# Programs whose operands are paths: a relative one works in the current directory.
FILE_TOOLS = frozenset(
    {"mkdir", "touch", "cp", "mv", "ln", "rm", "rmdir", "chown", "chmod", "chgrp", "tar",
     "unzip", "ls", "cat", "find", "sed", "install"}
)  # fmt: skip
OWNER_OR_MODE_FIRST = frozenset({"chown", "chmod", "chgrp"})


def _uses_cwd(command: Command) -> bool:
    """True when a command names a path relative to the directory it runs in."""
    argv = command.argv
    if not argv:
        return False
    if "/" in argv[0] and _relative(argv[0]):
        return True  # ./configure, bin/setup
    operands = [word for word in argv[1:] if not word.startswith("-")]
    if command.program in OWNER_OR_MODE_FIRST:
        operands = operands[1:]
    file_tool = command.program in FILE_TOOLS
    return any(
        word in (".", "..") or (_relative(word) and (file_tool or "/" in word)) for word in operands
    )


def _relative(word: str) -> bool:
    """A relative path, not an absolute one, a variable, a URL or an assignment."""
    if not word or word.startswith(("/", "$", "~")):
        return False
    return "://" not in word and "=" not in word


def _deleted_later(facts: Facts, inst: Instruction, index: int, target: str, cwd: str) -> bool:
    """True when the RUN deletes the directory it changed into: a temporary build tree."""
    return any(
        deleted.index > index and clears(deleted.path, target)
        for deleted in facts.deleted_paths(inst, cwd)
    )
