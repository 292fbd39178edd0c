"""Each stage's instructions with the state at them: WORKDIR, ENV and ARG in effect, what a
COPY/ADD brings and what a RUN installs. A stage built `FROM <stage>` starts from its parent's
state, because a stage built on one that ran `COPY . .` is as busted as the parent.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple, overload

from layerlab.analysis.copies import Copy, looks_like_file
from layerlab.analysis.installs import Install, Site, may_install, read_install
from layerlab.analysis.paths import absolute, is_inside
from layerlab.analysis.shell import ASSIGNMENT_RE, Command
from layerlab.analysis.variables import History, Overlay
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction, onbuild_inner, parse_arg, parse_env


class Event(NamedTuple):
    """An instruction of a stage, or of a stage it is built FROM, with the state at it. (A named
    tuple: there is one per instruction, and a frozen dataclass costs twice as much to make.)"""

    instruction: Instruction
    workdir: str  # the WORKDIR in effect (after it, for a WORKDIR instruction)
    env: Mapping[str, str]  # ENV and ARG values in effect
    runtime_env: Mapping[str, str]  # ENV only: what the running container sees
    copy: Copy | None
    installs: tuple[Install, ...]
    user: str | None = None  # the USER in effect; None for the image's default (root)
    shell: tuple[str, ...] = ()  # the SHELL in effect; () for the default /bin/sh -c
    # What an ONBUILD RUN will install in the images built FROM this one (not in this one).
    onbuild_installs: tuple[Install, ...] = ()


class EventsBefore(Sequence[Event]):
    """The events before one in its stage chain: a view, so reading every RUN stays linear."""

    def __init__(self, chain: Sequence[Event], end: int) -> None:
        self._chain = chain
        self._end = end

    def __len__(self) -> int:
        return self._end

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        if isinstance(index, slice):
            return [self._chain[i] for i in range(*index.indices(self._end))]
        if not -self._end <= index < self._end:
            raise IndexError(index)
        return self._chain[index % self._end]


# Reads a RUN (or an ONBUILD's inner RUN) under the SHELL in effect: its commands.
ReadRun = Callable[[Instruction, tuple[str, ...]], Sequence[Command]]


def stage_events(
    dockerfile: Dockerfile, read: ReadRun, copies: Mapping[int, Copy]
) -> list[tuple[Event, ...]]:
    """For each stage (by index): its events, after those of the stages it is built FROM.

    Every RUN is read once, through `read`, when the walk reaches it."""
    result: list[tuple[Event, ...]] = []
    for stage in dockerfile.stages:
        inherited = result[stage.parent] if stage.parent is not None else ()
        result.append(inherited + tuple(_walk(stage.instructions, inherited, read, copies)))
    return result


def _walk(
    instructions: Iterable[Instruction],
    inherited: tuple[Event, ...],
    read: ReadRun,
    copies: Mapping[int, Copy],
) -> Iterator[Event]:
    last = inherited[-1] if inherited else None
    workdir = last.workdir if last else "/"
    runtime = History(last.runtime_env if last else None)  # ENV: what the container sees
    build = History()  # ARG: reset at every FROM
    runtime_env, args = runtime.now(), build.now()
    env: Mapping[str, str] = Overlay(runtime_env, args)
    user = last.user if last else None
    shell = last.shell if last else ()
    for instruction in instructions:
        keyword = instruction.keyword
        if keyword == "WORKDIR" and instruction.arguments.strip():
            workdir = posixpath.normpath(
                posixpath.join(workdir, instruction.arguments.strip().strip("\"'"))
            )
        elif keyword == "USER" and instruction.arguments.strip():
            user = instruction.arguments.strip()
        elif keyword == "SHELL":
            shell = tuple(instruction.json_args or ())
        elif keyword == "ENV":
            runtime_env = runtime.assign(dict(parse_env(instruction.arguments)))
            env = Overlay(runtime_env, args)
        elif keyword == "ARG":
            args = build.assign({k: v for k, v in parse_arg(instruction.arguments) if v})
            env = Overlay(runtime_env, args)
        installs: tuple[Install, ...] = ()
        if keyword == "RUN":
            installs = tuple(_installs(instruction, read(instruction, shell), workdir, env))
        inner = onbuild_inner(instruction) if keyword == "ONBUILD" else None
        onbuild: tuple[Install, ...] = ()
        if inner is not None and inner.keyword == "RUN":
            # checked like any RUN; it runs in images built FROM this one
            onbuild = tuple(_installs(inner, read(inner, shell), workdir, env))
        copy = copies.get(instruction.start_line)
        yield Event(instruction, workdir, env, runtime_env, copy, installs, user, shell, onbuild)


def _installs(
    instruction: Instruction,
    commands: Sequence[Command],
    workdir: str,
    env: Mapping[str, str],
) -> Iterator[Install]:
    cwd = workdir
    local_env = env  # copied only when the RUN changes it: most never do
    for command in commands:
        argv = command.argv
        if command.program == "cd":
            cwd = absolute(argv[1], cwd) if len(argv) > 1 and "$" not in argv[1] else cwd
            continue
        if command.program == "export":
            local_env = {**local_env, **_assignments(argv[1:])}
            continue
        if not may_install(command):
            continue
        command_env = {
            **local_env,
            **_assignments(command.words[: len(command.words) - len(argv)]),
            **dict(command.env),
        }
        install = read_install(Site(instruction, command, cwd, command_env))
        if install is not None:
            yield install


def _assignments(words: Iterable[str]) -> dict[str, str]:
    return dict(w.split("=", 1) for w in words if ASSIGNMENT_RE.match(w))


# Where files come from ------------------------------------------------------------------


def brings(event: Event, path: str, context: BuildContext | None) -> bool:
    """True when the COPY/ADD of `event` may put a file at the absolute `path`."""
    copy = event.copy
    if copy is None:
        return False
    destination = absolute(copy.destination, event.workdir)
    for source in copy.sources:
        if "://" in source or source.startswith("git@"):
            continue
        if looks_like_file(source, context):
            name = posixpath.basename(source)
            if _lands_at(copy, destination, event.workdir, name, path):
                return True
        elif is_inside(path, destination):
            relative = posixpath.relpath(path, destination)
            if not copy.from_context or context is None:
                return True
            if context.select(posixpath.join(source, relative)):
                return True
    return False


def _lands_at(copy: Copy, destination: str, workdir: str, name: str, path: str) -> bool:
    folder = copy.destination.endswith("/") or len(copy.sources) > 1 or destination == workdir
    if any(ch in name for ch in "*?["):
        return posixpath.dirname(path) == destination and fnmatch.fnmatchcase(
            posixpath.basename(path), name
        )
    if folder:
        return path == posixpath.join(destination, name)
    return path in (destination, posixpath.join(destination, name))


def bind_brings(event: Event, path: str) -> bool:
    """True when a bind mount on the RUN of `event` shows a file at the absolute `path`."""
    for mount in event.instruction.mounts():
        if mount.get("type") != "bind":
            continue
        target = mount.get("target") or mount.get("dst") or mount.get("destination")
        if target and is_inside(path, absolute(target, event.workdir), inclusive=True):
            return True
    return False
