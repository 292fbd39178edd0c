"""`pipenv install` and `pipenv sync`."""

from __future__ import annotations

from layerlab.analysis.installs.python import (
    FLAG_ONLY,
    Install,
    Kind,
    Site,
    absolute,
    is_true,
    parse_args,
)


def read_pipenv(site: Site, words: tuple[str, ...]) -> Install | None:
    args = parse_args(words, FLAG_ONLY["pipenv"])
    if args.positionals[:1] not in (["install"], ["sync"]):
        return None
    action, packages = args.positionals[0], args.positionals[1:]
    pipfile = absolute(site.env.get("PIPENV_PIPFILE", "Pipfile"), site.cwd)
    dev = args.has("--dev", "-d") or is_true(site.env.get("PIPENV_DEV"))
    dev = dev or any("dev" in c for c in args.values("--categories"))
    return site.install(
        tool="pipenv",
        action=action,
        kind=Kind.PACKAGES if packages else Kind.DEPS,
        manifests=(pipfile, pipfile + ".lock"),
        written=("Pipfile", "Pipfile.lock"),
        packages=tuple(packages),
        dev="`--dev`" if dev else None,
        locked=(action == "sync" or args.has("--deploy", "--ignore-pipfile"))
        and not args.has("--skip-lock"),
    )
