"""A step that hit its memory or process cap is told so in its own log, then stopped.

A fork bomb whose forks are refused goes on: its first shell sleeps and exits 0, and the step
"succeeds" after the cap held it. So the watcher (caps.py) reads each step's cgroup counters
(pids.events `max`, the memory controller's `oom_kill`) and, on the first hit, writes a marker
line into the step's own output, then kills every process of the step. The marker travels with
the step's log through whichever backend runs it, so the build that owns the step knows which
cap stopped it (stops.py), even when several builds share BuildKit's one parent cgroup.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from pathlib import Path

from layerlab.engine.cgroups import CgroupFS

PROCESS_CAP, MEMORY_CAP = "process-cap", "memory-cap"
MARKER = "[layerlab] {cap}: this step reached a cap of the build and was stopped"
MARKER_RE = re.compile(r"\[layerlab\] (process-cap|memory-cap): ")


def hit(fs: CgroupFS, group: str) -> str | None:
    """The cap a step's cgroup has hit so far, if any."""
    if fs.counter(group, "pids", "max") > 0:
        return PROCESS_CAP
    if fs.counter(group, "memory", "oom_kill") > 0:
        return MEMORY_CAP
    return None


def stop(fs: CgroupFS, group: str, cap: str) -> None:
    """Mark the step's log with the cap it hit, then kill all of its processes."""
    root = step_root(fs.processes(group))
    if root is not None:
        tell(root, f"\n{MARKER.format(cap=cap)}\n")
    fs.kill(group)


def marked(log: str) -> str | None:
    """The cap a marker in a step's log names (the last one), if any."""
    found = MARKER_RE.findall(log)
    return found[-1] if found else None


def step_root(pids: set[int]) -> int | None:
    """The step's first process: the one whose parent is not in the step (runc's child)."""
    for pid in sorted(pids):
        parent = _parent(pid)
        if parent is not None and parent not in pids:
            return pid
    return None


def tell(pid: int, line: str) -> bool:
    """Write `line` into the pipe the process logs to (stderr, else stdout); never block."""
    for number in (2, 1):
        path = f"/proc/{pid}/fd/{number}"
        with contextlib.suppress(OSError):
            if not stat.S_ISFIFO(os.stat(path).st_mode):  # a file or /dev/null: not the log
                continue
            descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            try:
                os.write(descriptor, line.encode())
                return True
            finally:
                os.close(descriptor)
    return False


def _parent(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^PPid:\s+(\d+)", status, re.MULTILINE)
    return int(found.group(1)) if found else None
