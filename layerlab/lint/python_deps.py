"""Python installs in RUN lines, and the state of each stage around them.

The dependency rules (LL101, LL206, LL208, LL209, LL602, LL603) all ask the same questions
of a RUN: which tool installs what, from which manifest files, with which flags. This module
reads that once: pip (pip, pip3, python -m pip, /opt/venv/bin/pip), `uv pip`, `uv sync`,
pip-sync, pipenv, poetry, pipx and conda. It also walks each stage with what it inherits
through `FROM <stage>` (WORKDIR, ENV, ARG), because a stage built on one that ran
`COPY . .` is as busted as the parent.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction, Stage, parse_arg, parse_env
from layerlab.lint.copies import Copy, copy_of
from layerlab.lint.os_packages import run_commands
from layerlab.shell import ASSIGNMENT_RE, PYTHON_RE, Command, pip_args

# Installing these changes the installer, not the application.
TOOL_PACKAGES = frozenset(
    {
        "pip",
        "setuptools",
        "wheel",
        "pipenv",
        "poetry",
        "poetry-plugin-export",
        "uv",
        "pip-tools",
        "pipx",
        "virtualenv",
        "build",
        "pdm",
        "hatch",
    }
)
BOOTSTRAP_PACKAGES = frozenset({"pip", "setuptools", "wheel"})
MANAGERS = ("pipenv", "poetry", "uv")
DEV_WORDS = r"dev|devel|develop|development|test|tests|testing|lint|linting|ci"
DEV_NAME_RE = re.compile(rf"(?:^|[-_./])(?:{DEV_WORDS})(?:[-_.]|$)", re.IGNORECASE)
DEV_GROUP_RE = re.compile(rf"^(?:{DEV_WORDS})$", re.IGNORECASE)
# Files that describe dependencies or project metadata, not code: copying them alone is
# the good pattern, so they never count as "the code".
MANIFEST_RE = re.compile(
    r"^(?:.*requirements.*|constraints.*|Pipfile(?:\.lock)?|pyproject\.toml|setup\.(?:cfg|py)"
    r"|.*\.(?:lock|txt|in|toml|cfg)|environment.*\.ya?ml|conda-lock.*|README.*|LICEN[SC]E.*"
    r"|MANIFEST\.in|\.python-version)$",
    re.IGNORECASE,
)
REQUIREMENT_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$", re.S)
VERSION_OPERATORS = ("===", "==", "~=", ">=", "<=", "!=", "<", ">", "@")
ARCHIVE_SUFFIXES = (".whl", ".tar.gz", ".tgz", ".tar.bz2", ".zip")
VCS_PREFIXES = ("git+", "hg+", "svn+", "bzr+")
SHELL_KEYWORDS = frozenset({"if", "then", "else", "elif", "do", "while", "until", "!"})
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
        text = " ".join(self.command.argv)
        return text if len(text) <= 60 else text[:57] + "..."

    @property
    def installs_dependencies(self) -> bool:
        return self.kind in (Kind.DEPS, Kind.PACKAGES)


@dataclass(frozen=True)
class Event:
    """An instruction of a stage, or of a stage it is built FROM, with the state at it."""

    instruction: Instruction
    workdir: str  # the WORKDIR in effect (after it, for a WORKDIR instruction)
    env: Mapping[str, str]  # ENV and ARG values in effect
    runtime_env: Mapping[str, str]  # ENV only: what the running container sees
    copy: Copy | None
    installs: tuple[Install, ...]


def stage_events(dockerfile: Dockerfile) -> list[tuple[Event, ...]]:
    """For each stage (by index): its events, after those of the stages it is built FROM."""
    cached = _cache.get("last")
    if cached is not None and cached[0] is dockerfile:
        return cached[1]
    result: list[tuple[Event, ...]] = []
    for stage in dockerfile.stages:
        inherited = result[stage.parent] if stage.parent is not None else ()
        result.append(inherited + tuple(_walk(stage.instructions, inherited)))
    _cache["last"] = (dockerfile, result)
    return result


_cache: dict[str, tuple[Dockerfile, list[tuple[Event, ...]]]] = {}


def runs(
    dockerfile: Dockerfile, stages: Iterable[Stage] | None = None
) -> Iterator[tuple[tuple[Event, ...], Event]]:
    """(the events before it in its stage chain, event) for each instruction of `stages`.

    Instructions of a parent stage belong to the parent: a finding there is reported once,
    not again for every stage built FROM it.
    """
    chains = stage_events(dockerfile)
    for stage in dockerfile.stages if stages is None else stages:
        chain = chains[stage.index]
        for position, event in enumerate(chain):
            if event.instruction.stage == stage.index:
                yield chain[:position], event


def _walk(instructions: Iterable[Instruction], inherited: tuple[Event, ...]) -> Iterator[Event]:
    last = inherited[-1] if inherited else None
    workdir = last.workdir if last else "/"
    runtime_env: dict[str, str] = dict(last.runtime_env) if last else {}
    args: dict[str, str] = {}
    for instruction in instructions:
        keyword = instruction.keyword
        if keyword == "WORKDIR" and instruction.arguments.strip():
            workdir = posixpath.normpath(
                posixpath.join(workdir, instruction.arguments.strip().strip("\"'"))
            )
        elif keyword == "ENV":
            runtime_env = {**runtime_env, **dict(parse_env(instruction.arguments))}
        elif keyword == "ARG":
            args = {**args, **{k: v for k, v in parse_arg(instruction.arguments) if v}}
        env = {**args, **runtime_env}
        installs = tuple(_installs(instruction, workdir, env)) if keyword == "RUN" else ()
        yield Event(instruction, workdir, env, runtime_env, copy_of(instruction), installs)


def is_true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in TRUE_WORDS


def absolute(path: str, cwd: str) -> str:
    return posixpath.normpath(posixpath.join(cwd, path))


def is_manifest_name(path: str) -> bool:
    """True for dependency files and project metadata (requirements*.txt, Pipfile, ...)."""
    return bool(MANIFEST_RE.match(posixpath.basename(path.rstrip("/")) or path))


# Reading RUN lines --------------------------------------------------------------------


def _installs(instruction: Instruction, workdir: str, env: Mapping[str, str]) -> Iterator[Install]:
    cwd = workdir
    local_env = dict(env)
    for command in map(_without_keywords, run_commands(instruction)):
        argv = command.argv
        if command.program == "cd":
            cwd = absolute(argv[1], cwd) if len(argv) > 1 and "$" not in argv[1] else cwd
            continue
        if command.program == "export":
            local_env.update(_assignments(argv[1:]))
            continue
        command_env = {**local_env, **_assignments(command.words[: len(command.words) - len(argv)])}
        command_env.update(command.env)
        install = _read(_Site(instruction, command, cwd, command_env))
        if install is not None:
            yield install


def _without_keywords(command: Command) -> Command:
    """`then pip install ...` inside if/for/while: the keyword is not the program."""
    words = command.words
    while words and words[0] in SHELL_KEYWORDS:
        words = words[1:]
    return command if words == command.words else replace(command, words=words)


def _assignments(words: Iterable[str]) -> dict[str, str]:
    return dict(w.split("=", 1) for w in words if ASSIGNMENT_RE.match(w))


@dataclass(frozen=True)
class _Site:
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


def _read(site: _Site) -> Install | None:
    argv = _unwrap_module(site.command.argv)
    if not argv:
        return None
    program = posixpath.basename(argv[0])
    args = pip_args(site.command)
    if args is not None and program != "uv":
        return _read_pip(site, "pip", args)
    reader = READERS.get(program)
    return reader(site, argv[1:]) if reader else None


def _unwrap_module(argv: tuple[str, ...]) -> tuple[str, ...]:
    """`python -m pipenv install` -> `pipenv install` (pip itself is left to pip_args)."""
    if argv and PYTHON_RE.match(posixpath.basename(argv[0])):
        for index, word in enumerate(argv[1:-1], start=1):
            if word == "-m":
                module = {"piptools": "pip-sync"}.get(argv[index + 1], argv[index + 1])
                rest = argv[index + 2 :]
                if module == "pip-sync" and rest[:1] == ("sync",):
                    rest = rest[1:]
                return (module, *rest)
    return argv


@dataclass
class _Args:
    options: list[tuple[str, str | None]]
    positionals: list[str]

    def has(self, *names: str) -> bool:
        return any(name in names for name, _ in self.options)

    def values(self, *names: str) -> list[str]:
        return [value for name, value in self.options if name in names and value is not None]


def _parse(words: Iterable[str], flag_only: frozenset[str] = frozenset()) -> _Args:
    parsed = _Args([], [])
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


def _short_cluster(word: str, parsed: _Args, flag_only: frozenset[str]) -> str | None:
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


def _read_pip(site: _Site, tool: str, words: Iterable[str]) -> Install | None:
    args = _parse(words, FLAG_ONLY.get(tool, frozenset()))
    if not args.positionals or args.positionals[0] not in ("install", "wheel", "download", "sync"):
        return None
    action, targets = args.positionals[0], args.positionals[1:]
    files = args.values("-r", "--requirement", "--requirements")
    constraints = args.values("-c", "--constraint", "--constraints", "--override", "--overrides")
    if action == "sync":  # uv pip sync: every operand is a requirements file
        files, targets = targets or ["requirements.txt"], []
    editables = args.values("-e", "--editable")
    projects = [t for t in targets + editables if _is_project_path(t)]
    packages = [t for t in targets + editables if _is_requirement(t)]
    local = [t for t in targets if _is_archive(t)]
    no_deps = args.has("--no-deps", "--no-dependencies")
    written = tuple(files + constraints)
    project = absolute(_strip_extras(projects[0]), site.cwd) if projects else None
    names = {package_name(p) for p in packages}
    if files or (projects and not no_deps):
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
        or _env_disables_cache(tool, site.env)
    )
    return site.install(
        tool=tool,
        action=action,
        kind=kind,
        manifests=tuple(absolute(path, site.cwd) for path in written)
        + (_project_manifests(project) if project and kind is Kind.DEPS else ()),
        written=written,
        project=project if kind is Kind.DEPS else None,
        packages=tuple(packages),
        dev=_pip_dev(files + constraints, projects, args.values("--group", "--extra")),
        locked=action == "sync",
        no_cache=no_cache,
        constrained=bool(constraints or files) or args.has("--no-index"),
    )


def _env_disables_cache(tool: str, env: Mapping[str, str]) -> bool:
    if tool == "uv":
        return is_true(env.get("UV_NO_CACHE"))
    # pip disables its cache for any valid boolean, false included (see pip's
    # _handle_no_cache_dir: kept that way for backwards compatibility).
    value = env.get("PIP_NO_CACHE_DIR")
    return value is not None and value.strip().lower() in TRUE_WORDS | {
        "0",
        "false",
        "f",
        "no",
        "n",
        "off",
    }


def _pip_dev(files: list[str], projects: list[str], groups: list[str]) -> str | None:
    for path in files:
        if DEV_NAME_RE.search(path):
            return f"`{path}`"
    for project in projects:
        for extra in _extras(project):
            if DEV_GROUP_RE.match(extra):
                return f"the `{extra}` extra"
    for group in groups:
        name = group.rsplit(":", 1)[-1]
        if DEV_GROUP_RE.match(name):
            return f"the `{name}` group"
    return None


def _is_project_path(word: str) -> bool:
    path = _strip_extras(word)
    if "$" in word or _is_archive(word) or "://" in word or word.startswith(VCS_PREFIXES):
        return False
    return path in (".", "..") or path.startswith(("./", "../", "/")) or "/" in path


def _is_archive(word: str) -> bool:
    return word.lower().endswith(ARCHIVE_SUFFIXES) or ("*" in word and "/" in word)


def _is_requirement(word: str) -> bool:
    if "$" in word.split("=")[0].split("@")[0]:
        return False  # a variable: nothing to read
    if _is_archive(word) and "://" not in word:
        return False
    if "://" in word or word.startswith(VCS_PREFIXES):
        return True
    return not _is_project_path(word) and bool(REQUIREMENT_RE.match(word))


def _strip_extras(word: str) -> str:
    return word.split("[", 1)[0] if word.endswith("]") else word


def _extras(word: str) -> list[str]:
    if not word.endswith("]") or "[" not in word:
        return []
    return [e.strip() for e in word[word.index("[") + 1 : -1].split(",")]


def _project_manifests(project: str) -> tuple[str, ...]:
    return tuple(posixpath.join(project, n) for n in ("pyproject.toml", "setup.py", "setup.cfg"))


def package_name(requirement: str) -> str:
    """The normalised project name of a specifier (`Flask[async]==3` -> `flask`)."""
    match = REQUIREMENT_RE.match(requirement)
    name = match.group(1) if match else requirement
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_pinned(requirement: str) -> bool:
    """True when a specifier fixes a version: ==, ~=, >=, <, ..., a URL or a VCS ref."""
    if "://" in requirement or requirement.startswith(VCS_PREFIXES):
        return _vcs_pinned(requirement)
    match = REQUIREMENT_RE.match(requirement)
    rest = match.group(3).strip() if match else ""
    return rest.startswith(VERSION_OPERATORS)


def _vcs_pinned(url: str) -> bool:
    """`git+https://host/repo.git@v1` names a ref; a plain archive URL names one file."""
    if "@" in url.split("://", 1)[0]:  # `name @ git+https://...`: look at the URL part
        url = url.split("@", 1)[1].strip()
    if not url.startswith(VCS_PREFIXES):
        return True
    path = url.split("://", 1)[-1]
    path = path.split("/", 1)[1] if "/" in path else ""
    return "@" in path.split("#", 1)[0]


def _read_uv(site: _Site, words: tuple[str, ...]) -> Install | None:
    args = _parse(words, FLAG_ONLY["uv"])
    if args.positionals[:1] == ["pip"]:
        index = words.index("pip")  # keep global options: `uv --no-cache pip install`
        return _read_pip(site, "uv", words[:index] + words[index + 1 :])
    if args.positionals[:1] != ["sync"]:
        return None
    project = _project_dir(site, args, "--project", "--directory")
    only_deps = args.has("--no-install-project", "--no-install-workspace")
    return site.install(
        tool="uv",
        action="sync",
        kind=Kind.DEPS,
        manifests=_lock_manifests(project, "uv.lock"),
        written=("pyproject.toml", "uv.lock"),
        project=None if only_deps else project,
        dev=_uv_dev(args, site.env),
        locked=args.has("--locked", "--frozen")
        or is_true(site.env.get("UV_LOCKED"))
        or is_true(site.env.get("UV_FROZEN")),
        no_cache=args.has("--no-cache", "-n") or _env_disables_cache("uv", site.env),
    )


def _project_dir(site: _Site, args: _Args, *options: str) -> str:
    """The project folder: `--directory`/`--project` when given, else where it runs."""
    return absolute(next(iter(args.values(*options)), "."), site.cwd)


def _uv_dev(args: _Args, env: Mapping[str, str]) -> str | None:
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
    return "no `--no-dev`: uv installs the dev group by default"


def _lock_manifests(project: str, lock: str) -> tuple[str, ...]:
    return (posixpath.join(project, "pyproject.toml"), posixpath.join(project, lock))


def _read_poetry(site: _Site, words: tuple[str, ...]) -> Install | None:
    args = _parse(words)
    if args.positionals[:1] not in (["install"], ["sync"]):
        return None
    project = _project_dir(site, args, "--directory", "-C", "--project", "-P")
    only_root = args.has("--only-root")
    return site.install(
        tool="poetry",
        action=args.positionals[0],
        kind=Kind.PROJECT_ONLY if only_root else Kind.DEPS,
        manifests=_lock_manifests(project, "poetry.lock"),
        written=("pyproject.toml", "poetry.lock"),
        project=None if only_root or args.has("--no-root") else project,
        dev=None if only_root else _poetry_dev(args),
        locked=True,  # poetry installs from poetry.lock whenever it is there
    )


def _poetry_dev(args: _Args) -> str | None:
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
    return "no `--only main`: non-optional groups such as dev are installed"


def _read_pipenv(site: _Site, words: tuple[str, ...]) -> Install | None:
    args = _parse(words, FLAG_ONLY["pipenv"])
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


def _read_pip_sync(site: _Site, words: tuple[str, ...]) -> Install | None:
    files = _parse(words).positionals or ["requirements.txt"]
    return site.install(
        tool="pip-sync",
        action="sync",
        kind=Kind.DEPS,
        manifests=tuple(absolute(f, site.cwd) for f in files),
        written=tuple(files),
        dev=_pip_dev(files, [], []),
        locked=True,
    )


def _read_pipx(site: _Site, words: tuple[str, ...]) -> Install | None:
    args = _parse(words)
    if args.positionals[:1] != ["install"]:
        return None
    packages = [p for p in args.positionals[1:] if _is_requirement(p)]
    if not packages:
        return None
    tools_only = {package_name(p) for p in packages} <= TOOL_PACKAGES
    return site.install(
        tool="pipx",
        action="install",
        kind=Kind.TOOL_ONLY if tools_only else Kind.PACKAGES,
        packages=tuple(packages),
    )


def _read_conda(site: _Site, words: tuple[str, ...]) -> Install | None:
    args = _parse(w for w in words if w != "env")
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
        dev=_pip_dev(files, [], []),
    )


READERS = {
    "uv": _read_uv,
    "poetry": _read_poetry,
    "pipenv": _read_pipenv,
    "pip-sync": _read_pip_sync,
    "pipx": _read_pipx,
    "conda": _read_conda,
    "mamba": _read_conda,
    "micromamba": _read_conda,
}


# Where files come from ------------------------------------------------------------------


def looks_like_file(source: str, context: BuildContext | None = None) -> bool:
    """A COPY source that names one file rather than a folder."""
    if context is not None and context.exists(source):
        return context.select(source, include_ignored=True) == [posixpath.normpath(source)]
    name = posixpath.basename(source.rstrip("/"))
    if source.endswith("/") or name in (".", ""):
        return False
    if name[:1].isupper():  # Makefile, Procfile, LICENSE: folders are rarely capitalised
        return True
    return "." in name.lstrip(".") or is_manifest_name(name) or any(ch in name for ch in "*?[")


def brings(event: Event, path: str, context: BuildContext | None) -> bool:
    """True when the COPY/ADD of `event` may put a file at the absolute `path`."""
    copy = event.copy
    if copy is None:
        return False
    destination = absolute(copy.destination, event.workdir)
    for source in copy.sources:
        if "://" in source or source.startswith("git@"):
            continue
        if looks_like_file(source, context):
            name = posixpath.basename(source)
            if _lands_at(copy, destination, event.workdir, name, path):
                return True
        elif is_inside(path, destination):
            relative = posixpath.relpath(path, destination)
            if not copy.from_context or context is None:
                return True
            if context.select(posixpath.join(source, relative)):
                return True
    return False


def _lands_at(copy: Copy, destination: str, workdir: str, name: str, path: str) -> bool:
    folder = copy.destination.endswith("/") or len(copy.sources) > 1 or destination == workdir
    if any(ch in name for ch in "*?["):
        return posixpath.dirname(path) == destination and fnmatch.fnmatchcase(
            posixpath.basename(path), name
        )
    if folder:
        return path == posixpath.join(destination, name)
    return path in (destination, posixpath.join(destination, name))


def bind_brings(event: Event, path: str) -> bool:
    """True when a bind mount on the RUN of `event` shows a file at the absolute `path`."""
    for mount in event.instruction.mounts():
        if mount.get("type") != "bind":
            continue
        target = mount.get("target") or mount.get("dst") or mount.get("destination")
        if target and is_inside(path, absolute(target, event.workdir), inclusive=True):
            return True
    return False


def is_inside(path: str, folder: str, inclusive: bool = False) -> bool:
    folder = folder.rstrip("/") or "/"
    if inclusive and path == folder:
        return True
    return path.startswith(folder if folder == "/" else folder + "/")
