"""LL409 pipe-without-pipefail."""

import posixpath
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import ClassVar

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction, Stage
from layerlab.lint.eol import stage_image
from layerlab.lint.findings import Level
from layerlab.lint.os_packages import is_debian_based, run_commands
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.shell import Command
from layerlab.text import Part, Text

# Shells where pipefail means nothing: the check does not apply under them.
NON_POSIX_SHELLS = frozenset({"pwsh", "powershell", "powershell.exe", "cmd", "cmd.exe"})
PIPEFAIL_SHELLS = frozenset({"bash", "zsh", "ash", "ksh", "mksh"})


class PipeWithoutPipefail(Rule):
    code = "LL409"
    name = "pipe-without-pipefail"
    level = Level.WARNING
    lesson = "09-summary"
    hadolint = ("DL4006",)
    summary = Text(
        en="A RUN pipes commands without pipefail.",
        ja="pipefail なしでパイプを使う RUN があります。",
    )
    why = Text(
        en=(
            "A shell pipeline succeeds when its last command does. In `RUN curl -fsSL URL | "
            "sh`, a failed download still passes the step: the layer is cached as if all went "
            "well and the image ships broken. With pipefail the RUN fails as soon as any part "
            "of the pipe fails."
        ),
        ja=(
            "シェルのパイプラインは最後のコマンドが成功すれば成功になります。"
            "`RUN curl -fsSL URL | sh` でダウンロードに失敗してもステップは成功し、そのまま"
            "キャッシュされ、壊れたイメージができます。pipefail を付ければ、パイプのどこかが"
            "失敗した時点で RUN が失敗します。"
        ),
    )
    fix = Text(
        en=(
            'Put `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (Alpine: '
            "`/bin/ash`), or start the RUN with `set -o pipefail &&` in a shell that has it."
        ),
        ja=(
            'RUN の前に `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` を書くか (Alpine なら '
            "`/bin/ash`)、pipefail のあるシェルで RUN を `set -o pipefail &&` から始めます。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "no_pipefail": Text(
            en=(
                "`{pipe}` pipes without pipefail: a failure before the last command passes "
                "unnoticed"
            ),
            ja=(
                "`{pipe}` は pipefail なしのパイプです。最後以外のコマンドが失敗しても見逃されます"
                "。"
            ),
        ),
        "dash_pipefail": Text(
            en=(
                "`set -o pipefail` before `{pipe}` fails under /bin/sh, which is dash on Debian: "
                'use SHELL ["/bin/bash", "-o", "pipefail", "-c"]'
            ),
            ja=(
                "`{pipe}` の前の `set -o pipefail` は、/bin/sh (Debian では dash) では失敗します。"
                'SHELL ["/bin/bash", "-o", "pipefail", "-c"] を使います。'
            ),
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint forgets SHELL at every FROM; Docker keeps it in the image config, so a "
            "stage built FROM an earlier stage inherits its SHELL, and LayerLab follows "
            "Docker. LayerLab also accepts `set -o pipefail` before the pipe in the same RUN "
            "when the shell has it (bash, ash on Alpine, a `RUN <<EOF bash` heredoc); under "
            "Debian's /bin/sh (dash) it reports that this line fails. Exec-form RUNs do not "
            "use SHELL and are not checked."
        ),
        ja=(
            "hadolint は FROM のたびに SHELL を忘れますが、Docker は SHELL をイメージの設定に"
            "保存するので、前のステージから FROM したステージは SHELL を引き継ぎます。"
            "LayerLab は Docker に合わせます。また、そのシェルが対応していれば (bash、Alpine の "
            "ash、`RUN <<EOF bash` のヒアドキュメント)、同じ RUN でパイプより前にある "
            "`set -o pipefail` を認めます。Debian の /bin/sh (dash) ではその行が失敗することを"
            "報告します。exec 形式の RUN は SHELL を使わないので調べません。"
        ),
    )
    bad = (
        Example(
            "FROM python:3.12-slim\nRUN curl -fsSL https://example.com/install.sh | sh\n",
            lines=(2,),
            note="a pipe and no pipefail",
        ),
        Example(
            'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
            "FROM python:3.12-slim\nRUN pip freeze | grep -i django\n",
            lines=(4,),
            note="SHELL does not carry over to an unrelated stage",
        ),
        Example(
            "FROM python:3.12-slim\nRUN pip freeze | grep -i django && set -o pipefail\n",
            lines=(2,),
            note="set -o pipefail after the pipe is too late",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN set -o pipefail && curl -fsSL https://example.com/install.sh | sh\n",
            lines=(2,),
            note="set -o pipefail under Debian's dash fails",
        ),
    )
    good = (
        Example(
            'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
            "RUN curl -fsSL https://example.com/install.sh | sh\n",
            note="SHELL with pipefail",
        ),
        Example(
            'FROM python:3.12-slim AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\n'
            "FROM base\nRUN pip freeze | grep -i django\n",
            note="SHELL inherited from the stage built FROM",
        ),
        Example(
            "FROM python:3.12-alpine\n"
            "RUN set -euxo pipefail; wget -qO- https://example.com | tar x\n",
            note="set -o pipefail first in the RUN, under Alpine's ash",
        ),
        Example(
            "FROM python:3.12-slim\nRUN <<EOF bash\nset -euo pipefail\n"
            "pip freeze | grep -i django\nEOF\n",
            note="a bash heredoc that sets pipefail",
        ),
        Example(
            'FROM python:3.12-slim\nSHELL ["/bin/bash", "-c"]\n'
            "RUN set -o pipefail && pip freeze | grep -i django\n",
            note="set -o pipefail under a bash SHELL",
        ),
        Example(
            "FROM python:3.12-slim\nRUN test -f /x || echo 'a | b'\n",
            note="|| and a quoted bar are not pipes",
        ),
    )

    def check(self, dockerfile: Dockerfile, context: BuildContext | None) -> Iterator[Hit]:
        shells: dict[int, tuple[str, ...]] = {}
        for stage in dockerfile.stages:
            shell = shells.get(stage.parent, ()) if stage.parent is not None else ()
            dash = _runs_dash(dockerfile, stage)
            for instruction in stage.instructions:
                if instruction.keyword == "SHELL":
                    shell = tuple(instruction.json_args or ())
                elif instruction.keyword == "RUN":
                    problem = _problem(instruction, shell, dash)
                    if problem is not None:
                        yield Hit(instruction.start_line, problem.key, problem.params)
            shells[stage.index] = shell


