"""The disk guard: a watchdog thread that stops a build that fills the engine's disk.

It reads the free space of the engine's data root (`docker info` DockerRootDir, else
/var/lib/docker) and cancels the build when the free space drops by more than a budget since
the build started, or below a floor. It sees the whole file system, so another build's writes
count too: the budget is a guard for the host, not an exact per-build quota. Without access to
the data root (a remote engine) it does nothing.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from types import TracebackType

from docker.errors import DockerException

from layerlab.engine.discovery import EngineUnavailable, connect
from layerlab.engine.limits import megabytes_from_env
from layerlab.engine.outcome import Cancel
from layerlab.engine.stops import disk_budget, disk_floor
from layerlab.text import Text

GB = 1024**3
BUDGET_ENV = "LAYERLAB_DISK_BUDGET_MB"
DEFAULT_BUDGET = 2 * GB
DEFAULT_FLOOR = 1 * GB
FALLBACK_ROOT = Path("/var/lib/docker")
POLL = 0.5  # seconds: dd writes about 1 GB/s, so a budget is overrun by little


def configured_budget() -> int:
    """Bytes a build may take from the disk: LAYERLAB_DISK_BUDGET_MB, else 2 GB."""
    return megabytes_from_env(BUDGET_ENV, DEFAULT_BUDGET)


def data_root() -> Path | None:
    """Where the engine keeps images and containers, when this host can see it."""
    root = FALLBACK_ROOT
    try:
        client = connect()
        try:
            root = Path(client.info().get("DockerRootDir") or FALLBACK_ROOT)
        finally:
            client.close()
    except (EngineUnavailable, DockerException):
        pass  # the build itself will say the engine is gone
    return root if root.is_dir() else None


def gigabytes(size: int) -> str:
    return f"{size / GB:.1f} GB"


class DiskGuard:
    """`with DiskGuard(cancel):` around one build."""

    def __init__(
        self,
        cancel: Cancel,
        budget: int | None = None,
        floor: int = DEFAULT_FLOOR,
        root: Path | None = None,
        poll: float = POLL,
    ) -> None:
        self.cancel, self.floor, self.poll = cancel, floor, poll
        self.budget = configured_budget() if budget is None else budget
        self.root = root if root is not None else data_root()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> DiskGuard:
        if self.root is not None:
            start = shutil.disk_usage(self.root).free
            self._thread = threading.Thread(
                target=self._watch, args=(start,), name="layerlab-disk-guard", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _watch(self, start: int) -> None:
        assert self.root is not None  # only started with a root
        while not self._stop.wait(self.poll) and not self.cancel.is_set():
            reason = self.check(start, shutil.disk_usage(self.root).free)
            if reason is not None:
                self.cancel.set(reason)
                return

    def check(self, start: int, free: int) -> Text | None:
        """Why the build must stop at this free space (ja and en), or None."""
        if start - free > self.budget:
            return disk_budget(gigabytes(self.budget))
        if free < self.floor:
            return disk_floor(gigabytes(self.floor))
        return None
