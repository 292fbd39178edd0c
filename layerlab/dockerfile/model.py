"""The Dockerfile model: instructions, stages and the problems the parser tolerated.

Plain records shared by lint, the cache predictor, builds and lessons; `parser.py` builds them.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field

from layerlab.once import once

KNOWN_KEYWORDS = frozenset(
    [
        "ADD",
        "ARG",
        "CMD",
        "COPY",
        "ENTRYPOINT",
        "ENV",
        "EXPOSE",
        "FROM",
        "HEALTHCHECK",
        "LABEL",
        "MAINTAINER",
        "ONBUILD",
        "RUN",
        "SHELL",
        "STOPSIGNAL",
        "USER",
        "VOLUME",
        "WORKDIR",
    ]
)

VAR_RE = re.compile(
    r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))"
)

WINDOWS_ABSOLUTE_RE = re.compile(r"[A-Za-z]:[\\/]")


class DockerfileInputError(ValueError):
    """The input cannot be read as a Dockerfile at all (too large, not UTF-8).

    `key` and `params` name LL001's message template; str() is the English message.
    """

    def __init__(self, key: str, **params: int) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        return self.message("en")

    def message(self, lang: str) -> str:
        from layerlab.lint.registry import rules_by_code  # the templates live with LL001

        return rules_by_code()["LL001"].message(self.key, self.params, lang)


@dataclass(frozen=True)
class Problem:
    """Something the parser had to tolerate; becomes a finding (LL001 or LL002)."""

    line: int
    code: str
    key: str  # the message template of the rule named by `code`
    params: dict[str, str] = field(default_factory=dict)
    hadolint: str | None = None  # the code hadolint reports for the same problem, if any


@dataclass(frozen=True)
class Flag:
    name: str
    value: str | None


@dataclass(frozen=True)
class Heredoc:
    delimiter: str
    body: str
    start_line: int  # first body line
    end_line: int  # the delimiter line (or the last line when unterminated)
    strip_tabs: bool = False


@dataclass(frozen=True, init=False)
class Instruction:
    keyword: str  # upper case
    written_keyword: str  # as typed, for casing rules
    flags: tuple[Flag, ...]
    arguments: str  # after the flags, continuations joined, comments removed
    start_line: int  # 1-based
    end_line: int  # 1-based, includes heredoc bodies
    stage: int  # -1 for ARGs before the first FROM
    text: str  # the original lines
    heredocs: tuple[Heredoc, ...] = ()

    def __init__(
        self,
        keyword: str,
        written_keyword: str,
        flags: tuple[Flag, ...],
        arguments: str,
        start_line: int,
        end_line: int,
        stage: int,
        text: str,
        heredocs: tuple[Heredoc, ...] = (),
    ) -> None:
        # Straight into the instance's dict, not a frozen setattr per field: half the time,
        # and a generated file holds tens of thousands of instructions.
        fields = vars(self)
        fields["keyword"] = keyword
        fields["written_keyword"] = written_keyword
        fields["flags"] = flags
        fields["arguments"] = arguments
        fields["start_line"] = start_line
        fields["end_line"] = end_line
        fields["stage"] = stage
        fields["text"] = text
        fields["heredocs"] = heredocs

    @property
    def known(self) -> bool:
        return self.keyword in KNOWN_KEYWORDS

    @once
    def json_args(self) -> list[str] | None:
        """The exec (JSON) form as a list, or None for the shell form."""
        stripped = self.arguments.strip()
        if not stripped.startswith("["):
            return None
        try:
            value = json.loads(stripped)
        except ValueError:
            return None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return None

    @once
    def command(self) -> str:
        """The shell text a RUN executes: shell form, exec form joined, plus heredoc bodies."""
        args = self.json_args
        text = " ".join(args) if args is not None else self.arguments
        bodies = [h.body for h in self.heredocs if self.keyword == "RUN"]
        return "\n".join([text, *bodies]) if bodies else text

    def flag(self, name: str) -> str | None:
        """The value of the last `--name=value` flag, '' for a bare `--name`, None if absent."""
        values = self.flag_values(name)
        return values[-1] if values else None

    def flag_values(self, name: str) -> list[str]:
        return [f.value or "" for f in self.flags if f.name == name]

    def mounts(self) -> list[dict[str, str]]:
        """`RUN --mount=type=cache,target=/x` options as dicts."""
        result = []
        for value in self.flag_values("mount"):
            options: dict[str, str] = {}
            for part in value.split(","):
                key, _, val = part.partition("=")
                options[key.strip()] = val.strip()
            options.setdefault("type", "bind")
            result.append(options)
        return result


@dataclass
class Stage:
    index: int
    name: str | None  # the AS name, lower-cased as Docker does
    base: str  # the image as written in FROM
    image: str  # the external image, resolved through ARGs and stage names
    parent: int | None  # index of the stage this one is built FROM, if any
    from_line: int
    instructions: list[Instruction] = field(default_factory=list)
    in_final_image: bool = False

    @property
    def label(self) -> str:
        return self.name or str(self.index)


@dataclass
class Dockerfile:
    text: str
    lines: list[str]
    directives: dict[str, str]
    global_args: dict[str, str | None]
    instructions: list[Instruction]
    stages: list[Stage]
    comments: dict[int, str]  # line -> comment text after '#'
    problems: list[Problem]
    escape: str = "\\"
    stage_names: dict[str, int] = field(default_factory=dict)  # AS name -> its first stage
    _workdirs: dict[int, int | None] = field(default_factory=dict, repr=False, compare=False)

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def stage_named(self, name: str) -> Stage | None:
        index = self.stage_names.get(name.lower())
        return None if index is None else self.stages[index]

    def stage_for_reference(self, ref: str, before: int | None = None) -> Stage | None:
        """The stage a `--from` or FROM names: by name or by index, among `stages[:before]`."""
        ref = ref.lower()
        limit = len(range(len(self.stages))[:before])
        found = [self.stage_names.get(ref, limit)]
        if is_index(ref):
            found.append(int(ref))
        first = min(found)
        return self.stages[first] if first < limit else None

    def expand(self, text: str) -> str:
        """Substitute the global ARG defaults, as Docker does for FROM."""
        return expand_vars(text, self.global_args)

    def lineage(self, stage: Stage) -> list[Stage]:
        """The stage and the stages it is built FROM, nearest first."""
        chain = [stage]
        while chain[-1].parent is not None and len(chain) <= len(self.stages):
            chain.append(self.stages[chain[-1].parent])
        return chain

    def has_workdir(self, instruction: Instruction) -> bool:
        """True when a WORKDIR comes before `instruction` in its stage or a stage it is FROM."""
        if instruction.stage < 0:
            return False
        first = self._first_workdir(instruction.stage)
        return first is not None and first < instruction.start_line

    def _first_workdir(self, index: int) -> int | None:
        """The line of the first WORKDIR in a stage or the stages it is FROM (cached)."""
        if not self._workdirs:
            for stage in self.stages:  # a parent always comes before its children
                own = (i.start_line for i in stage.instructions if i.keyword == "WORKDIR")
                inherited = self._workdirs.get(stage.parent) if stage.parent is not None else None
                self._workdirs[stage.index] = inherited or next(own, None)
        return self._workdirs.get(index)


def is_index(ref: str) -> bool:
    """`--from=1` names a stage by number (ASCII digits only, as Docker reads them)."""
    return ref.isascii() and ref.isdigit() and len(ref) < 10


def is_absolute(path: str) -> bool:
    """An absolute container path, or one Docker fills in (`$HOME/app`); Windows `C:\\` too."""
    path = path.strip("\"'")
    return path.startswith(("/", "$")) or WINDOWS_ABSOLUTE_RE.match(path) is not None


def expand_vars(text: str, values: dict[str, str | None]) -> str:
    """`$V`, `${V}`, `${V:-default}`, `${V-default}`, `${V:+alt}`, `${V+alt}` as the shell does."""

    def replace(match: re.Match[str]) -> str:
        name, word = match.group(1) or match.group(3), match.group(2)
        value = values.get(name)
        operator = _operator(match)
        if operator is None:
            return value or ""
        # With a colon, an empty value counts as unset.
        usable = value is not None and (value != "" or not operator.startswith(":"))
        if operator.endswith("-"):
            return value if usable and value is not None else word
        return word if usable else ""

    return VAR_RE.sub(replace, text)


def _operator(match: re.Match[str]) -> str | None:
    """The `:-`, `-`, `:+` or `+` of a VAR_RE match, None for a plain `$V` or `${V}`."""
    if match.group(2) is None:
        return None
    rest = match.group(0)[2 + len(match.group(1)) :]
    return rest[:2] if rest.startswith(":") else rest[:1]


def parse_arg(arguments: str) -> list[tuple[str, str | None]]:
    """`ARG A=1 B` -> [("A", "1"), ("B", None)]."""
    result = []
    for word in _shell_words(arguments):
        name, eq, default = word.partition("=")
        if name:
            result.append((name, default if eq else None))
    return result


def parse_env(arguments: str) -> list[tuple[str, str]]:
    """`ENV A=1 B="x y"` or the legacy `ENV A 1 2` -> pairs."""
    words = _shell_words(arguments)
    if words and "=" not in words[0]:
        return [(words[0], " ".join(words[1:]))]
    return [(w.partition("=")[0], w.partition("=")[2]) for w in words if "=" in w]


def _shell_words(text: str) -> list[str]:
    try:
        return shlex.split(text, posix=True)
    except ValueError:
        return text.split()
