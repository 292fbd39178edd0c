"""The build context: which files `docker build` would send, after .dockerignore.

Matching uses the Docker SDK's own .dockerignore matcher (docker.utils.build.PatternMatcher),
the same code docker-py uses to pack a context, so LayerLab never disagrees with a build
made through the SDK.
"""

from __future__ import annotations

import bisect
import fnmatch
import hashlib
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docker.utils.build import PatternMatcher

    from layerlab.analysis.compose import ComposeService

DOCKERIGNORE = ".dockerignore"


def read_dockerignore(text: str) -> list[str]:
    """Patterns as docker-py reads them: stripped, no blanks, no comments."""
    return [line.strip() for line in text.splitlines() if line.strip() and line.strip()[0] != "#"]


@dataclass
class BuildContext:
    """Files of a context by relative POSIX path; content is read lazily from `root`."""

    paths: list[str]  # every regular file, sorted, before .dockerignore
    dockerignore: list[str] | None  # patterns, None when the context has no .dockerignore
    root: Path | None = None
    contents: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def from_dir(cls, root: str | os.PathLike[str]) -> BuildContext:
        root = Path(root)
        paths = []
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            rel = os.path.relpath(folder, root)
            for name in files:
                path = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
                if os.path.isfile(os.path.join(folder, name)):
                    paths.append(path)
        ignore_file = root / DOCKERIGNORE
        patterns = (
            read_dockerignore(ignore_file.read_text(encoding="utf-8", errors="replace"))
            if ignore_file.is_file()
            else None
        )
        return cls(paths=sorted(paths), dockerignore=patterns, root=root)

    @classmethod
    def from_files(cls, files: Mapping[str, str | bytes]) -> BuildContext:
        contents = {
            path.lstrip("/"): data.encode("utf-8") if isinstance(data, str) else data
            for path, data in files.items()
        }
        patterns = (
            read_dockerignore(contents[DOCKERIGNORE].decode("utf-8", "replace"))
            if DOCKERIGNORE in contents
            else None
        )
        return cls(paths=sorted(contents), dockerignore=patterns, contents=contents)

    @cached_property
    def _matcher(self) -> PatternMatcher:
        # Imported here: the docker package (requests, urllib3) costs ~60 ms of CLI start-up.
        from docker.utils.build import PatternMatcher

        return PatternMatcher(list(self.dockerignore or []))

    def is_ignored(self, path: str) -> bool:
        """True when .dockerignore keeps `path` (a file or folder) out of the context."""
        path = posixpath.normpath(path.lstrip("/")) if path.strip("/.") else "."
        if path == "." or not self.dockerignore:
            return False
        parts = path.split("/")
        # The SDK's walk skips a matched folder unless an exception pattern may re-include
        # something in it; `matches` alone misses deep files under `**/name` folders.
        if any(self._skips_folder("/".join(parts[:depth])) for depth in range(1, len(parts))):
            return True
        return bool(self._matcher.matches(path))

    def _skips_folder(self, folder: str) -> bool:
        if folder not in self._skipped:
            self._skipped[folder] = self._matcher.matches(folder) and not any(
                pattern.exclusion and pattern.cleaned_pattern.startswith(folder)
                for pattern in self._matcher.patterns
            )
        return self._skipped[folder]

    @cached_property
    def _skipped(self) -> dict[str, bool]:
        return {}

    @cached_property
    def included(self) -> list[str]:
        """The files a build receives."""
        return [p for p in self.paths if not self.is_ignored(p)]

    @cached_property
    def compose_services(self) -> tuple[ComposeService, ...]:
        """The services its Compose files build from its Dockerfiles, read once per context."""
        from layerlab.analysis.compose import compose_services  # it reads BuildContext

        return compose_services(self)

    def with_contents(self, changes: Mapping[str, bytes]) -> BuildContext:
        """A copy in which `changes` replace (or add) files; the folder on disk is untouched."""
        return BuildContext(
            paths=sorted(set(self.paths) | set(changes)),
            dockerignore=self.dockerignore,
            root=self.root,
            contents={**self.contents, **changes},
        )

    def read(self, path: str) -> bytes:
        if path in self.contents:
            return self.contents[path]
        return self._on_disk(path).read_bytes()

    def size(self, path: str) -> int:
        """Bytes in `path`, without reading it."""
        if path in self.contents:
            return len(self.contents[path])
        return self._on_disk(path).stat().st_size

    def _on_disk(self, path: str) -> Path:
        if self.root is None:
            raise FileNotFoundError(path)
        return self.root / path

    def checksum(self, path: str) -> str:
        return hashlib.sha256(self.read(path)).hexdigest()

    def exists(self, source: str) -> bool:
        """True when a COPY source names something in the context, ignored or not."""
        return bool(self.select(source, include_ignored=True))

    def select(self, source: str, include_ignored: bool = False) -> list[str]:
        """The files a COPY/ADD source selects: a file, a folder's files, or a glob."""
        files = self.paths if include_ignored else self.included
        pattern = posixpath.normpath(source.lstrip("/")) if source.strip("/.") else "."
        if pattern == ".":
            return list(files)
        if any(ch in pattern for ch in "*?["):
            hits = []
            for path in files:
                parts = path.split("/")
                depth = pattern.count("/") + 1
                head = "/".join(parts[:depth])
                if len(parts) >= depth and fnmatch.fnmatchcase(head, pattern):
                    hits.append(path)
            return hits
        # `files` is sorted: everything starting with `pattern` follows it.
        hits = []
        for path in files[bisect.bisect_left(files, pattern) :]:
            if not path.startswith(pattern):
                break
            if path == pattern or path.startswith(pattern + "/"):
                hits.append(path)
        return hits
