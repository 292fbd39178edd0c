"""`pipx install` of command-line tools."""

from __future__ import annotations

from layerlab.analysis.installs.python import Install, Kind, Site, parse_args
from layerlab.analysis.installs.requirements import (
    TOOL_PACKAGES,
    is_requirement,
    package_name,
)


def read_pipx(site: Site, words: tuple[str, ...]) -> Install | None:
    args = parse_args(words)
    if args.positionals[:1] != ["install"]:
        return None
    packages = [p for p in args.positionals[1:] if is_requirement(p)]
    if not packages:
        return None
    tools_only = {package_name(p) for p in packages} <= TOOL_PACKAGES
    return site.install(
        tool="pipx",
        action="install",
        kind=Kind.TOOL_ONLY if tools_only else Kind.PACKAGES,
        packages=tuple(packages),
    )
