"""Servers that leave root by their own settings: uWSGI's `uid`, gunicorn's `--user`,
supervisord's `user=` for every program, nginx's `user` for its workers, NGINX Unit's
`unitd --user` for its app processes.

An image without USER starts as root, but such a server switches to an ordinary user once it
has bound its port, so the app's code does not run as root. LL401 says that instead of "runs
as root" when the start command (or the script it runs, or the config file it reads, when the
build context holds them) shows the setting.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from layerlab.analysis.shell import parse_script

ROOT_NAMES = frozenset({"root", "0"})
UWSGI_UID_RE = re.compile(r"^\s*uid\s*[=:]\s*(\S+)", re.MULTILINE)
GUNICORN_USER_RE = re.compile(r"^\s*user\s*=\s*[\"']?([\w.-]+)", re.MULTILINE)
NGINX_USER_RE = re.compile(r"^\s*user\s+([\w.-]+)", re.MULTILINE)
SECTION_RE = re.compile(r"^\s*\[([^\]]+)\]", re.MULTILINE)
INI_USER_RE = re.compile(r"^\s*user\s*=\s*(\S+)", re.MULTILINE)
INI_COMMAND_RE = re.compile(r"^\s*command\s*=\s*(.+)$", re.MULTILINE)
SHELLS = frozenset({"sh", "bash", "dash", "ash"})

Reader = Callable[[str], str | None]  # a config file's text by the name the command gives


@dataclass(frozen=True)
class ServerUser:
    """A server that switches to `user` by `setting`, written in `where`."""

    server: str
    user: str
    setting: str
    where: str


SERVERS = frozenset({"uwsgi", "gunicorn", "supervisord", "nginx", "unitd"})


def is_server(argv: Sequence[str]) -> bool:
    """A server this module knows the user settings of."""
    return bool(argv) and posixpath.basename(argv[0]) in SERVERS


def server_user(
    argv: Sequence[str], where: str, read: Reader, env: dict[str, str], nginx_base: bool
) -> ServerUser | None:
    """The user the server `argv` starts switches to, when its settings name one that is not
    root. `env` holds the image's ENV values; `nginx_base` says the image is the official
    nginx image, whose nginx.conf runs the workers as `nginx`."""
    if not argv:
        return None
    program = posixpath.basename(argv[0])
    if program == "uwsgi":
        return _uwsgi(argv, where, read, env)
    if program == "gunicorn":
        return _gunicorn(argv, where, read)
    if program == "supervisord":
        return _supervisord(argv, read, lambda command: _command_user(command, read, env))
    if program == "nginx":
        return _nginx(argv, read, nginx_base)
    if program == "unitd":  # without --user: the build's default, unknown here
        user = _option(argv, ("--user",))
        return None if user is None else _found("unitd", user, f"--user {user}", where)
    return None


def _uwsgi(argv: Sequence[str], where: str, read: Reader, env: dict[str, str]) -> ServerUser | None:
    user = _option(argv, ("--uid",))
    if user is not None:
        return _found("uwsgi", user, f"--uid {user}", where)
    for name in _files(argv, ("--ini",), ".ini"):
        text = read(name)
        match = UWSGI_UID_RE.search(text) if text else None
        if match:
            return _found("uwsgi", match.group(1), f"uid = {match.group(1)}", _shown(name))
    if "UWSGI_UID" in env:
        return _found("uwsgi", env["UWSGI_UID"], f"UWSGI_UID={env['UWSGI_UID']}", "ENV")
    return None


def _gunicorn(argv: Sequence[str], where: str, read: Reader) -> ServerUser | None:
    user = _option(argv, ("--user", "-u"))
    if user is not None:
        return _found("gunicorn", user, f"--user {user}", where)
    for name in _files(argv, ("-c", "--config"), None):
        text = read(name)
        match = GUNICORN_USER_RE.search(text) if text else None
        if match:
            return _found("gunicorn", match.group(1), f"user = {match.group(1)}", _shown(name))
    return None


def _supervisord(
    argv: Sequence[str], read: Reader, command_user: Callable[[str], str | None]
) -> ServerUser | None:
    """Every [program:*] of the config runs as a user that is not root: by its `user=`, or
    because its command is a server that switches user itself (uWSGI with `uid`)."""
    for name in _files(argv, ("-c", "--configuration"), None):
        text = read(name)
        if not text:
            continue
        programs = _programs(text)
        users = [user or command_user(command) or "" for user, command in programs]
        if users and all(user and user not in ROOT_NAMES for user in users):
            named = next((own for own, _ in programs if own), users[0])
            return _found("supervisord", named, f"user={named}", _shown(name))
    return None


def _command_user(command: str, read: Reader, env: dict[str, str]) -> str | None:
    """The user a supervisord program's command switches to, when it is such a server."""
    for argv in _argvs(command):
        if is_server(argv) and posixpath.basename(argv[0]) != "supervisord":
            found = server_user(argv, "", read, env, nginx_base=False)
            return None if found is None else found.user
    return None


def _argvs(command: str) -> list[tuple[str, ...]]:
    """The commands of a command line, looking into `bash -c '...'`."""
    found = []
    for parsed in parse_script(command).commands:
        argv = parsed.argv
        if argv and posixpath.basename(argv[0]) in SHELLS and "-c" in argv[1:-1]:
            found += [c.argv for c in parse_script(argv[argv.index("-c") + 1]).commands]
        else:
            found.append(argv)
    return found


def _nginx(argv: Sequence[str], read: Reader, nginx_base: bool) -> ServerUser | None:
    for name in _files(argv, ("-c",), None):
        text = read(name)
        match = NGINX_USER_RE.search(text) if text else None
        if match:
            return _found("nginx", match.group(1), match.group(0).strip(), _shown(name))
    if nginx_base:
        return ServerUser("nginx", "nginx", "user nginx;", "the nginx image's nginx.conf")
    return None


def _programs(text: str) -> list[tuple[str, str]]:
    """(`user=`, `command=`) of each [program:*] section; "" where a key is missing."""
    programs = []
    sections = list(SECTION_RE.finditer(text))
    for index, section in enumerate(sections):
        if not section.group(1).strip().startswith("program:"):
            continue
        end = sections[index + 1].start() if index + 1 < len(sections) else len(text)
        user = INI_USER_RE.search(text, section.end(), end)
        command = INI_COMMAND_RE.search(text, section.end(), end)
        programs.append((user.group(1) if user else "", command.group(1) if command else ""))
    return programs


def _option(argv: Sequence[str], names: tuple[str, ...]) -> str | None:
    """The value of `--name value` or `--name=value`."""
    for index, word in enumerate(argv):
        for name in names:
            if word == name and index + 1 < len(argv):
                return argv[index + 1]
            if word.startswith(name + "=") and name.startswith("--"):
                return word[len(name) + 1 :]
    return None


def _files(argv: Sequence[str], options: tuple[str, ...], suffix: str | None) -> list[str]:
    """Config files the command names: after one of `options`, or any word with `suffix`."""
    found = [value for value in (_option(argv, options),) if value]
    if suffix:
        found += [word for word in argv[1:] if word.endswith(suffix) and word not in found]
    return found


def _found(server: str, user: str, setting: str, where: str) -> ServerUser | None:
    """Only a user that is known and not root counts."""
    if not user or "$" in user or user.split(":", 1)[0] in ROOT_NAMES:
        return None
    return ServerUser(server, user, setting, where)


def _shown(path: str) -> str:
    return f"`{posixpath.basename(path)}`"
