"""LL407 sudo."""

import posixpath
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.shell import Command
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text


class Sudo(Rule):
    code = "LL407"
    name = "sudo"
    level = Level.WARNING
    lesson = "09-summary"
    hadolint = ("DL3004",)
    aliases = ("CKV2_DOCKER_1", "DS-0010")
    summary = Text(en="sudo in a RUN.", ja="RUN で sudo を使っています。")
    why = Text(
        en=(
            "RUN already runs as the current USER, and root work belongs before you switch "
            "to the app's user. sudo needs a TTY and a sudoers entry, behaves unpredictably "
            "with signals and environment variables, and keeping it in the image lets the app "
            "user become root again, which undoes the point of a non-root USER."
        ),
        ja=(
            "RUN はその時点の USER で実行されます。root での作業は、アプリ用ユーザーに切り替える"
            "前に済ませます。sudo は TTY や sudoers の設定を必要とし、シグナルや環境変数の扱いも"
            "予測しにくく、イメージに残すとアプリのユーザーが root に戻れてしまいます。"
            "一般ユーザーで動かす意味がなくなります。"
        ),
    )
    fix = Text(
        en=(
            "Run the command before `USER app`, or switch with `USER root` ... `USER app` "
            "around it; use gosu at run time if you must drop privileges in an entrypoint."
        ),
        ja=(
            "`USER app` より前で実行するか、`USER root` と `USER app` で挟みます。"
            "エントリポイントで権限を落とす必要があるなら、実行時に gosu を使います。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "sudo": Text(
            en="`{command}` uses sudo",
            ja="`{command}` で sudo を使っています。",
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nONBUILD RUN sudo apt-get install -y curl\n",
            lines=(2,),
            note="under ONBUILD too",
        ),
        Example(
            "FROM python:3.12-slim\nUSER nobody\nRUN sudo apt-get update && sudo apt-get "
            "install -y --no-install-recommends libpq5\n",
            lines=(3,),
            note="sudo in front of apt-get",
        ),
        Example(
            "FROM python:3.12-slim\nRUN env sudo -u nobody touch /tmp/x\n",
            lines=(2,),
            note="sudo behind env",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y "
            "--no-install-recommends sudo && rm -rf /var/lib/apt/lists/*\n",
            note="installing the sudo package is not running it",
        ),
        Example(
            "FROM python:3.12-slim\nRUN echo 'no sudo here'\n",
            note="sudo inside a string",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for instruction in facts.runs:  # ONBUILD RUNs too: they run in the images built FROM it
            for command in facts.commands(instruction):
                if _runs_sudo(command):
                    yield Hit(instruction.start_line, "sudo", {"command": command.shown})
                    break


def _runs_sudo(command: Command) -> bool:
    """sudo as the program or as one of the wrappers in front of it (`env sudo x`)."""
    if len(command.words) == len(command.argv):
        return False  # no wrappers: most commands
    wrappers = command.words[: len(command.words) - len(command.argv)]
    return any(posixpath.basename(word) == "sudo" for word in wrappers)
