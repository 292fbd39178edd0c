"""Memory and process limits written into the host's cgroup file system (v1 or v2).

The engine's RUN containers are cgroups under a parent; a limit on the parent holds for
everything below it (v1's memory controller with use_hierarchy, the pids controller and every
v2 controller count hierarchically). LayerLab writes the limits itself, so it needs root on the
engine's own host and a writable cgroupfs; `CgroupFS.check()` says why not otherwise.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
V1_CONTROLLERS = ("memory", "pids")


@dataclass(frozen=True)
class Limits:
    memory: int  # bytes, swap included
    pids: int  # processes and threads


class CgroupFS:
    """The cgroup layout of this host: v2 (one tree) or v1 (a tree per controller)."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self.version = 2 if (root / "cgroup.controllers").is_file() else 1

    def check(self) -> str | None:
        """Why limits cannot be written here, or None when they can."""
        dirs = [self.root] if self.version == 2 else [self.root / c for c in V1_CONTROLLERS]
        missing = [str(d) for d in dirs if not d.is_dir()]
        if missing:
            return f"no cgroup controller at {', '.join(missing)}"
        if self.version == 2:
            enabled = (self.root / "cgroup.controllers").read_text().split()
            if not {"memory", "pids"} <= set(enabled):
                return "the cgroup v2 tree lacks the memory or pids controller"
        if not all(os.access(d, os.W_OK) for d in dirs):
            return "the cgroup file system is read-only here (it needs root on the engine's host)"
        return None

    def dirs(self, group: str) -> dict[str, Path]:
        """Where a group's files live, per controller."""
        relative = group.strip("/")
        if self.version == 2:
            return {c: self.root / relative for c in V1_CONTROLLERS}
        return {c: self.root / c / relative for c in V1_CONTROLLERS}

    def exists(self, group: str) -> bool:
        return all(path.is_dir() for path in self.dirs(group).values())

    def create(self, group: str, limits: Limits) -> None:
        """Make the group (and its parents) and write its limits; raises OSError."""
        if self.version == 2:
            self._delegate(group)
        for path in self.dirs(group).values():
            path.mkdir(parents=True, exist_ok=True)
        self.limit(group, limits)

    def limit(self, group: str, limits: Limits) -> None:
        dirs = self.dirs(group)
        memory, pids = dirs["memory"], dirs["pids"]
        if self.version == 2:
            _write(memory / "memory.max", limits.memory)
            with contextlib.suppress(FileNotFoundError):  # a kernel without swap accounting
                _write(memory / "memory.swap.max", 0)
        else:
            _write_v1_memory(memory, limits.memory)
        _write(pids / "pids.max", limits.pids)

    def remove(self, group: str) -> None:
        """Remove a group and the empty groups below it (BuildKit leaves `buildkit/`); a
        group still in use stays (its limits still hold)."""
        for path in set(self.dirs(group).values()):
            below = [entry for entry in path.rglob("*") if entry.is_dir()] if path.is_dir() else []
            for entry in sorted(below, key=lambda entry: len(entry.parts), reverse=True):
                with contextlib.suppress(OSError):
                    entry.rmdir()
            with contextlib.suppress(OSError):
                path.rmdir()

    def kill(self, group: str, rounds: int = 20) -> None:
        """SIGKILL every process in the group and below, again until none is left (a fork
        bomb forks between two reads); the engine's own stop waits on a flooding container."""
        for _ in range(rounds):
            pids = self.processes(group)
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.05)

    def processes(self, group: str) -> set[int]:
        """Every process in the group and below it."""
        top = self.dirs(group)["pids"]
        return {
            int(pid)
            for procs in top.rglob("cgroup.procs")
            for pid in _read_lines(procs)
            if pid.isdigit()
        }

    def children(self, group: str) -> set[str]:
        """The names of the groups directly under `group` (in every controller)."""
        names = [
            {entry.name for entry in path.iterdir() if entry.is_dir()}
            for path in self.dirs(group).values()
            if path.is_dir()
        ]
        return set.intersection(*names) if names else set()

    def counter(self, group: str, controller: str, name: str) -> int:
        """A line of pids.events or memory's oom counters ("max 3", "oom_kill 1"), or 0."""
        path = self.dirs(group)[controller]
        files = {
            "pids": "pids.events",
            "memory": "memory.events" if self.version == 2 else "memory.oom_control",
        }
        try:
            lines = (path / files[controller]).read_text().splitlines()
        except OSError:
            return 0
        for line in lines:
            key, _, value = line.partition(" ")
            if key == name and value.strip().isdigit():
                return int(value)
        return 0

    def _delegate(self, group: str) -> None:
        """v2: a group's limits exist only once its parent hands it the controllers."""
        parent = self.root
        for part in Path(group.strip("/")).parts:
            control = parent / "cgroup.subtree_control"
            if not {"memory", "pids"} <= set(control.read_text().split()):
                control.write_text("+memory +pids")
            parent = parent / part
            parent.mkdir(exist_ok=True)


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text().split()
    except OSError:  # the group went meanwhile
        return []


def _write(path: Path, value: int) -> None:
    path.write_text(str(value))


def _write_v1_memory(path: Path, memory: int) -> None:
    """v1 keeps memsw >= memory at every moment: write in the order that allows it."""
    limit, memsw = path / "memory.limit_in_bytes", path / "memory.memsw.limit_in_bytes"
    if not memsw.exists():  # swap accounting off: memory alone
        _write(limit, memory)
        return
    current = int(limit.read_text())
    order = (limit, memsw) if memory <= current else (memsw, limit)
    for file in order:
        _write(file, memory)
