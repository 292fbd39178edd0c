"""LL406 several-processes."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import ClassVar

from layerlab.analysis import Facts
from layerlab.analysis.shell import Command, Script
from layerlab.context import BuildContext
from layerlab.lint.findings import Level
from layerlab.lint.registry import Example, Hit, Rule
from layerlab.text import Part, Text

SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh"})
SUPERVISORS = frozenset({"supervisord", "s6-svscan", "runsvdir", "circusd"})
PROCFILE_RUNNERS = frozenset({"honcho", "foreman"})
INIT_SCRIPTS = "/etc/init.d/"
START_WORDS = frozenset({"start", "restart"})
# Daemons that detach unless told to stay in the foreground (the option that keeps them).
DETACHING = {"nginx": "daemon off", "cron": "-f", "crond": "-f", "sshd": "-D", "php-fpm": "-F"}
# Servers that detach only when asked to.
DETACH_OPTIONS = {"gunicorn": ("-D", "--daemon"), "uwsgi": ("--daemonize",)}
INFO_OPTIONS = frozenset({"-t", "-T", "-v", "-V", "-h", "--help", "--version", "-s"})
MAX_DEPTH = 2  # sh -c "bash -c '...'" is as deep as anyone goes


class SeveralProcesses(Rule):
    code = "LL406"
    name = "several-processes"
    level = Level.WARNING
    lesson = "01-introduction"
    summary = Text(
        en="CMD or ENTRYPOINT starts several long-running processes.",
        ja="CMD や ENTRYPOINT が長時間動くプロセスを複数起動しています。",
    )
    why = Text(
        en=(
            "A container's life is its main process: Docker watches it, restarts it, stops "
            "it and collects its logs. A web server started in the background with `&`, or "
            "by `service nginx start`, is invisible to all of that: when it dies nothing "
            "notices, it does not get the stop signal, and its logs go nowhere. One process "
            "per container, as the talk says, lets each part be scaled, restarted and "
            "replaced on its own; run the worker and the web server as two containers."
        ),
        ja=(
            "コンテナの寿命はメインプロセスの寿命です。Docker はそのプロセスを監視し、再起動し、"
            "停止し、ログを集めます。`&` や `service nginx start` でバックグラウンドに回した"
            "サーバーはその外にあり、落ちても誰も気づかず、停止シグナルも届かず、ログも"
            "どこにも出ません。発表の「1コンテナ1プロセス」に従えば、それぞれを個別に"
            "スケール、再起動、置き換えできます。ワーカーと Web サーバーは2つのコンテナで"
            "動かします。"
        ),
    )
    fix = Text(
        en=(
            "Give each long-running process its own container (e.g. two services in "
            "compose.yaml from the same image, with different commands). One-off steps such "
            "as migrations may run first: `sh -c 'python manage.py migrate && exec gunicorn app'`."
        ),
        ja=(
            "長時間動くプロセスごとにコンテナを分けます (例: 同じイメージから、コマンドだけ"
            "違う2つのサービスを compose.yaml に書く)。マイグレーションのような一度きりの"
            "手順は先に実行して構いません:"
            " `sh -c 'python manage.py migrate && exec gunicorn app'`。"
        ),
    )
    messages: ClassVar[dict[str, Text]] = {
        "several": Text(
            en="{keyword} {reason}: run one per container",
            ja="{keyword} が{reason}。コンテナ 1 つにつきプロセスは 1 つにします。",
        ),
        "background": Text(
            en="sends a process to the background with `&`",
            ja="プロセスを `&` でバックグラウンドに回しています",
        ),
        "detaches": Text(
            en="starts `{daemon}`, which detaches, and then `{next}`",
            ja="バックグラウンドに回る `{daemon}` を起動してから `{next}` を実行しています",
        ),
        "detaches_then_other": Text(
            en="starts `{daemon}`, which detaches, and then another command",
            ja="バックグラウンドに回る `{daemon}` を起動してから別のコマンドを実行しています",
        ),
        "supervisor": Text(
            en="runs `{program}`, which starts several programs",
            ja="複数のプログラムを起動する `{program}` を実行しています",
        ),
    }
    bad = (
        Example(
            "FROM python:3.12-slim\nCMD service nginx start && $APP\n",
            lines=(2,),
            note="a daemon, then a command from a variable",
        ),
        Example(
            "FROM python:3.12-slim\nCMD celery -A proj worker & gunicorn proj.wsgi\n",
            lines=(2,),
            note="a background &",
        ),
        Example(
            'FROM python:3.12-slim\nCMD ["supervisord", "-c", "/etc/supervisord.conf"]\n',
            lines=(2,),
            note="a process supervisor",
        ),
        Example(
            "FROM python:3.12-slim\nCMD service nginx start && gunicorn app:app\n",
            lines=(2,),
            note="service start, then the app",
        ),
        Example(
            'FROM python:3.12-slim\nCMD ["sh", "-c", "nginx && exec gunicorn app:app"]\n',
            lines=(2,),
            note="nginx detaches, inside sh -c",
        ),
        Example(
            "FROM python:3.12-slim\nENTRYPOINT cron && python app.py\n",
            lines=(2,),
            note="cron detaches",
        ),
    )
    good = (
        Example(
            'FROM python:3.12-slim\nCMD ["sh", "-c", "exec gunicorn app:app"]\n',
            note="one process through sh -c",
        ),
        Example(
            "FROM python:3.12-slim\nCMD python manage.py migrate && exec gunicorn app 2>&1\n",
            note="migrate, then serve: one long-running process; 2>&1 is no background",
        ),
        Example(
            "FROM python:3.12-slim\nCMD nginx -t && nginx -g 'daemon off;'\n",
            note="a config test, then nginx in the foreground",
        ),
        Example('FROM python:3.12-slim\nCMD ["echo", "a & b"]\n', note="& inside an argument"),
    )

    def check(self, facts: Facts, context: BuildContext | None) -> Iterator[Hit]:
        reasons: dict[str, Part | None] = {}  # generated files repeat one CMD: judge it once
        for inst in facts.dockerfile.instructions:
            if inst.keyword not in ("CMD", "ENTRYPOINT"):
                continue
            if inst.arguments not in reasons:
                args = inst.json_args
                reasons[inst.arguments] = (
                    _script(facts, facts.script(inst), 0)
                    if args is None
                    else _argv(facts, tuple(args), 0)
                )
            reason = reasons[inst.arguments]
            if reason is not None:
                yield Hit(inst.start_line, "several", {"keyword": inst.keyword, "reason": reason})


def _script(facts: Facts, script: Script, depth: int) -> Part | None:
    """Why a shell script starts several long-running processes, or None."""
    if script.background:
        return Part("background")
    commands = script.commands
    for index, command in enumerate(commands):
        reason = _argv(facts, command.argv, depth)
        if reason is not None:
            return reason
        daemon = _detaching(command)
        if daemon is not None and index < len(commands) - 1:
            following = commands[index + 1].program
            if following and "$" not in following:
                return Part("detaches", {"daemon": daemon, "next": following})
            return Part("detaches_then_other", {"daemon": daemon})
    return None


def _argv(facts: Facts, argv: tuple[str, ...], depth: int) -> Part | None:
    """Supervisors, and `sh -c` scripts looked into."""
    program = posixpath.basename(argv[0]) if argv else ""
    if program in SHELLS and "-c" in argv[1:-1] and depth < MAX_DEPTH:
        return _script(facts, facts.nested_script(argv[argv.index("-c") + 1]), depth + 1)
    if program in SUPERVISORS or (program in PROCFILE_RUNNERS and "start" in argv):
        return Part("supervisor", {"program": program})
    return None


def _detaching(command: Command) -> str | None:
    """The name of a daemon this command starts in the background, if it does."""
    argv = command.argv
    if not argv or INFO_OPTIONS & set(argv[1:]):
        return None
    program = command.program
    if program in ("service", "systemctl") and START_WORDS & set(argv[1:]):
        return next((w for w in argv[1:] if w not in START_WORDS and w[0] != "-"), program)
    if argv[0].startswith(INIT_SCRIPTS) and START_WORDS & set(argv[1:]):
        return program
    if program in DETACHING and not any(DETACHING[program] in word for word in argv[1:]):
        return program
    if any(option in argv for option in DETACH_OPTIONS.get(program, ())):
        return program
    return None
