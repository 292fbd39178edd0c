"""Sample projects under sample_projects/: the contexts lessons and the playground lint against.

Each folder may declare itself in `layerlab.toml` (see DESIGN.md, "Sample project declaration");
a folder without one is still a usable context, titled by its name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from layerlab.context import BuildContext
from layerlab.text import Text

ROOT = Path(__file__).resolve().parent.parent / "sample_projects"
DECLARATION = "layerlab.toml"


class SampleProjectError(ValueError):
    """A sample project declaration that cannot be used; the message names the file."""


@dataclass(frozen=True)
class SampleProject:
    name: str
    root: Path
    title: Text
    dockerfile: str | None = None  # the reference solution, relative to root
    before: str | None = None
    target: str | None = None
    port: int | None = None
    probe: str | None = None
    code_files: tuple[str, ...] = ()  # [edits] code: files the code-edit run touches
    deps_swaps: tuple[tuple[str, str], ...] = ()  # [edits] deps: path -> prepared replacement

    def context(self) -> BuildContext:
        return project_context(self.root)

    def read(self, relative: str | None) -> str | None:
        if relative is None or not (self.root / relative).is_file():
            return None
        return (self.root / relative).read_text(encoding="utf-8")


@cache
def project_context(root: Path) -> BuildContext:
    """Scanned once per process: the samples do not change while the app runs."""
    return BuildContext.from_dir(root)


def load_project(root: Path) -> SampleProject:
    declaration = root / DECLARATION
    if not declaration.is_file():
        return SampleProject(name=root.name, root=root, title=Text(en=root.name, ja=root.name))
    try:
        document = tomllib.loads(declaration.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SampleProjectError(f"{declaration}: {exc}") from exc
    data, edits = document.get("project", {}), document.get("edits", {})
    title = data.get("title", {})
    if isinstance(title, str):
        title = {"en": title, "ja": title}
    project = SampleProject(
        name=root.name,
        root=root,
        title=Text(en=title.get("en", root.name), ja=title.get("ja", title.get("en", root.name))),
        dockerfile=data.get("dockerfile"),
        before=data.get("before"),
        target=data.get("target"),
        port=data.get("port"),
        probe=data.get("probe"),
        code_files=tuple(edits.get("code", ())),
        deps_swaps=tuple(edits.get("deps", {}).items()),
    )
    declared = [("dockerfile", project.dockerfile), ("before", project.before)]
    declared += [("edits.code", path) for path in project.code_files]
    declared += [("edits.deps", path) for pair in project.deps_swaps for path in pair]
    for field_name, relative in declared:
        if relative is not None and not (root / relative).is_file():
            raise SampleProjectError(f"{declaration}: {field_name} = {relative!r} does not exist")
    return project


def load_projects(root: Path = ROOT) -> dict[str, SampleProject]:
    """Every sample project by folder name, sorted."""
    if not root.is_dir():
        return {}
    return {
        folder.name: load_project(folder)
        for folder in sorted(root.iterdir())
        if folder.is_dir() and not folder.name.startswith((".", "_"))
    }
