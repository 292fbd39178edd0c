"""Package installs per tool: OS packages (`system`: apt, apt-get, aptitude, apk) and Python
installs, one reader module per tool (pip, uv, poetry, pipenv, pipx, conda)."""

from __future__ import annotations

import posixpath

from layerlab.analysis.installs.conda import read_conda
from layerlab.analysis.installs.pip import read_pip, read_pip_sync
from layerlab.analysis.installs.pipenv import read_pipenv
from layerlab.analysis.installs.pipx import read_pipx
from layerlab.analysis.installs.poetry import read_poetry
from layerlab.analysis.installs.python import Install, Kind, Site
from layerlab.analysis.installs.uv import read_uv
from layerlab.analysis.shell import PYTHON_RE, Command

__all__ = ["READERS", "Install", "Kind", "Site", "may_install", "read_install"]

READERS = {
    "uv": read_uv,
    "poetry": read_poetry,
    "pipenv": read_pipenv,
    "pip-sync": read_pip_sync,
    "pipx": read_pipx,
    "conda": read_conda,
    "mamba": read_conda,
    "micromamba": read_conda,
}


def may_install(command: Command) -> bool:
    """A cheap test before building a Site: pip, python -m, or a known tool."""
    program = command.program
    return command.pip_args is not None or program in READERS or bool(PYTHON_RE.match(program))


def read_install(site: Site) -> Install | None:
    argv = unwrap_module(site.command.argv)
    if not argv:
        return None
    program = posixpath.basename(argv[0])
    args = site.command.pip_args
    if args is not None and program != "uv":
        return read_pip(site, "pip", args)
    reader = READERS.get(program)
    return reader(site, argv[1:]) if reader else None


def unwrap_module(argv: tuple[str, ...]) -> tuple[str, ...]:
    """`python -m pipenv install` -> `pipenv install` (pip itself is left to Command.pip_args)."""
    if argv and PYTHON_RE.match(posixpath.basename(argv[0])):
        for index, word in enumerate(argv[1:-1], start=1):
            if word == "-m":
                module = {"piptools": "pip-sync"}.get(argv[index + 1], argv[index + 1])
                rest = argv[index + 2 :]
                if module == "pip-sync" and rest[:1] == ("sync",):
                    rest = rest[1:]
                return (module, *rest)
    return argv
