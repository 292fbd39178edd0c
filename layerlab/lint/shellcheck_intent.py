"""ShellCheck comments that the RUN script itself answers.

ShellCheck reads a script as if its input could be anything. A Dockerfile RUN is a script whose
author also wrote its values a few lines up, and three of ShellCheck's info-level checks then
ask for a change nobody would make:

- SC2086 (quote to prevent splitting) on a variable the same script assigns only text it
  writes out: `ARCH=amd64`, `RUN_DEPS="libpq5 zlib1g"` (a list, split on purpose), a value
  built from ARG/ENV names, a `for` word or Docker's HOME; on a variable that is a whole
  operand of a package manager's install, remove or mark command, wherever its value comes
  from (`savedAptMark="$(apt-mark showmanual)"; apt-mark manual $savedAptMark`): a POSIX
  shell has no arrays, package names hold no blanks or glob characters, and the manager
  takes any number of them, so the list is meant to split; and on a variable the script sets
  only to the output of a command that prints one word by definition (the architecture,
  `dpkg --print-architecture`, `uname -m`; the CPU count, `nproc`), maybe cut down by
  `awk`/`cut`/`sed`/`tr`: docker-library's `dpkgArch` in a download URL;
- SC2046 (quote this substitution) on a `$(...)` that only prints option words
  (`$(test "$x" = y && echo --with-lto)`) or compiler flags (`pkg-config --libs`): an empty
  output must vanish and flags must split, so quoting would break the command;
- SC2016 (expressions don't expand in single quotes) on text written to a file with `echo` or
  `printf` (`echo 'eval "$(pyenv init -)"' >> ~/.bashrc`) or given to sed: it is meant
  literally.

hadolint reports them; LayerLab leaves them out (tests/corpus/deliberate-differences.json names
each place). Everything else ShellCheck says is kept as it is.
"""

from __future__ import annotations

import re

from layerlab.analysis.shell import Command, Script, parse_script

EXPANSION_RE = re.compile(r"\$(?:\{([A-Za-z_]\w*)[^}]*\}|([A-Za-z_]\w*))")
NAME_AT_RE = re.compile(r"\$\{?([A-Za-z_]\w*)")
EXPORT_RE = re.compile(r"^export ([A-Za-z_]\w*)=1$", re.MULTILINE)
FOR_RE = re.compile(r"\bfor\s+([A-Za-z_]\w*)\s+in\b")
DOCKER_ENV = frozenset({"HOME", "HOSTNAME", "PATH"})  # set by Docker in every RUN
OPTION_PRINTERS = frozenset({"echo", "printf", "test", "[", "true", "false"})
LITERAL_WRITERS = frozenset({"echo", "printf"})
LITERAL_READERS = frozenset({"sed"})
# Package managers and their subcommands whose operands are package names, any number of them.
PACKAGE_LISTS = {
    "apt-get": frozenset({"install", "remove", "purge", "reinstall"}),
    "apt": frozenset({"install", "remove", "purge", "reinstall"}),
    "apt-mark": frozenset({"auto", "manual", "hold", "unhold"}),
    "apk": frozenset({"add", "del"}),
    "dnf": frozenset({"install", "remove"}),
    "yum": frozenset({"install", "remove"}),
    "microdnf": frozenset({"install", "remove"}),
}
# Commands that print one word (an architecture, a kernel name, a count), with the options
# that make them do so; None: with no option at all.
ONE_WORD_PRINTERS = {
    "dpkg": frozenset({"--print-architecture"}),
    "dpkg-architecture": frozenset({"-q", "--query"}),
    "apk": frozenset({"--print-arch"}),
    "uname": frozenset({"-m", "-s", "-r", "-p"}),
    "arch": None,
    "nproc": None,
}
WORD_FILTERS = frozenset({"awk", "cut", "sed", "tr"})
WORD_END = frozenset(" \t\n;&|)")


def answered(code: str, text: str, line: int, column: int) -> bool:
    """True when the script `text` (ShellCheck's input: shebang, exports, body) answers the
    comment `code` at 1-based (line, column)."""
    if code not in ("SC2086", "SC2046", "SC2016"):
        return False
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return False
    offset = sum(len(each) + 1 for each in lines[: line - 1]) + column - 1
    if code == "SC2086":
        return _written_variable(text, offset)
    if code == "SC2046":
        return _splits_on_purpose(text, offset)
    return _meant_literally(text, offset)


