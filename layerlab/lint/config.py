"""Configuration: `.layerlab.toml` or `[tool.layerlab]`, and inline pragmas.

```toml
ignore = ["LL207", "DL3059"]          # LayerLab codes, or hadolint codes through equivalents
failure-threshold = "warning"         # error | warning | info | style | none
[severity]
LL304 = "warning"                     # re-map a rule's level
```
Pragmas: `# layerlab ignore=LL201,LL401` on the lines just above an instruction,
`# layerlab global ignore=...` anywhere, and hadolint's `# hadolint ignore=DL3042` forms.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from layerlab.dockerfile import Dockerfile
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import rules_by_code

# The codes are a comma list; anything after them (`# reason`, words) is a comment.
PRAGMA_RE = re.compile(
    r"^\s*(layerlab|hadolint)\s+(global\s+)?ignore\s*=\s*"
    r"([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)"
)
HADOLINT_CODE_RE = re.compile(r"(DL|SC)\d{4}")  # hadolint's own codes and ShellCheck's
CONFIG_FILE = ".layerlab.toml"


class ConfigError(ValueError):
    """A configuration the user must fix; the CLI exits 2 with this message."""


@dataclass(frozen=True)
class Config:
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Level] = field(default_factory=dict)
    failure_threshold: Level | None = Level.WARNING  # None: never fail

    @classmethod
    def from_mapping(cls, data: dict[str, object], source: str) -> Config:
        known = rules_by_code()
        unknown_keys = set(data) - {"ignore", "failure-threshold", "severity"}
        if unknown_keys:
            raise ConfigError(f"{source}: unknown setting(s) {', '.join(sorted(unknown_keys))}")
        ignore = data.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(c, str) for c in ignore):
            raise ConfigError(f"{source}: 'ignore' must be a list of rule codes")
        ignore = [code.strip().upper() for code in ignore]
        for code in ignore:
            # Any hadolint or ShellCheck code is accepted: a migrated .hadolint.yaml may name
            # rules that LayerLab deliberately lacks (DL3008), and SC codes are ShellCheck's.
            if not HADOLINT_CODE_RE.fullmatch(code) and code not in known:
                raise ConfigError(f"{source}: unknown rule '{code}' in 'ignore'")
        levels = data.get("severity", {})
        if not isinstance(levels, dict):
            raise ConfigError(f'{source}: [severity] must be a table of CODE = "level"')
        severity = {}
        for code, level in levels.items():
            if code.upper() not in known:
                raise ConfigError(f"{source}: unknown rule '{code}' in [severity]")
            severity[code.upper()] = parse_level(level, f"{source}: [severity] {code}")
        threshold = data.get("failure-threshold", "warning")
        return cls(
            ignore=frozenset(ignore),
            severity=severity,
            failure_threshold=parse_threshold(threshold, f"{source}: failure-threshold"),
        )


def parse_level(value: object, where: str) -> Level:
    try:
        return Level(str(value).lower())
    except ValueError:
        raise ConfigError(f"{where}: '{value}' is not one of error, warning, info, style") from None


def parse_threshold(value: object, where: str) -> Level | None:
    return None if str(value).lower() == "none" else parse_level(value, where)


def load_config(path: str | Path | None = None, cwd: str | Path = ".") -> Config:
    """The given file, else ./.layerlab.toml, else [tool.layerlab] in ./pyproject.toml."""
    if path is not None:
        return _load_file(Path(path), explicit=True)
    for candidate in (Path(cwd) / CONFIG_FILE, Path(cwd) / "pyproject.toml"):
        if candidate.is_file():
            config = _load_file(candidate, explicit=False)
            if config is not None:
                return config
    return Config()


def _load_file(path: Path, explicit: bool) -> Config | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("layerlab") if isinstance(tool, dict) else None
        if section is None:
            return Config() if explicit else None
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.layerlab] must be a table")
        return Config.from_mapping(section, f"{path} [tool.layerlab]")
    return Config.from_mapping(data, str(path))


@dataclass(frozen=True)
class Pragmas:
    """Codes ignored for the whole file and per instruction start line."""

    global_codes: frozenset[str]
    by_line: dict[int, frozenset[str]]

    @classmethod
    def read(cls, dockerfile: Dockerfile) -> Pragmas:
        global_codes: set[str] = set()
        above: dict[int, set[str]] = {}
        for line, comment in dockerfile.comments.items():
            match = PRAGMA_RE.match(comment)
            if not match:
                continue
            codes = {c.strip().upper() for c in match.group(3).split(",")}
            if match.group(2):
                global_codes |= codes
            else:
                above[line] = codes
        by_line: dict[int, frozenset[str]] = {}
        for inst in dockerfile.instructions:
            codes: set[str] = set()
            line = inst.start_line - 1
            while line in dockerfile.comments:  # the comment block right above
                codes |= above.get(line, set())
                line -= 1
            if codes:
                for covered in range(inst.start_line, inst.end_line + 1):
                    by_line[covered] = frozenset(codes)
        return cls(frozenset(global_codes), by_line)


def is_suppressed(finding: Finding, codes: Iterable[str]) -> bool:
    """A finding is ignored by its own code or by its hadolint equivalent."""
    codes = set(codes)
    if finding.code in codes:
        return True
    if finding.hadolint is not None:
        return finding.hadolint in codes
    rule = rules_by_code().get(finding.code)
    return rule is not None and bool(codes & set(rule.hadolint))
