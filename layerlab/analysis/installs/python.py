"""One Python install command of a RUN (`Install`), and what every tool's reader shares:
where the command runs (`Site`), option parsing, cache switches in the environment."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from layerlab.analysis.paths import absolute
from layerlab.analysis.shell import Command
from layerlab.dockerfile import Instruction

MANAGERS = ("pipenv", "poetry", "uv")


TRUE_WORDS = frozenset({"1", "true", "t", "yes", "y", "on"})


BOOL_WORDS = TRUE_WORDS | {"0", "false", "f", "no", "n", "off"}


# Options that take a value, for pip, uv, pipenv, poetry, pip-sync and conda together: the
# names barely collide, and reading one union keeps a single small parser.
VALUED = frozenset(
    {
        "-r", "--requirement", "--requirements", "-c", "--constraint", "--constraints",
        "-e", "--editable", "-t", "--target", "--platform", "--python-version",
        "--implementation", "--abi", "--root", "--prefix", "--src", "--upgrade-strategy",
        "-C", "--config-settings", "--config-setting", "--global-option", "--install-option",
        "--no-binary", "--only-binary", "--progress-bar", "--root-user-action", "--report",
        "-i", "--index-url", "--extra-index-url", "--index", "--default-index", "-f",
        "--find-links", "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--log",
        "--proxy", "--retries", "--timeout", "--exists-action", "--keyring-provider",
        "--use-feature", "--use-deprecated", "--python", "-p", "--group", "--only-group",
        "--no-group", "--extra", "--override", "--overrides", "--index-strategy",
        "--resolution", "--prerelease", "--exclude-newer", "--link-mode", "--python-platform",
        "--directory", "--project", "--config-file", "--color", "-P", "--package",
        "--no-install-package", "--upgrade-package", "--reinstall-package",
        "--refresh-package", "--allow-insecure-host", "--with", "--without", "--only", "-E",
        "--extras", "--categories", "--pypi-mirror", "--extra-pip-args", "-w", "--wheel-dir",
        "-d", "--dest", "--python-executable", "--pip-args", "--file", "-n", "--name",
        "-b", "--build-constraints",
    }
)  # fmt: skip


# `-d` is pipenv's --dev but pip download's --dest; `-n` is conda's --name but uv's
# --no-cache: read per tool below.
FLAG_ONLY = {"pipenv": frozenset({"-d"}), "uv": frozenset({"-n"})}


class Kind(StrEnum):
    DEPS = "deps"  # dependencies from manifests or a project's metadata
    PROJECT_ONLY = "project-only"  # the project itself, its dependencies installed before
    TOOL_ONLY = "tool-only"  # pip/setuptools/wheel upgrades, installing pipenv/poetry/uv
    PACKAGES = "packages"  # packages named on the command line
    LOCAL = "local"  # wheels or archives from a path (/wheels/*, dist/app.whl)
    OTHER = "other"  # nothing we can name (pip install $PACKAGES)


@dataclass(frozen=True)
class Install:
    """One Python install command of a RUN."""

    instruction: Instruction
    command: Command
    tool: str  # pip, uv, pipenv, poetry, pip-sync, pipx, conda
    action: str  # install, sync, wheel, download, env create, ...
    kind: Kind
    cwd: str  # the directory it runs in: WORKDIR, then `cd` in the RUN
    env: Mapping[str, str]  # ENV, ARG and RUN-local variables in effect
    manifests: tuple[str, ...] = ()  # absolute paths of the files it reads
    written: tuple[str, ...] = ()  # the manifest paths as written, for messages
    project: str | None = None  # a project directory installed with its dependencies
    packages: tuple[str, ...] = ()  # requirement specifiers named on the command line
    dev: str | None = None  # why it installs development dependencies, or None
    locked: bool = False  # the lock is enforced (pipenv --deploy/sync, uv --locked, pip-sync)
    no_cache: bool = False  # --no-cache-dir / --no-cache, or the tool's env var set
    constrained: bool = False  # versions come from elsewhere: -c, -r, --no-index wheels

    @property
    def text(self) -> str:
        """The command as written, shortened for messages."""
        text = self.command.shown
        return text if len(text) <= 60 else text[:57] + "..."

    @property
    def pip_by_name(self) -> bool:
        """pip run by its name (pip, pip2, pip3.11) or as `python -m pip`, not by a path:
        the calls hadolint reads as pip."""
        program = self.command.argv[0] if self.command.argv else ""
        return self.tool == "pip" and "/" not in program

    @property
    def installs_dependencies(self) -> bool:
        return self.kind in (Kind.DEPS, Kind.PACKAGES)


def is_true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in TRUE_WORDS


@dataclass(frozen=True)
class Site:
    """Where a command runs: what every reader needs to build an Install."""

    instruction: Instruction
    command: Command
    cwd: str
    env: Mapping[str, str]

    def install(self, **fields: Any) -> Install:
        return Install(
            instruction=self.instruction,
            command=self.command,
            cwd=self.cwd,
            env=self.env,
            **fields,
        )


@dataclass
class Args:
    options: list[tuple[str, str | None]]
    positionals: list[str]

    def has(self, *names: str) -> bool:
        return any(name in names for name, _ in self.options)

    def values(self, *names: str) -> list[str]:
        return [value for name, value in self.options if name in names and value is not None]

    @property
    def from_variables(self) -> bool:
        """True when a bare word is a variable (`uv sync $UV_OPTIONS`): it may hold options."""
        return any(word.startswith("$") for word in self.positionals)


def parse_args(words: Iterable[str], flag_only: frozenset[str] = frozenset()) -> Args:
    parsed = Args([], [])
    pending: str | None = None
    for word in words:
        if pending is not None:
            parsed.options.append((pending, word))
            pending = None
        elif word.startswith("--") and "=" in word:
            name, value = word.split("=", 1)
            parsed.options.append((name, value))
        elif word in VALUED and word not in flag_only:
            pending = word
        elif len(word) > 2 and word[0] == "-" and word[1] != "-":
            pending = _short_cluster(word, parsed, flag_only)
        elif word.startswith("-") and word != "-":
            parsed.options.append((word, None))
        else:
            parsed.positionals.append(word)
    return parsed


def _short_cluster(word: str, parsed: Args, flag_only: frozenset[str]) -> str | None:
    """`-qr req.txt`, `-Ur req.txt`, `-rreq.txt`: flags up to the first one taking a value.

    Returns that option when its value is the next word.
    """
    for index, letter in enumerate(word[1:], start=2):
        option = "-" + letter
        if option in VALUED and option not in flag_only:
            if index < len(word):
                parsed.options.append((option, word[index:]))
                return None
            return option
        parsed.options.append((option, None))
    return None


def project_dir(site: Site, args: Args, *options: str) -> str:
    """The project folder: `--directory`/`--project` when given, else where it runs."""
    return absolute(next(iter(args.values(*options)), "."), site.cwd)


def lock_manifests(project: str, lock: str) -> tuple[str, ...]:
    return (posixpath.join(project, "pyproject.toml"), posixpath.join(project, lock))


def project_manifests(project: str) -> tuple[str, ...]:
    return tuple(posixpath.join(project, n) for n in ("pyproject.toml", "setup.py", "setup.cfg"))


def env_disables_cache(tool: str, env: Mapping[str, str]) -> bool:
    if tool == "uv":
        return is_true(env.get("UV_NO_CACHE"))
    # pip disables its cache for any valid boolean, false included (see pip's
    # _handle_no_cache_dir: kept that way for backwards compatibility).
    value = env.get("PIP_NO_CACHE_DIR")
    return value is not None and value.strip().lower() in BOOL_WORDS