def _written_variable(text: str, offset: int) -> bool:
    match = NAME_AT_RE.match(text, offset)
    if match is None:
        return False
    known = set(EXPORT_RE.findall(text)) | DOCKER_ENV | set(FOR_RE.findall(text))
    script = parse_script(text)
    values = _assignments(script)
    name = match.group(1)
    return (
        _written(name, values, known, set())
        or _one_word(values.get(name, []))
        or _package_list(script, text, offset, match.end())
    )


def _package_list(script: Script, text: str, start: int, end: int) -> bool:
    """The expansion at text[start:end] is a whole operand of a command whose operands are
    package names (`apt-mark manual $saved`, `apk add $deps`)."""
    if text.startswith("{", start + 1):
        end = text.find("}", start) + 1
    whole = (start == 0 or text[start - 1] in " \t\n") and (
        end >= len(text) or text[end] in WORD_END
    )
    command = _command_at(script, start)
    if not whole or command is None or command.program not in PACKAGE_LISTS:
        return False
    action = next((word for word in command.argv[1:] if not word.startswith("-")), "")
    return action in PACKAGE_LISTS[command.program]


def _one_word(values: list[str]) -> bool:
    """Every value is `$(...)` of a command that prints one word, maybe cut down by filters."""
    if not values:
        return False
    for value in values:
        if not (value.startswith("$(") and value.endswith(")")):
            return False
        commands = [c for c in parse_script(value[2:-1]).commands if not c.in_substitution]
        if not commands or any(c.program not in WORD_FILTERS for c in commands[1:]):
            return False
        first = commands[0]
        if first.program not in ONE_WORD_PRINTERS or first.after not in ("", "|"):
            return False
        options = ONE_WORD_PRINTERS[first.program]
        arguments = first.argv[1:]
        if options is None and arguments:
            return False
        if options is not None and not (arguments and arguments[0] in options):
            return False
    return True


def _assignments(script: Script) -> dict[str, list[str]]:
    """Every value the script gives each variable: `X=v`, `X=v cmd`, `export X=v`."""
    found: dict[str, list[str]] = {}
    for command in script.commands:
        pairs = list(command.env)
        if command.program in ("export", "readonly", "local"):
            pairs += [tuple(word.split("=", 1)) for word in command.argv[1:] if "=" in word]
        for name, value in pairs:
            found.setdefault(name, []).append(value)
    return found


def _written(name: str, values: dict[str, list[str]], known: set[str], seen: set[str]) -> bool:
    """The script assigns `name` and every value is text it writes out, expanding only names
    that are known (ARG/ENV, Docker's, `for` words) or written the same way."""
    if name in known and name not in values:
        return True
    if name not in values:
        return False
    seen = seen | {name}
    for value in values[name]:
        if "$(" in value or "`" in value:
            return False
        for match in EXPANSION_RE.finditer(value):
            used = match.group(1) or match.group(2)
            if used in seen or used in known:
                continue
            if not _written(used, values, known, seen):
                return False
    return True


def _splits_on_purpose(text: str, offset: int) -> bool:
    inner = _substitution(text, offset)
    if inner is None:
        return False
    commands = [c for c in parse_script(inner).commands if not c.in_substitution]
    if not commands:
        return False
    programs = {command.program for command in commands}
    if any(program == "pkg-config" or program.endswith("-config") for program in programs):
        return True
    printed = [c for c in commands if c.program in ("echo", "printf")]
    return (
        programs <= OPTION_PRINTERS
        and bool(printed)
        and all(word.startswith("-") for c in printed for word in c.argv[1:])
    )


def _substitution(text: str, offset: int) -> str | None:
    """The text inside the `$(...)` or backticks that start at `offset`."""
    if text.startswith("$(", offset):
        depth, index, quote = 1, offset + 2, ""
        while index < len(text):
            char = text[index]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if not depth:
                    return text[offset + 2 : index]
            index += 1
        return None
    if text.startswith("`", offset):
        end = text.find("`", offset + 1)
        return text[offset + 1 : end] if end > 0 else None
    return None


def _meant_literally(text: str, offset: int) -> bool:
    command = _command_at(parse_script(text), offset)
    if command is None:
        return False
    if command.program in LITERAL_READERS:
        return True
    return command.program in LITERAL_WRITERS and any(
        redirect.operator in (">", ">>") and redirect.descriptor in ("", "1")
        for redirect in command.redirects
    )


def _command_at(script: Script, offset: int) -> Command | None:
    """The innermost command whose text holds `offset` (a byte offset; the scripts LayerLab
    hands to ShellCheck are read as UTF-8, so count bytes before it)."""
    position = len(script.source[:offset].encode("utf-8"))
    holding = [c for c in script.commands if c.start <= position < c.end]
    return max(holding, key=lambda c: c.start, default=None)
