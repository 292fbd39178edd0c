"""What the final image runs when a container starts: its ENTRYPOINT and CMD, the commands of
a `sh -c` script in them, and, when the build context is known, the commands of a script from
the context that they run (`docker-entrypoint.sh`).

LL401 reads these for a program that drops root (gosu), LL208 for a package manager the
container needs at run time (`poetry run` in the entrypoint script).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from layerlab.analysis.facts import Facts
from layerlab.analysis.shell import Command
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction, Stage

SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh"})


@dataclass(frozen=True)
class StartCommand:
    """One command a container runs at start, and where it is written."""

    argv: tuple[str, ...]  # without wrappers such as exec or env
    where: str  # "ENTRYPOINT", "CMD", or a context script's name in backticks


def start_instructions(stages: Sequence[Stage]) -> list[Instruction]:
    """The ENTRYPOINT and the CMD in effect (each the last of its kind), ENTRYPOINT first."""
    found = []
    for keyword in ("ENTRYPOINT", "CMD"):
        last = None
        for stage in stages:
            for instruction in stage.instructions:
                if instruction.keyword == keyword:
                    last = instruction
        if last is not None:
            found.append(last)
    return found


def start_words(facts: Facts, instruction: Instruction) -> list[str]:
    """The words of an ENTRYPOINT or CMD: the exec form as written, else its shell's words."""
    if instruction.json_args is not None:
        return list(instruction.json_args)
    return [word for command in facts.script(instruction).commands for word in command.words]


def context_file_text(
    facts: Facts, stages: Sequence[Stage], context: BuildContext, program: str
) -> str | None:
    """The text of the context file a COPY put where `program` points (by its name), without
    comment lines."""
    name = posixpath.basename(program)
    for stage in stages:
        for instruction in stage.instructions:
            copy = facts.copy(instruction)
            if copy is None or not copy.from_context:
                continue
            for source in copy.sources:
                for path in context.select(source):
                    if posixpath.basename(path) == name:
                        text = context.read(path).decode("utf-8", "replace")
                        lines = (ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
                        return "\n".join(lines)
    return None


def start_commands(facts: Facts, context: BuildContext | None) -> tuple[StartCommand, ...]:
    """Each command the final image runs at start: the ENTRYPOINT's and the CMD's own, those
    of a `sh -c` script in them, and those of a context script they name. Worked out once per
    lint (LL401 and LL208 both ask), so a context script is read once."""
    return facts.derived(("start_commands", id(context)), lambda: tuple(_found(facts, context)))


def _found(facts: Facts, context: BuildContext | None) -> Iterator[StartCommand]:
    stages = [stage for stage in facts.dockerfile.stages if stage.in_final_image]
    for instruction in start_instructions(stages):
        where = instruction.keyword
        if instruction.json_args is not None:
            argvs = [Command(words=tuple(instruction.json_args)).argv]
        else:
            argvs = [command.argv for command in facts.script(instruction).commands]
        for argv in argvs:
            yield StartCommand(argv, where)
            if argv and posixpath.basename(argv[0]) in SHELLS and "-c" in argv[1:-1]:
                script = argv[argv.index("-c") + 1]
                yield from (
                    StartCommand(c.argv, where) for c in facts.nested_script(script).commands
                )
            elif context is not None:
                yield from _script_commands(facts, stages, context, argv)


def _script_commands(
    facts: Facts, stages: Sequence[Stage], context: BuildContext, argv: Sequence[str]
) -> Iterator[StartCommand]:
    """The commands of the first context script `argv` runs (maybe after `tini --`): a
    word that is a path or a `.sh` name (not `app.py`, which python runs). A script that
    ends by running its arguments (`exec "$@"`) hands over to the next script word, as
    netbox's `docker-entrypoint.sh launch-netbox.sh` does."""
    for word in argv:
        if ("/" not in word and not word.endswith(".sh")) or word.endswith(".py"):
            continue
        text = context_file_text(facts, stages, context, word)
        if text:
            where = f"`{posixpath.basename(word)}`"
            commands = facts.nested_script(text).commands
            yield from (StartCommand(c.argv, where) for c in commands)
            if not any(c.argv == ("$@",) for c in commands):  # `exec "$@"` or `"$@"`
                return
