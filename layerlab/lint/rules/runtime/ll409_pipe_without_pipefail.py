"""LL409 pipe-without-pipefail."""

import posixpath
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.shell import Command, Nest, Pipeline, Script
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Part, Text

# Shells where pipefail means nothing: the check does not apply under them.
NON_POSIX_SHELLS = frozenset({"pwsh", "powershell", "powershell.exe", "cmd", "cmd.exe"})
PIPEFAIL_SHELLS = frozenset({"bash", "zsh", "ash", "ksh", "mksh"})
# Commands that only print their arguments: on the left of a pipe they cannot fail, so
# pipefail changes nothing (`echo "$SHA  file" | sha256sum -c -`, `seq 1 8 | xargs mkdir`).
CANNOT_FAIL = frozenset({"echo", "printf", "seq"})


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
            "Debian's /bin/sh (dash) it reports that this line fails. Like hadolint, a "
            '`SHELL ["/bin/sh", "-o", "pipefail", "-c"]` counts only where /bin/sh has '
            "pipefail: LayerLab knows that of Alpine's ash, hadolint of no sh at all. "
            "Exec-form RUNs do not use SHELL and are not checked. hadolint reports every "
            "pipe; LayerLab leaves out the pipes pipefail cannot change: those whose commands "
            "before the last only print their arguments (`echo`, `printf`, `seq`), and those "
            "inside a `$(...)` given as an argument to another command, whose status the "
            "shell drops anyway."
        ),
        ja=(
            "hadolint は FROM のたびに SHELL を忘れますが、Docker は SHELL をイメージの設定に"
            "保存するので、前のステージから FROM したステージは SHELL を引き継ぎます。"
            "LayerLab は Docker に合わせます。また、そのシェルが対応していれば (bash、Alpine の "
            "ash、`RUN <<EOF bash` のヒアドキュメント)、同じ RUN でパイプより前にある "
            "`set -o pipefail` を認めます。Debian の /bin/sh (dash) ではその行が失敗することを"
            '報告します。hadolint と同じく、`SHELL ["/bin/sh", "-o", "pipefail", "-c"]` '
            "は /bin/sh が pipefail を持つ場合だけ認めます。LayerLab は Alpine の ash なら"
            "持つと知っていますが、hadolint はどの sh も認めません。"
            "exec 形式の RUN は SHELL を使わないので調べません。hadolint はすべてのパイプを"
            "報告しますが、LayerLab は pipefail を付けても結果が変わらないパイプを除きます。"
            "最後より前のコマンドが引数を出力するだけのもの (`echo`、`printf`、`seq`) と、"
            "別のコマンドの引数になる `$(...)` の中のもの (終了ステータスはどのみちシェルが"
            "捨てます) です。"
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
        Example(
            'FROM python:3.12-slim\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\n'
            "RUN pip freeze | grep -i django\n",
            lines=(3,),
            note="a SHELL asking /bin/sh (dash) for pipefail",
        ),
        Example(
            "FROM python:3.12-slim\n"
            "RUN ARCH=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\" "
            "&& echo $ARCH\n",
            lines=(2,),
            note="a pipe in a `$(...)` assigned to a variable: its status decides the &&",
        ),
    )
    good = (
        Example(
            'FROM python:3.12-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
            "RUN curl -fsSL https://example.com/install.sh | sh\n",
            note="SHELL with pipefail",
        ),
        Example(
            'FROM python:3.12-alpine\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\n'
            "RUN pip freeze | grep -i django\n",
            note="Alpine's /bin/sh is busybox ash, which has pipefail",
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
        Example(
            "FROM python:3.12-slim\n"
            'RUN echo "$PYTHON_SHA256 *python.tar.xz" | sha256sum -c - '
            "&& seq 1 8 | xargs -I{} mkdir -p /usr/share/man/man{}\n",
            note="echo and seq cannot fail: pipefail changes nothing",
        ),
        Example(
            'FROM python:3.12-slim\nRUN if [ -n "$(arch | grep aarch64)" ]; then echo arm; fi\n',
            note="a pipe in a `$(...)` that is an argument: the shell drops its status",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        for run in facts.runs:
            script = facts.script(run)
            if not script.pipelines:
                continue
            stage = facts.dockerfile.stages[run.stage]
            dash, ash = facts.runs_dash(stage), facts.runs_ash(stage)
            problem = _problem(script, run, facts.shells[run.start_line], dash, ash)
            if problem is not None:
                yield Hit(run.start_line, problem.key, problem.params)


def _problem(
    script: Script, instruction: Instruction, shell: tuple[str, ...], dash: bool, ash: bool
) -> Part | None:
    if instruction.json_args is not None or _safe_shell(shell, ash):
        return None
    pipe, set_before = _first_pipe(script)
    if pipe is None:
        return None
    if not set_before:
        return Part("no_pipefail", {"pipe": pipe})
    if dash and _is_sh(shell) and not _heredoc_shell(instruction):
        return Part("dash_pipefail", {"pipe": pipe})
    return None


def _is_sh(shell: tuple[str, ...]) -> bool:
    return not shell or posixpath.basename(shell[0]) in ("sh", "dash")


def _safe_shell(shell: tuple[str, ...], ash: bool) -> bool:
    """SHELL with `-o pipefail` in a shell that has it, or a shell where pipes are no concern.

    /bin/sh has pipefail only where it is known to be busybox ash (Alpine): dash and unknown
    shells do not count, as in hadolint.
    """
    if not shell:
        return False
    name = posixpath.basename(shell[0]).lower()
    if name in NON_POSIX_SHELLS:
        return True
    if not _sets_pipefail(shell):
        return False
    return ash if name == "sh" else name in PIPEFAIL_SHELLS


def _sets_pipefail(words: Sequence[str]) -> bool:
    """`-o pipefail`, also in clusters such as `-eo pipefail` or `-euxo pipefail`."""
    return any(
        word.startswith("-")
        and not word.startswith("--")
        and word.endswith("o")
        and nxt == "pipefail"
        for word, nxt in pairwise(words)
    )


def _first_pipe(script: Script) -> tuple[str | None, bool]:
    """The first pipe of a RUN that pipefail would make fail, and whether `set -o pipefail`
    comes before it."""
    pipelines = [p for p in script.pipelines if _can_hide_failure(p, script)]
    if not pipelines:
        return None, False
    pipeline = min(pipelines, key=lambda p: p.start)
    set_before = any(
        command.program == "set" and _sets_pipefail(command.argv) and command.end <= pipeline.start
        for command in script.commands
    )
    return " ".join(pipeline.text.split()), set_before  # continuation indents folded


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


def _can_hide_failure(pipeline: Pipeline, script: Script) -> bool:
    """False when pipefail cannot change what the RUN does: every command before the last
    only prints its arguments, or the pipe sits in a `$(...)` that is an argument of another
    command (`[ -n "$(arch | grep arm64)" ]`), whose status the shell drops anyway."""
    if all(command.program in CANNOT_FAIL for command in pipeline.commands[:-1]):
        return False
    holder = _substitution_holder(pipeline, script)
    return holder is None or not holder.argv


def _substitution_holder(pipeline: Pipeline, script: Script) -> Command | None:
    """The command whose words hold the `$(...)` the pipe is in; None outside one."""
    depth = pipeline.commands[0].nesting.count(Nest.SUBSTITUTION)
    if not depth:
        return None
    holders = [
        command
        for command in script.commands
        if command.start <= pipeline.start < command.end
        and command.nesting.count(Nest.SUBSTITUTION) == depth - 1
    ]
    return max(holders, key=lambda c: c.start, default=None)
