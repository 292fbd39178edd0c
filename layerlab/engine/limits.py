"""Resource limits for every build and container LayerLab starts (notes/stack.md §3-§6).

The classic builder takes memory, swap and CPU weight per RUN container through the Engine's
/build API (docker-py's `container_limits`) and a /dev/shm size; memory and process caps per
build come from a cgroup parent LayerLab sets up (caps.py). BuildKit on buildx's `docker`
driver takes only `--ulimit` and `--shm-size` on the command line (an nproc ulimit does not
bind root): its memory and process caps are written into its steps' cgroups (caps.py). Whatever
the backend, a build context over LAYERLAB_CONTEXT_LIMIT_MB is refused before it is read.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layerlab.context import BuildContext

MB = 1024 * 1024
KILLED_RE = re.compile(r"(?:non-zero code|exit code): 137\b")
ENGINE_STOPPED = "the Docker engine stopped during the build"

BUILD_MEMORY = 1024 * MB  # a pip install of the samples peaks well below this
CLASSIC_LIMITS: dict[str, int | str] = {
    "memory": BUILD_MEMORY,
    "memswap": BUILD_MEMORY,  # equal to memory: no swap on top
    "cpushares": 512,  # half the default weight: the app stays responsive under load
}
BUILD_PIDS = 1024  # processes and threads per build: a uWSGI compile uses a few dozen
SHM_SIZE = 64 * MB
BUILD_LIMIT_ENV = "LAYERLAB_BUILD_LIMIT"
DEFAULT_BUILD_LIMIT = 2  # concurrent builds: a classroom machine has few cores
BUILDX_LIMITS = ["--ulimit", "nproc=4096:4096", "--shm-size", str(SHM_SIZE)]

PROBE_LIMITS: dict[str, object] = {
    "mem_limit": "512m",
    "memswap_limit": "512m",
    "nano_cpus": 1_000_000_000,
    "pids_limit": 256,
    "read_only": True,  # the samples write only to /tmp
    "tmpfs": {"/tmp": "size=64m,mode=1777"},
}


def build_slots() -> int:
    """How many builds run at once: LAYERLAB_BUILD_LIMIT, else 2."""
    value = os.environ.get(BUILD_LIMIT_ENV, "")
    return max(int(value), 1) if value.isdigit() else DEFAULT_BUILD_LIMIT


def killed(message: str) -> bool:
    """Exit code 137 is SIGKILL: the memory limit, or the engine stopping its containers."""
    return KILLED_RE.search(message) is not None and not message.startswith(ENGINE_STOPPED)


CONTEXT_LIMIT_ENV = "LAYERLAB_CONTEXT_LIMIT_MB"
DEFAULT_CONTEXT_LIMIT = 512 * MB  # builds and predictions read the whole context in


class ContextTooLarge(ValueError):
    """The build context is bigger than this instance lets one build read."""


def megabytes_from_env(name: str, default: int) -> int:
    """Bytes from an environment variable given in MB, else `default` (bytes)."""
    value = os.environ.get(name, "")
    return int(value) * MB if value.isdigit() else default


def context_limit() -> int:
    """Bytes a build context may hold: LAYERLAB_CONTEXT_LIMIT_MB, else 512 MB."""
    return megabytes_from_env(CONTEXT_LIMIT_ENV, DEFAULT_CONTEXT_LIMIT)


def check_context_size(context: BuildContext, limit: int) -> None:
    """Refuse a context over `limit` before a single byte is read, naming its biggest file."""
    sizes = {path: context.size(path) for path in context.included}
    total = sum(sizes.values())
    if total <= limit:
        return
    biggest = max(sizes, key=sizes.__getitem__)
    raise ContextTooLarge(
        f"the build context holds {_mb(total)} (this instance allows {_mb(limit)}); "
        f"{biggest} alone is {_mb(sizes[biggest])}: list it in .dockerignore or leave it out"
    )


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB"
