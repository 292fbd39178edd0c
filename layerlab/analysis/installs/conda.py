"""`conda`/`mamba`/`micromamba` installs from environment files."""

from __future__ import annotations

from layerlab.analysis.installs.python import Install, Kind, Site, absolute, parse_args
from layerlab.analysis.installs.requirements import dev_reason


def read_conda(site: Site, words: tuple[str, ...]) -> Install | None:
    args = parse_args(w for w in words if w != "env")
    if args.positionals[:1] not in (["create"], ["update"], ["install"]):
        return None
    files = args.values("-f", "--file")
    if not files and "env" in words and args.positionals[0] != "install":
        files = ["environment.yml"]
    if not files:
        return None
    return site.install(
        tool="conda",
        action=args.positionals[0],
        kind=Kind.DEPS,
        manifests=tuple(absolute(f, site.cwd) for f in files),
        written=tuple(files),
        dev=dev_reason(files, [], []),
    )
