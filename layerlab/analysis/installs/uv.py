"""`uv sync` and `uv pip ...` installs."""

from __future__ import annotations

from collections.abc import Mapping

from layerlab.analysis.installs.pip import read_pip
from layerlab.analysis.installs.python import (
    FLAG_ONLY,
    Args,
    Install,
    Kind,
    Site,
    env_disables_cache,
    is_true,
    lock_manifests,
    parse_args,
    project_dir,
)
from layerlab.analysis.installs.requirements import DEV_GROUP_RE


def read_uv(site: Site, words: tuple[str, ...]) -> Install | None:
    args = parse_args(words, FLAG_ONLY["uv"])
    if args.positionals[:1] == ["pip"]:
        index = words.index("pip")  # keep global options: `uv --no-cache pip install`
        return read_pip(site, "uv", words[:index] + words[index + 1 :])
    if args.positionals[:1] != ["sync"]:
        return None
    project = project_dir(site, args, "--project", "--directory")
    only_deps = args.has("--no-install-project", "--no-install-workspace")
    return site.install(
        tool="uv",
        action="sync",
        kind=Kind.DEPS,
        manifests=lock_manifests(project, "uv.lock"),
        written=("pyproject.toml", "uv.lock"),
        project=None if only_deps else project,
        dev=_uv_dev(args, site.env),
        locked=args.has("--locked", "--frozen")
        or is_true(site.env.get("UV_LOCKED"))
        or is_true(site.env.get("UV_FROZEN")),
        no_cache=args.has("--no-cache", "-n") or env_disables_cache("uv", site.env),
    )


def _uv_dev(args: Args, env: Mapping[str, str]) -> str | None:
    if args.has("--all-groups", "--only-dev", "--dev"):
        return "`--all-groups`/`--dev`" if not args.has("--only-dev") else "`--only-dev`"
    for group in args.values("--group", "--only-group") + args.values("--extra"):
        if DEV_GROUP_RE.match(group):
            return f"the `{group}` group"
    excluded = args.has("--no-dev", "--only-group", "--no-default-groups") or is_true(
        env.get("UV_NO_DEV")
    )
    if excluded or any(DEV_GROUP_RE.match(g) for g in args.values("--no-group")):
        return None
    if args.from_variables:
        return None  # `uv sync $UV_OPTIONS $group_flags`: the groups are not known here
    return "no `--no-dev`: uv installs the dev group by default"
