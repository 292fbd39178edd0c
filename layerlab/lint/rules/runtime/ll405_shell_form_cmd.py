"""LL405 shell-form-cmd."""

import json
from collections.abc import Iterator, Sequence
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.shell import Command
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Part, Text

SHELL_SYNTAX = frozenset("$*?~`<>")


class ShellFormCmd(Rule):
    code = "LL405"
    name = "shell-form-cmd"
    level = Level.WARNING
    lesson = "01-introduction"
    hadolint = ("DL3025",)
    aliases = ("JSONArgsRecommended",)
    summary = Text(
        en="CMD or ENTRYPOINT in shell form: the app does not get the stop signal.",
        ja="CMD や ENTRYPOINT がシェル形式です。アプリに停止シグナルが届きません。",
    )
    why = Text(
        en=(
            "`CMD gunicorn app:app` runs `/bin/sh -c 'gunicorn app:app'`: the shell is PID 1 "
            "and does not pass SIGTERM on, so `docker stop` waits 10 seconds and kills the "
            "app without a clean shutdown. A shell-form ENTRYPOINT also ignores CMD and the "
            "arguments of `docker run`. The exec (JSON) form starts the app itself as PID 1."
        ),
        ja=(
            "`CMD gunicorn app:app` は `/bin/sh -c 'gunicorn app:app'` として動きます。"
            "PID 1 はシェルで、SIGTERM をアプリに渡さないため、`docker stop` は10秒待ってから"
            "アプリを強制終了し、正常な終了処理が行われません。シェル形式の ENTRYPOINT は、"
            "CMD や `docker run` の引数も無視します。exec (JSON) 形式ならアプリ自身が PID 1 に"
            "なります。"
        ),
    )
    fix = Text(
        en=(
            'Write the JSON form: `CMD ["gunicorn", "app:app"]`. If you need the shell (to '
            "expand `$PORT`), end it with `exec`: `CMD exec gunicorn -b :$PORT app:app`."
        ),
        ja=(
            'JSON 形式で書きます: `CMD ["gunicorn", "app:app"]`。シェルが必要なら (`$PORT` の'
            "展開など)、`exec` で起動します: `CMD exec gunicorn -b :$PORT app:app`。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "shell_form": Text(
            en=(
                "{keyword} in shell form runs under `/bin/sh -c`: the shell is PID 1 and `docker "
                "stop` never reaches the app"
            ),
            ja=(
                "シェル形式の {keyword} は `/bin/sh -c` の下で動きます。シェルが PID 1 になり、"
                "`docker stop` のシグナルがアプリに届きません"
            ),
        ),
        "shell_form_entrypoint": Text(
            en=(
                "ENTRYPOINT in shell form runs under `/bin/sh -c`: the shell is PID 1 and `docker "
                "stop` never reaches the app, and CMD is ignored"
            ),
            ja=(
                "シェル形式の ENTRYPOINT は `/bin/sh -c` の下で動きます。シェルが PID 1 になり、"
                "`docker stop` のシグナルがアプリに届かず、CMD も無視されます"
            ),
        ),
        "write_exec_form": Text(
            en="{problem}; write {keyword} {argv}",
            ja="{problem}。{keyword} {argv} と書きます。",
        ),
        "use_exec_form": Text(
            en="{problem}; use the JSON form, or start the app with `exec`",
            ja="{problem}。JSON 形式で書くか、`exec` でアプリを起動します。",
        ),
    }
    versus_hadolint = Text(
        en=(
            "hadolint and BuildKit also report `CMD exec gunicorn ...`; LayerLab does not, "
            "because `exec` makes the app replace the shell as PID 1, so signals do reach it "
            "(the pattern Cloud Run's docs use to expand $PORT). A shell-form ENTRYPOINT is "
            "always reported: it drops CMD either way. BuildKit stays silent after a SHELL "
            "instruction; LayerLab does not, since SHELL is mostly set for pipefail in RUN. "
            "hadolint also reports a shell-form `HEALTHCHECK CMD`; LayerLab does not: a health "
            "check is a short command, not PID 1, and `curl -f ... || exit 1` needs the shell."
        ),
        ja=(
            "hadolint と BuildKit は `CMD exec gunicorn ...` も報告しますが、LayerLab は報告"
            "しません。`exec` でアプリがシェルに代わって PID 1 になり、シグナルが届くからです "
            "(Cloud Run のドキュメントが $PORT の展開に使う書き方です)。シェル形式の ENTRYPOINT "
            "は、どちらにしても CMD を捨てるので常に報告します。BuildKit は SHELL 命令の後では"
            "報告しませんが、LayerLab は報告します。SHELL はたいてい RUN の pipefail のために"
            "設定されるからです。hadolint はシェル形式の `HEALTHCHECK CMD` も報告しますが、"
            "LayerLab は報告しません。ヘルスチェックは PID 1 ではない短いコマンドで、"
            "`curl -f ... || exit 1` にはシェルが必要だからです。"
        ),
    )
    bad = (
        Example("FROM python:3.12-slim\nCMD gunicorn app:app\n", lines=(2,), note="CMD"),
        Example("FROM python:3.12-slim\nENTRYPOINT python app.py\n", lines=(2,), note="ENTRYPOINT"),
        Example(
            "FROM python:3.12-slim\nENTRYPOINT exec python app.py\n",
            lines=(2,),
            note="exec does not save a shell-form ENTRYPOINT: CMD is dropped",
        ),
        Example(
            "FROM python:3.12-slim AS dev\nCMD python manage.py runserver\n"
            'FROM python:3.12-slim\nCMD ["gunicorn"]\n',
            lines=(2,),
            note="a --target stage runs its CMD too",
        ),
    )
    good = (
        Example('FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n', note="exec form"),
        Example(
            "FROM python:3.12-slim\nCMD exec gunicorn --bind :$PORT app:app\n",
            note="shell form that execs the app",
        ),
        Example(
            'FROM python:3.12-slim\nENTRYPOINT ["python", "-m", "app"]\nCMD ["--help"]\n',
            note="exec-form ENTRYPOINT with default arguments",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        # Generated files repeat one CMD thousands of times: judge each distinct one once.
        messages: dict[tuple[str, str], Part | None] = {}
        for inst in facts.dockerfile.instructions:
            if inst.keyword not in ("CMD", "ENTRYPOINT"):
                continue
            key = (inst.keyword, inst.arguments)
            if key not in messages:
                messages[key] = _judged(facts, inst)
            message = messages[key]
            if message is not None:
                yield Hit(inst.start_line, message.key, message.params)


def _judged(facts: Facts, inst: Instruction) -> Part | None:
    """The message for a shell-form CMD or ENTRYPOINT; None when it is fine."""
    if inst.json_args is not None:
        return None
    script = inst.arguments.strip()
    if not script or (inst.keyword == "CMD" and script.split()[0] == "exec"):
        return None
    return _message(inst, script, facts.script(inst).commands)


def _message(inst: Instruction, script: str, commands: Sequence[Command]) -> Part:
    problem = Part("shell_form", {"keyword": inst.keyword})
    if inst.keyword == "ENTRYPOINT":
        problem = Part("shell_form_entrypoint")
    if len(commands) == 1 and not commands[0].env and not SHELL_SYNTAX & set(script):
        argv = json.dumps(list(commands[0].words))
        return Part("write_exec_form", {"problem": problem, "keyword": inst.keyword, "argv": argv})
    return Part("use_exec_form", {"problem": problem})
