"""BuildKit through `docker buildx build --progress=rawjson`.

The JSON arrives on stderr, pretty-printed over several lines by older buildx (0.13) and one
message per line by newer ones: read it as a stream of JSON values. Vertexes are resent as
their state changes: merge them by digest (notes/stack.md §7).
"""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from layerlab.context import DOCKERIGNORE, BuildContext
from layerlab.engine.limits import BUILDX_LIMITS
from layerlab.engine.outcome import (
    MAX_LOG_CHARS,
    BuildOutcome,
    BuildRequest,
    Cancel,
    EngineStep,
    append_log,
    mark_stopped,
)

VERTEX_RE = re.compile(r"^\[(?:(?P<stage>[^\]\s]+) )?(?P<i>\d+)/(?P<n>\d+)\] (?P<instr>.*)$")
PARSE_LINE_RE = re.compile(r"(?:Dockerfile:|line )(\d+)")


def timestamp(value: str) -> float:
    """RFC 3339 with nanoseconds to POSIX seconds."""
    value = value.replace("Z", "+00:00")
    head, dot, rest = value.partition(".")
    if dot:
        digits = re.match(r"\d*", rest).group(0)  # type: ignore[union-attr]
        value = f"{head}.{digits[:6]}{rest[len(digits) :]}"
    return datetime.fromisoformat(value).timestamp()


class RawJsonParser:
    """Incremental: feed stderr text as it arrives, read steps at any time."""

    def __init__(self) -> None:
        self._text = ""
        self._decoder = json.JSONDecoder()
        self.vertexes: dict[str, dict[str, object]] = {}
        self.logs: dict[str, str] = {}
        self.other = ""  # stderr that is not JSON, e.g. "ERROR: ..." from buildx itself

    def feed(self, text: str) -> None:
        self._text += text
        while True:
            stripped = self._text.lstrip()
            if not stripped:
                self._text = ""
                return
            if not stripped.startswith("{"):
                line, newline, rest = stripped.partition("\n")
                if not newline:
                    self._text = stripped
                    return
                self.other += line + "\n"
                self._text = rest
                continue
            try:
                message, end = self._decoder.raw_decode(stripped)
            except json.JSONDecodeError:
                self._text = stripped  # incomplete: wait for more
                return
            self._text = stripped[end:]
            self._merge(message)

    def _merge(self, message: Mapping[str, object]) -> None:
        for vertex in message.get("vertexes") or []:  # type: ignore[union-attr]
            self.vertexes.setdefault(vertex["digest"], {}).update(vertex)
        for log in message.get("logs") or []:  # type: ignore[union-attr]
            data = base64.b64decode(log.get("data", "")).decode("utf-8", "replace")
            self.logs[log["vertex"]] = (self.logs.get(log["vertex"], "") + data)[-MAX_LOG_CHARS:]

    def steps(self) -> list[EngineStep]:
        """Dockerfile steps (not [internal] or exporting), in start order, times from t0."""
        rows = []
        starts = [timestamp(v["started"]) for v in self.vertexes.values() if v.get("started")]
        origin = min(starts) if starts else 0.0
        for digest, vertex in self.vertexes.items():
            match = VERTEX_RE.match(str(vertex.get("name", "")))
            if not match or not vertex.get("started"):
                continue
            step = EngineStep(
                key=(match["stage"] or "", int(match["i"])),
                instruction=match["instr"],
                start=timestamp(str(vertex["started"])) - origin,
                end=timestamp(str(vertex["completed"])) - origin
                if vertex.get("completed")
                else None,
                cached=bool(vertex.get("cached")) or match["instr"].startswith("FROM "),
                error=str(vertex["error"]) if vertex.get("error") else None,
            )
            append_log(step, self.logs.get(digest, ""))
            rows.append(step)
        return sorted(rows, key=lambda s: s.start)

    def error(self) -> str | None:
        failed = [str(v["error"]) for v in self.vertexes.values() if v.get("error")]
        other = [line for line in self.other.splitlines() if line.strip()]
        return "\n".join(failed + other) or None


def build(
    request: BuildRequest,
    cancel: Cancel | None = None,
    on_update: Callable[[BuildOutcome], None] | None = None,
) -> BuildOutcome:
    """Build a temporary copy of the context with buildx and --load it into the engine."""
    cancel = cancel or Cancel()
    started = time.monotonic()
    parser = RawJsonParser()
    outcome = BuildOutcome()
    with tempfile.TemporaryDirectory(prefix="layerlab-bk-") as folder:
        root, id_file = Path(folder, "context"), Path(folder, "image-id")
        write_context(request.context, request.dockerfile_name, root)
        command = buildx_command(str(root), request)
        command[-1:-1] = ["--iidfile", str(id_file)]
        try:
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError as exc:
            outcome.error = f"cannot run docker buildx: {exc}"
            return outcome
        cancel.on_cancel(lambda: _interrupt(proc))
        _read(proc, parser, outcome, on_update)
        code = proc.wait()
        # buildx writes the image id itself: no second `docker image inspect` process
        built = id_file.read_text().strip() if code == 0 and id_file.is_file() else ""
    outcome.steps = parser.steps()
    outcome.seconds = time.monotonic() - started
    if cancel.is_set():
        mark_stopped(outcome, cancel)
    elif code != 0:
        outcome.error = parser.error() or f"docker buildx build exited with {code}"
        match = PARSE_LINE_RE.search(outcome.error or "")
        if match and "parse" in (outcome.error or "").lower():
            outcome.error_line = int(match.group(1))
    else:
        outcome.image_id = built or None
    return outcome


def buildx_command(folder: str, request: BuildRequest) -> list[str]:
    command = ["docker", "buildx", "build", "--progress=rawjson", "--load", "-t", request.tag]
    command += BUILDX_LIMITS
    if request.network == "none":
        command.append("--network=none")
    if request.cgroup_parent:  # where the engine honours it (Docker 28; caps.py)
        command += ["--cgroup-parent", request.cgroup_parent]
    command += ["-f", os.path.join(folder, request.dockerfile_name)]
    if request.target:
        command += ["--target", request.target]
    if request.no_cache:
        command.append("--no-cache")
    for name, value in request.build_args.items():
        command += ["--build-arg", f"{name}={value}"]
    return [*command, folder]


def write_context(context: BuildContext, dockerfile_name: str, folder: Path) -> None:
    """The files the build receives, plus the Dockerfile and .dockerignore themselves."""
    extras = {dockerfile_name} | ({DOCKERIGNORE} if DOCKERIGNORE in context.paths else set())
    for path in set(context.included) | extras:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(context.read(path))


def _read(
    proc: subprocess.Popen[bytes],
    parser: RawJsonParser,
    outcome: BuildOutcome,
    on_update: Callable[[BuildOutcome], None] | None,
) -> None:
    assert proc.stderr is not None
    for raw in iter(lambda: proc.stderr.read1(65536), b""):  # type: ignore[union-attr]
        parser.feed(raw.decode("utf-8", "replace"))
        if on_update is not None:
            outcome.steps = parser.steps()
            on_update(outcome)


def _interrupt(proc: subprocess.Popen[bytes]) -> None:
    """Ctrl+C for buildx: it cancels the build session on the engine, then exits."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        threading.Timer(10, lambda: proc.poll() is None and proc.kill()).start()
