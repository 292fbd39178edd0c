"""Files that should never reach an image: VCS data, virtualenvs, caches, secrets."""

from __future__ import annotations

from dataclasses import dataclass, field

from layerlab.context import BuildContext

# Folder names and the .dockerignore pattern that excludes them anywhere in the context.
FOLDERS = {
    ".git": ".git",
    "__pycache__": "**/__pycache__",
    "node_modules": "**/node_modules",
    ".pytest_cache": "**/.pytest_cache",
}
VENV_NAMES = frozenset({".venv", "venv"})
MAX_PLACES = 3


@dataclass
class Clutter:
    label: str  # what it is, as shown to the user: `.git/`, `.venv/`, `*.pyc`
    pattern: str  # the line that would exclude it from the context
    places: dict[str, None] = field(default_factory=dict)  # folders or files: an ordered set

    def describe(self) -> str:
        """`__pycache__/` (src/__pycache__, tests/__pycache__, ...)."""
        places = list(self.places)
        if places == [self.label.rstrip("/")]:
            return f"`{self.label}`"
        shown = ", ".join(places[:MAX_PLACES])
        more = ", ..." if len(self.places) > MAX_PLACES else ""
        return f"`{self.label}` ({shown}{more})"


def find_clutter(context: BuildContext) -> list[Clutter]:
    """What the context holds of each kind, before .dockerignore."""
    return _scan(context.paths, _venv_folders(context.paths))


def gaps(context: BuildContext) -> list[Clutter]:
    """Clutter that still reaches the builder, with only the places .dockerignore misses."""
    return _scan(context.included, _venv_folders(context.paths))


def _scan(paths: list[str], venvs: set[str]) -> list[Clutter]:
    found: dict[str, Clutter] = {}
    folder_kinds: dict[str, tuple[str, str, str] | None] = {}  # files share folders: once each
    for path in paths:
        folder, _, name = path.rpartition("/")
        if folder not in folder_kinds:
            folder_kinds[folder] = _folder_kind(folder, venvs)
        kind = folder_kinds[folder] or _file_kind(path, name)
        if kind is None:
            continue
        label, pattern, place = kind
        found.setdefault(label, Clutter(label, pattern)).places[place] = None
    return list(found.values())


def _venv_folders(paths: list[str]) -> set[str]:
    """Folders that hold a virtualenv's pyvenv.cfg."""
    return {p.rpartition("/")[0] for p in paths if p.rpartition("/")[2] == "pyvenv.cfg"}


def _folder_kind(folder: str, venvs: set[str]) -> tuple[str, str, str] | None:
    parts = folder.split("/") if folder else []
    for depth, name in enumerate(parts, start=1):
        place = "/".join(parts[:depth])
        if name in FOLDERS:
            return f"{name}/", FOLDERS[name], place
        if name in VENV_NAMES or place in venvs:
            return f"{place}/", place, place
    return None


def _file_kind(path: str, name: str) -> tuple[str, str, str] | None:
    if name == ".env":
        return ".env", "**/.env", path
    if name.endswith(".pyc"):
        return "*.pyc", "**/*.pyc", path
    return None
