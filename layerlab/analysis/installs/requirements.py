"""What pip-style requirement specifiers and paths say: names, pins, projects, dev files."""

from __future__ import annotations

import posixpath
import re

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


def is_manifest_name(path: str) -> bool:
    """True for dependency files and project metadata (requirements*.txt, Pipfile, ...)."""
    return bool(MANIFEST_RE.match(posixpath.basename(path.rstrip("/")) or path))


def dev_reason(files: list[str], projects: list[str], groups: list[str]) -> str | None:
    for path in files:
        if DEV_NAME_RE.search(path):
            return f"`{path}`"
    for project in projects:
        for extra in extras(project):
            if DEV_GROUP_RE.match(extra):
                return f"the `{extra}` extra"
    for group in groups:
        name = group.rsplit(":", 1)[-1]
        if DEV_GROUP_RE.match(name):
            return f"the `{name}` group"
    return None


def is_project_path(word: str) -> bool:
    path = strip_extras(word)
    if "$" in word or is_archive(word) or "://" in word or word.startswith(VCS_PREFIXES):
        return False
    return path in (".", "..") or path.startswith(("./", "../", "/")) or "/" in path


def is_archive(word: str) -> bool:
    return word.lower().endswith(ARCHIVE_SUFFIXES) or ("*" in word and "/" in word)


def is_requirement(word: str) -> bool:
    if "$" in word.split("=")[0].split("@")[0]:
        return False  # a variable: nothing to read
    if is_archive(word) and "://" not in word:
        return False
    if "://" in word or word.startswith(VCS_PREFIXES):
        return True
    return not is_project_path(word) and bool(REQUIREMENT_RE.match(word))


def strip_extras(word: str) -> str:
    return word.split("[", 1)[0] if word.endswith("]") else word


def extras(word: str) -> list[str]:
    if not word.endswith("]") or "[" not in word:
        return []
    return [e.strip() for e in word[word.index("[") + 1 : -1].split(",")]


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
