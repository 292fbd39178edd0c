"""`useradd` calls read as shadow's useradd reads its options (getopt_long)."""

from __future__ import annotations

from dataclasses import dataclass

from layerlab.analysis.shell import Command

# shadow's useradd options: the short ones that take an argument (`-u 10001`, `-u10001`),
# and every long one with whether it takes one (`--uid=10001`, `--uid 10001`).
SHORT_WITH_ARGUMENT = frozenset("bcdefgGkKpPRsuZ")
LONG_OPTIONS = {
    "add-subids-for-system": False,
    "base-dir": True,
    "btrfs-subvolume-home": False,
    "comment": True,
    "create-home": False,
    "defaults": False,
    "expiredate": True,
    "gid": True,
    "groups": True,
    "help": False,
    "home-dir": True,
    "inactive": True,
    "key": True,
    "no-create-home": False,
    "no-log-init": False,
    "no-user-group": False,
    "non-unique": False,
    "password": True,
    "prefix": True,
    "root": True,
    "selinux-range": True,
    "selinux-user": True,
    "shell": True,
    "skel": True,
    "system": False,
    "uid": True,
    "user-group": False,
}
LONG_FOR_SHORT = {"l": "no-log-init", "u": "uid"}


@dataclass(frozen=True)
class UserAdd:
    login: str | None  # the new user's name
    uid: str | None  # as written; None when useradd picks one
    no_log_init: bool  # -l / --no-log-init


def useradd_of(command: Command) -> UserAdd | None:
    """The options of a `useradd` call, or None for any other command."""
    if command.program != "useradd":
        return None
    options: dict[str, str] = {}
    operands: list[str] = []
    words = list(command.argv[1:])
    while words:
        word = words.pop(0)
        if word == "--":
            operands += words
            break
        if word.startswith("--"):
            _long_option(word[2:], words, options)
        elif word.startswith("-") and len(word) > 1:
            _short_options(word[1:], words, options)
        else:
            operands.append(word)
    return UserAdd(
        login=operands[-1] if operands else None,
        uid=options.get("uid"),
        no_log_init="no-log-init" in options,
    )


def _long_option(text: str, words: list[str], options: dict[str, str]) -> None:
    """`--uid=10001`, `--uid 10001`, or an unambiguous prefix such as `--no-log`."""
    written, equals, value = text.partition("=")
    matches = [name for name in LONG_OPTIONS if name.startswith(written)]
    name = written if written in LONG_OPTIONS else matches[0] if len(matches) == 1 else written
    if LONG_OPTIONS.get(name) and not equals:
        value = words.pop(0) if words else ""
    options[name] = value


def _short_options(letters: str, words: list[str], options: dict[str, str]) -> None:
    """`-lu 10001`, `-u10001`: flags until one that takes the rest, or the next word."""
    for index, letter in enumerate(letters):
        name = LONG_FOR_SHORT.get(letter, letter)
        if letter in SHORT_WITH_ARGUMENT:
            rest = letters[index + 1 :]
            options[name] = rest or (words.pop(0) if words else "")
            return
        options[name] = ""


def is_numeric_id(text: str | None) -> bool:
    """`10001`, as a UID or GID is written for the kernel (ASCII digits only)."""
    return text is not None and text.isascii() and text.isdigit()
