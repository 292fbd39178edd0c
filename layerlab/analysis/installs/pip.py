"""pip (pip, pip3, pip3.11, python -m pip, `uv pip`) and pip-sync installs."""

from __future__ import annotations

from collections.abc import Iterable

from layerlab.analysis.installs.python import (
    FLAG_ONLY,
    Install,
    Kind,
    Site,
    absolute,
    env_disables_cache,
    parse_args,
    project_manifests,
)
from layerlab.analysis.installs.requirements import (
    TOOL_PACKAGES,
    dev_reason,
    is_archive,
    is_project_path,
    is_requirement,
    package_name,
    strip_extras,
)


def read_pip(site: Site, tool: str, words: Iterable[str]) -> Install | None:
    args = parse_args(words, FLAG_ONLY.get(tool, frozenset()))
    if not args.positionals or args.positionals[0] not in ("install", "wheel", "download", "sync"):
        return None
    action, targets = args.positionals[0], args.positionals[1:]
    files = args.values("-r", "--requirement", "--requirements")
    constraints = args.values("-c", "--constraint", "--constraints", "--override", "--overrides")
    if action == "sync":  # uv pip sync: every operand is a requirements file
        files, targets = targets or ["requirements.txt"], []
    # pip 25.1 dependency groups: `--group [path:]name` reads pyproject.toml (here, or at path)
    groups = list(
        dict.fromkeys(
            g.rsplit(":", 1)[0] if ":" in g else "pyproject.toml" for g in args.values("--group")
        )
    )
    editables = args.values("-e", "--editable")
    projects = [t for t in targets + editables if is_project_path(t)]
    packages = [t for t in targets + editables if is_requirement(t)]
    local = [t for t in targets if is_archive(t)]
    no_deps = args.has("--no-deps", "--no-dependencies")
    written = tuple(files + constraints + groups)
    project = absolute(strip_extras(projects[0]), site.cwd) if projects else None
    names = {package_name(p) for p in packages}
    if files or groups or (projects and not no_deps):
        kind = Kind.DEPS
    elif projects:
        kind, project = Kind.PROJECT_ONLY, None
    elif packages:
        kind = Kind.TOOL_ONLY if names <= TOOL_PACKAGES else Kind.PACKAGES
    else:
        kind = Kind.LOCAL if local else Kind.OTHER
    no_cache = (
        args.has("--no-cache-dir", "--no-cache")
        or (tool == "uv" and args.has("-n"))
        or env_disables_cache(tool, site.env)
    )
    return site.install(
        tool=tool,
        action=action,
        kind=kind,
        manifests=tuple(absolute(path, site.cwd) for path in written)
        + (project_manifests(project) if project and kind is Kind.DEPS else ()),
        written=written,
        project=project if kind is Kind.DEPS else None,
        packages=tuple(packages),
        dev=dev_reason(files + constraints, projects, args.values("--group", "--extra")),
        locked=action == "sync",
        no_cache=no_cache,
        constrained=bool(constraints or files or groups) or args.has("--no-index"),
    )


def read_pip_sync(site: Site, words: tuple[str, ...]) -> Install | None:
    files = parse_args(words).positionals or ["requirements.txt"]
    return site.install(
        tool="pip-sync",
        action="sync",
        kind=Kind.DEPS,
        manifests=tuple(absolute(f, site.cwd) for f in files),
        written=tuple(files),
        dev=dev_reason(files, [], []),
        locked=True,
    )
