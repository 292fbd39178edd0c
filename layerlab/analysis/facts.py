"""Facts: everything rules and the cache predictor share about one Dockerfile, built once.

`analyse(dockerfile)` reads the model once, in one pass per stage: the parsed shell of every
RUN (under a POSIX SHELL), CMD and ENTRYPOINT and of the `sh -c` scripts in them, the
package-manager calls and Python installs in it, COPY/ADD sources, each stage's state as it
evolves (WORKDIR, ENV, ARG, USER, SHELL) and the base image's release facts; what a RUN writes
and deletes is resolved on request, once per script, folder and home. Rules receive it;
nothing is derived again per rule or cached in module globals.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from layerlab.analysis.copies import Copy, copy_of
from layerlab.analysis.installs.system import (
    PackageCommand,
    is_alpine_based,
    is_debian_based,
    package_command,
)
from layerlab.analysis.layer_paths import (
    ROOT_HOME,
    Deleted,
    Written,
    deleted_paths,
    mount_covers,
    written_paths,
)
from layerlab.analysis.releases import Image, stage_image
from layerlab.analysis.shell import EMPTY, Command, Script, new_parser, parse_script
from layerlab.analysis.stages import Event, EventsBefore, stage_events
from layerlab.dockerfile import Dockerfile, Flag, Instruction, Stage

# Shells whose scripts the bash grammar reads; PowerShell and cmd scripts are not shell.
# An ONBUILD RUN is read as its inner RUN (in Facts.runs, same line); the ONBUILD itself
# runs nothing in this image.
SCRIPTED = frozenset({"RUN", "CMD", "ENTRYPOINT"})
POSIX_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"})
MAX_NESTING = 3  # sh -c "bash -c '...'" is as deep as anyone goes; deeper is read on request

T = TypeVar("T")


@dataclass(frozen=True)
class Facts:
    dockerfile: Dockerfile
    runs: tuple[Instruction, ...]  # every RUN, an ONBUILD RUN as its inner RUN (same lines)
    package_runs: tuple[Instruction, ...]  # the runs that call apt, apt-get or apk
    scripts: dict[int, Script]  # RUN, CMD, ENTRYPOINT start line -> its parsed shell
    shells: dict[int, tuple[str, ...]]  # RUN start line -> the SHELL in effect; () for sh -c
    packages: dict[int, tuple[PackageCommand, ...]]  # RUN start line -> apt/apk calls
    copies: dict[int, Copy]  # COPY/ADD start line -> sources and destination
    events: list[tuple[Event, ...]]  # per stage: its events after those it is built FROM
    images: list[Image | None]  # per stage: the external image its FROM names
    root_images: list[Image | None]  # per stage: the external image its FROM chain starts at
    onbuild_runs: dict[int, Instruction]  # ONBUILD RUN start line -> the RUN it carries
    # The text after `-c` in a CMD or ENTRYPOINT (`sh -c "..."`, nested ones too) -> its shell.
    nested: dict[str, Script]
    _reader: _ScriptReader = field(repr=False, compare=False)
    path: str | None = None  # the Dockerfile's path in its context or repository, when known
    _derived: dict[Hashable, object] = field(default_factory=dict, repr=False, compare=False)
    # (script, cwd, home) -> what it deletes: generated files repeat the same RUN thousands
    # of times, and each rule asking would otherwise resolve the same paths again.
    _deleted: dict[tuple[str, str | None, str], tuple[Deleted, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # (script, flags, cwd, home, PIP_NO_CACHE_DIR) -> what it writes, the same way.
    _written: dict[tuple[str, tuple[Flag, ...], str | None, str, bool], tuple[Written, ...]] = (
        field(default_factory=dict, repr=False, compare=False)
    )

    def script(self, instruction: Instruction) -> Script:
        """The parsed shell of a RUN (ONBUILD's inner RUN too), CMD or ENTRYPOINT; else empty."""
        if instruction.keyword not in SCRIPTED:
            return EMPTY
        return self.scripts.get(instruction.start_line, EMPTY)

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A fact several rules ask for, worked out on the first request of this lint."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[no-any-return]

    def nested_script(self, text: str) -> Script:
        """The parsed shell of `sh -c TEXT` in a CMD or ENTRYPOINT. analyse reads every one
        written in an instruction; one a rule puts together (`ENTRYPOINT ["sh", "-c"]` with
        the CMD's text) is read on first request, and each text once."""
        script = self.nested.get(text)
        if script is None:
            script = self.nested[text] = self._reader.text(text)
        return script

    def commands(self, instruction: Instruction) -> tuple[Command, ...]:
        """The commands a RUN (or ONBUILD's inner RUN) executes; () for anything else."""
        if instruction.keyword != "RUN":
            return ()
        return self.scripts.get(instruction.start_line, EMPTY).commands

    def package_commands(self, instruction: Instruction) -> tuple[PackageCommand, ...]:
        if instruction.keyword != "RUN":
            return ()
        return self.packages.get(instruction.start_line, ())

    def deleted_paths(
        self, instruction: Instruction, cwd: str | None, home: str = ROOT_HOME
    ) -> tuple[Deleted, ...]:
        """What a RUN deletes (rm, apt-get clean, pip cache purge, ...), resolved against
        `cwd` and `home`."""
        script = self.scripts.get(instruction.start_line, EMPTY)
        if instruction.keyword != "RUN":
            script = EMPTY
        key = (script.source, cwd, home)
        found = self._deleted.get(key)
        if found is None:
            found = self._deleted[key] = tuple(deleted_paths(script.commands, cwd, home))
        return found

    def written_paths(
        self, instruction: Instruction, cwd: str | None, home: str, pip_no_cache: bool = False
    ) -> tuple[Written, ...]:
        """What a RUN leaves in its layer (apt lists, pip's cache, downloads), resolved against
        `cwd` and `home`, less what its cache and tmpfs mounts hold; `pip_no_cache` is
        PIP_NO_CACHE_DIR set by an ENV before it."""
        if instruction.keyword != "RUN":
            return ()
        script = self.scripts.get(instruction.start_line, EMPTY)
        key = (script.source, instruction.flags, cwd, home, pip_no_cache)
        found = self._written.get(key)
        if found is None:
            written = written_paths(script.commands, cwd, home, pip_no_cache)
            found = tuple(w for w in written if not mount_covers(instruction, w.path))
            self._written[key] = found
        return found

    def copy(self, instruction: Instruction) -> Copy | None:
        """What a COPY or ADD brings in; None for other instructions."""
        return self.copies.get(instruction.start_line)

    def runs_in(
        self, stages: Iterable[Stage] | None = None
    ) -> Iterator[tuple[EventsBefore, Event]]:
        """(the events before it in its stage chain, event) for each instruction of `stages`.

        Instructions of a parent stage belong to the parent: a finding there is reported
        once, not again for every stage built FROM it.
        """
        for stage in self.dockerfile.stages if stages is None else stages:
            chain = self.events[stage.index]
            inherited = len(self.events[stage.parent]) if stage.parent is not None else 0
            for position in range(inherited, len(chain)):
                yield EventsBefore(chain, position), chain[position]

    def events_in(self, stages: Iterable[Stage] | None = None) -> Iterator[Event]:
        """The events of `stages` without the history before each (see runs_in)."""
        for stage in self.dockerfile.stages if stages is None else stages:
            chain = self.events[stage.index]
            inherited = len(self.events[stage.parent]) if stage.parent is not None else 0
            yield from chain[inherited:]

    def runs_dash(self, stage: Stage) -> bool:
        """True when the stage's /bin/sh is dash: its FROM chain starts at a Debian image."""
        image = self.root_images[stage.index]
        return image is not None and is_debian_based(image)

    def runs_ash(self, stage: Stage) -> bool:
        """True when the stage's /bin/sh is busybox ash: its FROM chain starts at Alpine."""
        image = self.root_images[stage.index]
        return image is not None and is_alpine_based(image)


def analyse(dockerfile: Dockerfile, path: str | None = None) -> Facts:
    """Build the facts of one Dockerfile; linear in its size. `path` is where the file lives
    in its build context or repository (`docker/dev/Dockerfile`), when the caller knows it."""
    runs: list[Instruction] = []
    scripts: dict[int, Script] = {}
    shells: dict[int, tuple[str, ...]] = {}
    read_script = _ScriptReader()

    def read(run: Instruction, shell: tuple[str, ...]) -> tuple[Command, ...]:
        runs.append(run)
        shells[run.start_line] = shell
        script = scripts[run.start_line] = read_script(run, shell)
        return script.commands

    copies = {
        instruction.start_line: copy
        for instruction in dockerfile.instructions
        if (copy := copy_of(instruction)) is not None
    }
    events = stage_events(dockerfile, read, copies)
    nested: dict[str, Script] = {}
    starts: dict[str, Script] = {}  # arguments -> script: generated files repeat one CMD
    for instruction in dockerfile.instructions:
        if instruction.keyword in ("CMD", "ENTRYPOINT"):
            script = starts.get(instruction.arguments)
            if script is None:  # a CMD's script is its arguments' alone (no heredocs)
                script = starts[instruction.arguments] = _read_start(
                    instruction, read_script, nested
                )
            scripts[instruction.start_line] = script
    packages = {run.start_line: read_script.packages(scripts[run.start_line]) for run in runs}
    images = [stage_image(dockerfile, stage) for stage in dockerfile.stages]
    root_images: list[Image | None] = []
    for stage in dockerfile.stages:
        parent = stage.parent
        root_images.append(root_images[parent] if parent is not None else images[stage.index])
    onbuild_lines = {i.start_line for i in dockerfile.instructions if i.keyword == "ONBUILD"}
    onbuild_runs = {run.start_line: run for run in runs if run.start_line in onbuild_lines}
    return Facts(
        dockerfile,
        tuple(runs),
        tuple(run for run in runs if packages[run.start_line]),
        scripts,
        shells,
        packages,
        copies,
        events,
        images,
        root_images,
        onbuild_runs,
        nested,
        read_script,
        path,
    )


def _read_start(
    instruction: Instruction, reader: _ScriptReader, nested: dict[str, Script]
) -> Script:
    """The script of a CMD or ENTRYPOINT; the `sh -c` texts in it go to `nested`."""
    script = reader(instruction, ())
    argvs = [c.words for c in script.commands]
    if instruction.json_args is not None:
        argvs.append(tuple(instruction.json_args))
    _read_nested(argvs, reader, nested)
    return script


def _read_nested(
    argvs: Iterable[Sequence[str]], reader: _ScriptReader, found: dict[str, Script], depth: int = 0
) -> None:
    """Parse the word after each `-c` (`sh -c "..."`), and the `-c` words inside it."""
    for argv in argvs:
        for position, word in enumerate(argv[:-1]):
            text = argv[position + 1]
            if word == "-c" and text not in found:
                script = found[text] = reader.text(text)
                if depth < MAX_NESTING:
                    _read_nested([c.words for c in script.commands], reader, found, depth + 1)


def is_posix_shell(shell: tuple[str, ...]) -> bool:
    return not shell or posixpath.basename(shell[0]).lower() in POSIX_SHELLS


class _ScriptReader:
    """Parses the scripts of one analysis: one parser, and each distinct text read once
    (generated files repeat the same RUN thousands of times; Commands are immutable)."""

    def __init__(self) -> None:
        self._parser = new_parser()
        self._seen: dict[str, Script] = {}
        self._packages: dict[str, tuple[PackageCommand, ...]] = {}

    def __call__(self, instruction: Instruction, shell: tuple[str, ...]) -> Script:
        """The shell an instruction runs: the exec form as written, the shell form under a
        POSIX SHELL (heredoc bodies included)."""
        if not instruction.heredocs and not instruction.arguments.lstrip().startswith("["):
            # the shell form with no heredoc, most RUNs: the command is the arguments
            return self.text(instruction.arguments) if is_posix_shell(shell) else EMPTY
        if instruction.json_args is None and not is_posix_shell(shell):
            return EMPTY
        return self.text(instruction.command)

    def text(self, text: str) -> Script:
        script = self._seen.get(text)
        if script is None:
            script = self._seen[text] = parse_script(text, self._parser)
        return script

    def packages(self, script: Script) -> tuple[PackageCommand, ...]:
        """The apt/apk calls of a script, read once per distinct script."""
        found = self._packages.get(script.source)
        if found is None:
            found = tuple(p for p in map(package_command, script.commands) if p is not None)
            self._packages[script.source] = found
        return found
