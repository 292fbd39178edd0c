"""Resource limits for every build and container LayerLab starts (notes/stack.md §3-§6).

The classic builder takes memory, swap and CPU weight per build through the Engine's /build
API (docker-py's `container_limits`) and a /dev/shm size; it has no pids limit, so a fork bomb
is bounded by memory and the time limit. BuildKit on buildx's `docker` driver takes only
`--ulimit` and `--shm-size`: it cannot limit memory or CPU (that needs a `docker-container`
builder with `--driver-opt memory=...,cpuset-cpus=...`), and an nproc ulimit does not bind
root inside the build; its builds rely on the time limit and the disk guard.
"""

from __future__ import annotations

import re

MB = 1024 * 1024
KILLED_RE = re.compile(r"(?:non-zero code|exit code): 137\b")

BUILD_MEMORY = 1024 * MB  # a pip install of the samples peaks well below this
CLASSIC_LIMITS: dict[str, int | str] = {
    "memory": BUILD_MEMORY,
    "memswap": BUILD_MEMORY,  # equal to memory: no swap on top
    "cpushares": 512,  # half the default weight: the app stays responsive under load
}
SHM_SIZE = 64 * MB
BUILDX_LIMITS = ["--ulimit", "nproc=4096:4096", "--shm-size", str(SHM_SIZE)]

PROBE_LIMITS: dict[str, object] = {
    "mem_limit": "512m",
    "memswap_limit": "512m",
    "nano_cpus": 1_000_000_000,
    "pids_limit": 256,
    "read_only": True,  # the samples write only to /tmp
    "tmpfs": {"/tmp": "size=64m,mode=1777"},
}


def killed(message: str) -> bool:
    """Exit code 137 is SIGKILL: the memory limit, or the engine stopping its containers."""
    return KILLED_RE.search(message) is not None


def explain_kill(message: str) -> str:
    """A killed step on an engine that still runs: the kernel stopped it at its memory limit."""
    if not killed(message):
        return message
    limit = int(CLASSIC_LIMITS["memory"]) // MB
    return f"{message} (killed: most likely it reached the build's memory limit of {limit} MB)"
