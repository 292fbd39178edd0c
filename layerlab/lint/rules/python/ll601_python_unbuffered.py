"""LL601 python-unbuffered."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.shell import PYTHON_RE, Command, Script
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Text

# Servers and tools that run the app inside a Python interpreter. uWSGI counts: it embeds
# CPython, and the app's print() goes through the embedded interpreter's buffered stdout.
PYTHON_PROGRAMS = frozenset(
    {
        "gunicorn",
        "uvicorn",
        "hypercorn",
        "daphne",
        "uwsgi",
        "granian",
        "waitress-serve",
        "celery",
        "flask",
        "fastapi",
        "django-admin",
        "streamlit",
        "dramatiq",
        "rq",
        "pypy3",
    }
)
RUNNERS = frozenset({"pipenv", "poetry", "uv", "pdm", "hatch"})  # `poetry run python ...`
INIT_WRAPPERS = frozenset({"tini", "dumb-init", "catatonit", "--"})
USER_WRAPPERS = frozenset({"gosu", "su-exec"})  # followed by a user name
SHELLS = frozenset({"sh", "bash", "dash", "ash"})


class PythonUnbuffered(Rule):
    code = "LL601"
    name = "python-unbuffered"
    level = Level.INFO
    lesson = "08-case-study"
    summary = Text(
        en="The image runs Python without PYTHONUNBUFFERED=1.",
        ja="PYTHONUNBUFFERED=1 なしで Python を実行しています。",
    )
    why = Text(
        en=(
            "When stdout is not a terminal, as in a container, Python buffers print() output "
            "in blocks of several kilobytes. `docker logs` then shows nothing for a while, "
            "and a crash loses what was still in the buffer. `ENV PYTHONUNBUFFERED=1` (as "
            "`docker init` writes) makes every line appear at once."
        ),
        ja=(
            "コンテナのように標準出力が端末でないとき、Python は print() の出力を数 KB "
            "単位でバッファします。`docker logs` にしばらく何も出ず、クラッシュすると"
            "バッファに残っていた出力は失われます。`ENV PYTHONUNBUFFERED=1` (`docker init` も"
            "書きます) を設定すると、各行がすぐに出力されます。"
        ),
    )
    fix = Text(
        en="Add `ENV PYTHONUNBUFFERED=1` to the final stage (or to the stage it is built FROM).",
        ja="最終ステージ (またはその FROM 元のステージ) に `ENV PYTHONUNBUFFERED=1` を追加します。",
    )
    messages: ClassVar[dict[str, Text]] = {
        "buffered": Text(
            en=(
                "the image runs `{program}` with no PYTHONUNBUFFERED=1 in ENV: its output is held "
                "back in buffers"
            ),
            ja=(
                "イメージは `{program}` を実行しますが、ENV に PYTHONUNBUFFERED=1 がありません。出"
                "力がバッファに溜まり、ログにすぐ出ません。"
            ),
        ),
    }
    bad = (
        Example(
            'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
            lines=(4,),
            note="python in exec form",
        ),
        Example(
            "FROM python:3.12-slim\nENV PYTHONDONTWRITEBYTECODE=1\n"
            'ENTRYPOINT ["tini", "--"]\nCMD ["gunicorn", "app:app", "-b", "0.0.0.0:8000"]\n',
            lines=(4,),
            note="gunicorn behind tini",
        ),
        Example(
            "FROM python:3.12-slim AS base\nENV PYTHONUNBUFFERED=1\n"
            "FROM python:3.12-slim\nCMD uwsgi --ini /etc/uwsgi.ini\n",
            lines=(4,),
            note="uWSGI embeds Python; ENV in an unrelated stage does not count",
        ),
        Example(
            'FROM python:3.12-slim\nCMD ["sh", "-c", "python manage.py migrate && '
            'exec uvicorn app:app"]\n',
            lines=(2,),
            note="python inside sh -c",
        ),
        Example(
            'FROM python:3.12-slim\nENTRYPOINT ["python"]\nCMD ["app.py"]\n',
            lines=(2,),
            note="ENTRYPOINT python with CMD arguments",
        ),
    )
    good = (
        Example(
            "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\n"
            'CMD ["uvicorn", "app:app", "--host", "0.0.0.0"]\n',
            note="docker init's ENV",
        ),
        Example(
            "FROM python:3.12-slim AS base\nENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\n"
            'FROM base\nCMD ["python", "app.py"]\n',
            note="inherited through FROM base",
        ),
        Example(
            'FROM python:3.12-slim\nCMD ["python", "-u", "app.py"]\n',
            note="python -u",
        ),
        Example(
            'FROM python:3.12-slim\nENTRYPOINT ["/usr/local/bin/python", "-u"]\n'
            'CMD ["server.py"]\n',
            note="ENTRYPOINT python -u, CMD the script: Docker joins them",
        ),
        Example(
            'FROM python:3.12-slim AS base\nCMD ["python", "app.py"]\n'
            'FROM base\nENTRYPOINT ["/usr/bin/myapp"]\n',
            note="an ENTRYPOINT resets the CMD of the image it is built on",
        ),
        Example(
            'FROM python:3.12-slim\nCMD ["./docker-entrypoint.sh"]\n',
            note="a script: we cannot know what it runs",
        ),
        Example(
            "FROM python:3.12 AS build\nRUN python -m build\nCMD python app.py\n"
            'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n',
            note="only the final image counts",
        ),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        dockerfile = facts.dockerfile
        final = dockerfile.final_stage
        if final is None:
            return
        events = facts.events[final.index]
        if not events or events[-1].runtime_env.get("PYTHONUNBUFFERED", "").strip():
            return
        starts = {
            e.instruction.keyword: e.instruction
            for e in events
            if e.instruction.keyword in ("ENTRYPOINT", "CMD")
        }
        found = _runs_python(facts, starts.get("ENTRYPOINT"), starts.get("CMD"))
        if found is not None:
            line, program = found
            yield Hit(line, "buffered", {"program": program})


def _runs_python(
    facts: Facts, entrypoint: Instruction | None, cmd: Instruction | None
) -> tuple[int, str] | None:
    """(line, program) when `docker run` starts Python with buffered output.

    Exec-form ENTRYPOINT and CMD join into one command line, as Docker runs them; a
    shell-form ENTRYPOINT ignores CMD, and an ENTRYPOINT resets a CMD set in an earlier
    stage (the base image's).
    """
    if entrypoint is not None and cmd is not None and cmd.stage < entrypoint.stage:
        cmd = None
    if entrypoint is None:
        program = _python_program_in(facts, facts.script(cmd)) if cmd is not None else None
        return (cmd.start_line, program) if cmd is not None and program else None
    entry_args = entrypoint.json_args
    if entry_args is None or cmd is None:
        program = _python_program_in(facts, facts.script(entrypoint))
        return (entrypoint.start_line, program) if program else None
    cmd_args = cmd.json_args if cmd.json_args is not None else ["/bin/sh", "-c", cmd.arguments]
    program = _in_command(facts, Command(tuple(entry_args + cmd_args), (), ""))
    if program is None:
        return None
    alone = _in_command(facts, Command(tuple(entry_args), (), ""))
    return (entrypoint.start_line if alone else cmd.start_line), program


def _in_command(facts: Facts, command: Command) -> str | None:
    if "PYTHONUNBUFFERED" in dict(command.env):
        return None
    argv = _unwrap(list(command.argv))
    if not argv:
        return None
    program = posixpath.basename(argv[0])
    if program in SHELLS and "-c" in argv[1:-1]:
        return _python_program_in(facts, facts.nested_script(argv[argv.index("-c") + 1]))
    if PYTHON_RE.match(program) or program in PYTHON_PROGRAMS or program.endswith(".py"):
        return None if PYTHON_RE.match(program) and _has_u(argv[1:]) else program
    return None


def _python_program_in(facts: Facts, script: Script) -> str | None:
    """The first Python program a shell script starts with buffered output, if any."""
    for command in script.commands:
        found = _in_command(facts, command)
        if found is not None:
            return found
    return None


def _unwrap(argv: list[str]) -> list[str]:
    """Drop init wrappers (tini --), user switchers (gosu app) and `poetry run`."""
    while argv:
        program = posixpath.basename(argv[0])
        if program in INIT_WRAPPERS:
            argv = _drop_options(argv[1:])
        elif program in USER_WRAPPERS:
            argv = argv[2:]
        elif program in RUNNERS and argv[1:2] == ["run"]:
            argv = _drop_options(argv[2:])
        else:
            return argv
    return argv


def _drop_options(argv: list[str]) -> list[str]:
    while argv and argv[0].startswith("-"):
        argv = argv[1:]
    return argv


def _has_u(args: list[str]) -> bool:
    """`python -u app.py` or `python -uB ...`: options before the script or module."""
    for word in args:
        if not word.startswith("-") or word in ("-m", "-c"):
            return False
        if word[1:2] != "-" and "u" in word[1:]:
            return True
    return False
