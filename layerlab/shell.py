"""Just enough shell to read RUN lines: split into simple commands and their words.

Rules ask questions such as "is this an `apt-get install`?" or "does pip get
`--no-cache-dir`?". They need commands split at `&&`, `||`, `;`, `|`, `&` and newlines,
with quotes honoured and wrappers (`sudo`, `env`, `VAR=x`) set aside. Anything the
tokenizer cannot read falls back to whitespace splitting: lint never fails on a RUN.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass
from functools import lru_cache

OPERATORS = frozenset({"&&", "||", ";", "|", "&", "|&", ";;", "(", ")", "{", "}"})
WRAPPERS = frozenset({"sudo", "env", "exec", "command", "nohup", "time", "nice", "xargs"})
ASSIGNMENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
PYTHON_RE = re.compile(r"^python(\d+(\.\d+)?)?$")
REDIRECT_AMPERSAND_RE = re.compile(r"(?<=[<>])&|&(?=>)")


@dataclass(frozen=True)
class Command:
    """One simple command: `DEBIAN_FRONTEND=noninteractive sudo apt-get install -y x`."""

    words: tuple[str, ...]  # as written, without leading VAR=value assignments
    env: tuple[tuple[str, str], ...]  # the leading assignments
    after: str  # the operator before it: "", "&&", "||", ";", "|", "&", "\n"

    @property
    def argv(self) -> tuple[str, ...]:
        """The words without wrappers such as sudo or env (and their options)."""
        words = self.words
        while words and posixpath.basename(words[0]) in WRAPPERS:
            words = words[1:]
            while words and (words[0].startswith("-") or ASSIGNMENT_RE.match(words[0])):
                words = words[1:]
        return words

    @property
    def program(self) -> str:
        """The basename of the program run, e.g. 'pip3' for '/opt/venv/bin/pip3'."""
        return posixpath.basename(self.argv[0]) if self.argv else ""

    def has(self, *options: str) -> bool:
        """True when any word equals one of `options` or starts with `option=`."""
        return any(
            word == option or word.startswith(option + "=")
            for word in self.argv
            for option in options
        )

    def subcommand(self, tool: str) -> str | None:
        """For `tool [options] sub ...`, the first word after `tool` that is not an option."""
        if self.program != tool:
            return None
        for word in self.argv[1:]:
            if not word.startswith("-"):
                return word
        return None


def words(text: str) -> list[str]:
    """Shell words with quotes removed; operators split off as their own words."""
    text = REDIRECT_AMPERSAND_RE.sub("", text)  # `2>&1`, `&>f`: redirections, not `&`
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|(){}")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        return list(lexer)
    except ValueError:  # an unclosed quote: read what is there
        return text.split()


@lru_cache(maxsize=1024)
def split_commands(script: str) -> tuple[Command, ...]:
    """Simple commands of a shell script, in order; cached: many rules read the same RUN."""
    commands: list[Command] = []
    after = ""
    for line in script.split("\n"):
        current: list[str] = []
        for word in words(line):
            if word in OPERATORS:
                if current:
                    commands.append(_command(current, after))
                    current = []
                after = word
                continue
            current.append(word)
        if current:
            commands.append(_command(current, after))
        after = "\n"
    return tuple(commands)


def _command(tokens: list[str], after: str) -> Command:
    env = []
    while tokens and ASSIGNMENT_RE.match(tokens[0]):
        name, _, value = tokens[0].partition("=")
        env.append((name, value))
        tokens = tokens[1:]
    return Command(words=tuple(tokens), env=tuple(env), after=after)


def has_pipe(script: str) -> bool:
    """True when a command's output is piped into another (`a | b`, not `a || b`)."""
    return any(command.after in ("|", "|&") for command in split_commands(script))


def pip_args(command: Command) -> list[str] | None:
    """The arguments after `pip` for pip, pip3, pip3.11, python -m pip and `uv pip`."""
    argv = list(command.argv)
    if not argv:
        return None
    program = posixpath.basename(argv[0])
    if re.fullmatch(r"pip(\d+(\.\d+)?)?", program):
        return argv[1:]
    if PYTHON_RE.match(program):
        for index, word in enumerate(argv[1:-1], start=1):
            if word == "-m" and argv[index + 1] == "pip":
                return argv[index + 2 :]
        return None
    if program == "uv" and len(argv) > 1 and argv[1] == "pip":
        return argv[2:]
    return None
