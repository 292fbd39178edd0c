"""`poetry install` and `poetry sync`."""

from __future__ import annotations

from layerlab.analysis.installs.python import (
    Args,
    Install,
    Kind,
    Site,
    lock_manifests,
    parse_args,
    project_dir,
)
from layerlab.analysis.installs.requirements import DEV_GROUP_RE


def read_poetry(site: Site, words: tuple[str, ...]) -> Install | None:
    args = parse_args(words)
    if args.positionals[:1] not in (["install"], ["sync"]):
        return None
    project = project_dir(site, args, "--directory", "-C", "--project", "-P")
    only_root = args.has("--only-root")
    return site.install(
        tool="poetry",
        action=args.positionals[0],
        kind=Kind.PROJECT_ONLY if only_root else Kind.DEPS,
        manifests=lock_manifests(project, "poetry.lock"),
        written=("pyproject.toml", "poetry.lock"),
        project=None if only_root or args.has("--no-root") else project,
        dev=None if only_root else _poetry_dev(args),
        locked=True,  # poetry installs from poetry.lock whenever it is there
    )


def _poetry_dev(args: Args) -> str | None:
    groups = [g.strip() for v in args.values("--with") for g in v.split(",")]
    if any(DEV_GROUP_RE.match(g) for g in groups):
        return f"`--with {','.join(groups)}`"
    only = [g.strip() for v in args.values("--only") for g in v.split(",")]
    if only:
        dev = [g for g in only if DEV_GROUP_RE.match(g)]
        return f"`--only {','.join(dev)}`" if dev else None
    without = [g.strip() for v in args.values("--without") for g in v.split(",")]
    if args.has("--no-dev") or any(DEV_GROUP_RE.match(g) for g in without):
        return None
    if args.from_variables:
        return None  # `poetry install $POETRY_ARGS`: the groups are not known here
    return "no `--only main`: non-optional groups such as dev are installed"