def _runs_dash(dockerfile: Dockerfile, stage: Stage) -> bool:
    """True when /bin/sh is Debian's dash, which has no pipefail (bookworm, trixie)."""
    while stage.parent is not None:
        stage = dockerfile.stages[stage.parent]
    image = stage_image(dockerfile, stage)
    return image is not None and is_debian_based(image)


def _problem(instruction: Instruction, shell: tuple[str, ...], dash: bool) -> Part | None:
    if instruction.json_args is not None or _safe_shell(shell):
        return None
    pipe, set_before = _first_pipe(instruction)
    if pipe is None:
        return None
    if not set_before:
        return Part("no_pipefail", {"pipe": pipe})
    if dash and _is_sh(shell) and not _heredoc_shell(instruction):
        return Part("dash_pipefail", {"pipe": pipe})
    return None


def _is_sh(shell: tuple[str, ...]) -> bool:
    return not shell or posixpath.basename(shell[0]) in ("sh", "dash")


def _safe_shell(shell: tuple[str, ...]) -> bool:
    """SHELL with `-o pipefail`, or a shell where pipes are no concern."""
    if shell and posixpath.basename(shell[0]).lower() in NON_POSIX_SHELLS:
        return True
    return _sets_pipefail(shell)


def _sets_pipefail(words: Sequence[str]) -> bool:
    """`-o pipefail`, also in clusters such as `-eo pipefail` or `-euxo pipefail`."""
    return any(
        word.startswith("-")
        and not word.startswith("--")
        and word.endswith("o")
        and nxt == "pipefail"
        for word, nxt in pairwise(words)
    )


def _first_pipe(instruction: Instruction) -> tuple[str | None, bool]:
    """The first pipe of a RUN, and whether `set -o pipefail` comes before it."""
    commands: list[Command] = []
    set_before = False
    for command in run_commands(instruction):
        if command.program == "set" and _sets_pipefail(command.argv):
            set_before = True
        if command.after in ("|", "|&") and commands:
            return f"{' '.join(commands[-1].words)} | {' '.join(command.words)}", set_before
        commands.append(command)
    return None, set_before


def _heredoc_shell(instruction: Instruction) -> bool:
    """`RUN <<EOF bash` or a `#!/bin/bash` heredoc: a shell other than /bin/sh runs it."""
    if not instruction.heredocs:
        return False
    words = instruction.arguments.split()
    for heredoc in instruction.heredocs:
        first = heredoc.body.split("\n", 1)[0]
        if first.startswith("#!"):
            words += first[2:].split()
    return any(posixpath.basename(word) in PIPEFAIL_SHELLS for word in words)
