"""Paths a RUN writes and deletes, and paths a cache mount keeps out of the layer.

"A later rm never shrinks an earlier layer" (LL203) and "delete the apt lists in the same
RUN" (LL204) both ask what a RUN deletes: `rm` paths resolved against WORKDIR and `cd`,
`apt-get clean`, `pip cache purge`, `uv cache clean`, `apk cache clean`. LL203 also asks what
a RUN leaves behind: apt/apk indexes and archives, pip's and uv's caches, curl/wget downloads.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from itertools import pairwise

from layerlab.analysis.installs.system import package_command
from layerlab.analysis.shell import Command
from layerlab.dockerfile import Instruction

APT_LISTS = "/var/lib/apt/lists"
APT_ARCHIVES = "/var/cache/apt/archives"
APK_CACHE = "/var/cache/apk"
ROOT_HOME = "/root"
UNKNOWN_HOME = "~"  # a non-root user's home: compared as written, never resolved
GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Deleted:
    path: str  # absolute, possibly a glob; may start with ~ for an unknown home
    index: int  # position of the command in the RUN, to order it against creations
    text: str  # the command as written, for messages


@dataclass(frozen=True)
class Written:
    """Something one command of a RUN leaves in the layer."""

    path: str  # absolute; may start with ~ for an unknown home
    tree: bool  # a directory whose contents it wrote: deleting inside it counts too
    index: int  # position of the command in the RUN, to order it against deletions
    what: str  # the command as written, for messages


def resolve(word: str, cwd: str | None, home: str) -> str | None:
    """An absolute path for a shell word, or None when it depends on a variable we lack."""
    for prefix in ("${HOME}", "$HOME", "~"):
        if word == prefix or word.startswith(prefix + "/"):
            word = home + word[len(prefix) :]
            break
    if "$" in word or not word:
        return None
    if not word.startswith(("/", UNKNOWN_HOME)):
        if cwd is None:
            return None
        word = posixpath.join(cwd, word)
    trailing_glob = word.endswith("/*")
    path = posixpath.normpath(word)
    return path + "/*" if trailing_glob and not path.endswith("/*") else path


def working_dirs(commands: Sequence[Command], cwd: str | None, home: str) -> list[str | None]:
    """The directory each command of a RUN runs in, following `cd` inside the RUN."""
    dirs = []
    for command in commands:
        dirs.append(cwd)
        if command.program == "cd":
            cwd = resolve(command.argv[1] if len(command.argv) > 1 else home, cwd, home)
    return dirs


def deleted_paths(
    commands: Sequence[Command], cwd: str | None, home: str = ROOT_HOME
) -> list[Deleted]:
    """What each command of a RUN deletes."""
    found: list[Deleted] = []
    for index, (command, where) in enumerate(
        zip(commands, working_dirs(commands, cwd, home), strict=True)
    ):
        for word in _deleted_words(command, home):
            path = resolve(word, where, home)
            if path is not None:
                found.append(Deleted(path, index, command.shown))
    return found


def written_paths(
    commands: Sequence[Command], cwd: str | None, home: str, pip_no_cache: bool
) -> list[Written]:
    """What each command of a RUN leaves behind (before any cache mount is considered);
    `pip_no_cache` is PIP_NO_CACHE_DIR set by an ENV before the RUN."""
    found = []
    for index, (command, where) in enumerate(
        zip(commands, working_dirs(commands, cwd, home), strict=True)
    ):
        for path, tree in _command_writes(command, where, home, pip_no_cache):
            found.append(Written(path, tree, index, command.shown))
    return found


def _command_writes(
    command: Command, cwd: str | None, home: str, pip_no_cache: bool
) -> list[tuple[str, bool]]:
    item = package_command(command)
    if item is not None:
        if item.is_apt:
            return ([(APT_LISTS, True)] if item.is_update else []) + (
                [(APT_ARCHIVES, True)] if item.is_install or item.is_upgrade else []
            )
        keeps_index = item.is_update or (
            (item.is_install or item.is_upgrade) and not item.has("--no-cache")
        )
        return [(APK_CACHE, True)] if keeps_index else []
    args = command.pip_args
    if args and args[0] == "install":
        if command.program == "uv":
            skip = command.has("--no-cache", "-n") or any(
                n == "UV_NO_CACHE" for n, _ in command.env
            )
            return [] if skip else [(home + "/.cache/uv", True)]
        env_off = any(n == "PIP_NO_CACHE_DIR" for n, _ in command.env) or pip_no_cache
        return [] if env_off or "--no-cache-dir" in args else [(home + "/.cache/pip", True)]
    return [(path, False) for path in _downloads(command, cwd, home)]


def _downloads(command: Command, cwd: str | None, home: str) -> list[str]:
    """Files curl -o / wget -O (or wget's default name) write."""
    argv = command.argv
    outputs: list[str] = []
    if command.program == "curl":
        outputs = [nxt for word, nxt in pairwise(argv) if word in ("-o", "--output")]
    elif command.program == "wget":
        outputs = [nxt for word, nxt in pairwise(argv) if word in ("-O", "--output-document")]
        if not outputs and not any(_wget_names_output(word) for word in argv[1:]):
            urls = [w for w in argv[1:] if "://" in w]
            outputs = [posixpath.basename(url.split("?", 1)[0]) for url in urls]
    paths = (resolve(out, cwd, home) for out in outputs if out and out != "-")
    return [path for path in paths if path is not None]


def _wget_names_output(word: str) -> bool:
    """`-O file`, `-qO-`, `-P dir`, `--output-document=...`: not wget's default file name."""
    if word.startswith("--"):
        return word.startswith(("--output-document", "--directory-prefix"))
    return word.startswith("-") and ("O" in word or "P" in word)


def _deleted_words(command: Command, home: str) -> list[str]:
    argv = command.argv
    program = command.program
    if program == "rm":
        return _operands(argv[1:])
    subcommand = argv[1] if len(argv) > 1 else ""
    if program in ("apt-get", "apt") and subcommand in ("clean", "autoclean"):
        return [APT_ARCHIVES]
    if program in ("apt-get", "apt") and subcommand == "dist-clean":
        return [APT_ARCHIVES, APT_LISTS]  # apt 2.7.8+ (Debian trixie): clean plus the lists
    if program == "apk" and subcommand == "cache" and "clean" in argv[2:]:
        return [APK_CACHE]
    if program == "uv" and subcommand == "cache" and "clean" in argv[2:]:
        return [home + "/.cache/uv"]
    args = command.pip_args
    if args and program != "uv" and args[:2] in (["cache", "purge"], ["cache", "remove"]):
        return [home + "/.cache/pip"]
    return []


def _operands(words: Iterable[str]) -> list[str]:
    """Non-option words; everything after `--` is an operand."""
    result = []
    options_done = False
    for word in words:
        if word == "--" and not options_done:
            options_done = True
        elif options_done or not word.startswith("-"):
            result.append(word)
    return result


def clears(deleted: str, path: str) -> bool:
    """True when deleting `deleted` removes `path` entirely (itself or an ancestor, or a glob)."""
    if fnmatchcase(path, deleted):
        return True
    base = deleted.removesuffix("/*")
    if GLOB_CHARS & set(base):
        return False
    return path == base or path.startswith(base.rstrip("/") + "/")


def is_inside(deleted: str, tree: str) -> bool:
    """True when `deleted` names something below the directory `tree`."""
    return deleted.startswith(tree.rstrip("/") + "/")


def mount_covers(instruction: Instruction, path: str) -> bool:
    """True when a cache or tmpfs mount on the RUN holds `path`, so it never lands in the layer."""
    for mount in instruction.mounts():
        target = mount.get("target") or mount.get("dst") or mount.get("destination") or ""
        if mount.get("type") in ("cache", "tmpfs") and target:
            target = posixpath.normpath(target)
            if path == target or path.startswith(target.rstrip("/") + "/"):
                return True
    return False


def only_deletes(commands: Sequence[Command]) -> bool:
    """True for a pure cleanup RUN: every command deletes something (or changes directory)."""
    return bool(commands) and all(
        command.program == "cd" or _deleted_words(command, ROOT_HOME) for command in commands
    )
