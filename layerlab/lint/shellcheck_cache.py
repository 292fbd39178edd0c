"""A folder of ShellCheck answers keyed by what decides them, for the command line.

ShellCheck's answer for a script depends only on the script, the options and the binary, so
the CLI keeps each answer under a digest of the three (like ruff's and mypy's caches): a
second run over unchanged Dockerfiles starts no shellcheck process. The binary is identified
by its path, size and modification time, so an upgrade misses the cache. The app does not
use it: the playground's texts change with every edit and a shared host should not grow a
folder per learner.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

Items = list[dict[str, object]]  # shellcheck's json1 comments for one script, without "file"


def default_folder() -> Path:
    """$LAYERLAB_CACHE_DIR, else $XDG_CACHE_HOME/layerlab, else ~/.cache/layerlab."""
    explicit = os.environ.get("LAYERLAB_CACHE_DIR")
    if explicit:
        return Path(explicit) / "shellcheck"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "layerlab" / "shellcheck"


class AnswerCache:
    def __init__(self, folder: Path, binary: str, options: list[str]) -> None:
        self.folder = folder
        try:
            stat = Path(binary).stat()
            stamp = f"{binary}\0{stat.st_size}\0{stat.st_mtime_ns}"
        except OSError:
            stamp = binary
        self._prefix = (stamp + "\0" + " ".join(options) + "\0").encode("utf-8")

    def key(self, script: str) -> str:
        return hashlib.sha256(self._prefix + script.encode("utf-8")).hexdigest()

    def get(self, key: str) -> Items | None:
        try:
            value = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, list) else None

    def put(self, key: str, items: Items) -> None:
        """Best effort: a cache that cannot be written only costs time."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(items), encoding="utf-8")
            partial.replace(path)  # atomic: a parallel run never reads half a file
        except OSError:
            pass

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.json"
