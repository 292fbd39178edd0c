"""The Dockerfile model: text in, instructions and stages out.

dockerfile-parse splits instructions, but it has traps (see notes/stack.md): no heredocs,
a trailing continuation at end of file is dropped, a blank line inside a continuation starts
a bogus instruction, comments come back out of order and a BOM is kept. A line scan here
finds those first, hands dockerfile-parse a sanitised copy with the same line numbers, and
records each trap as a problem (LL001/LL002) instead of failing.
"""

from __future__ import annotations

import io
import json
import re
import shlex
from dataclasses import dataclass, field, replace

from dockerfile_parse import DockerfileParser

MAX_BYTES = 256 * 1024

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
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
DIRECTIVE_RE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$")
HEREDOC_RE = re.compile(r"(?<!<)<<(-?)\s*([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)\2")
FLAG_RE = re.compile(r"--([A-Za-z][A-Za-z0-9-]*)(?:=(\S*))?")
VAR_RE = re.compile(
    r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))"
)


class DockerfileInputError(ValueError):
    """The input cannot be read as a Dockerfile at all (too large, not UTF-8)."""


@dataclass(frozen=True)
class Problem:
    """Something the parser had to tolerate; becomes a finding (LL001 or LL002)."""

    line: int
    code: str
    message: str


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


@dataclass(frozen=True)
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

    @property
    def known(self) -> bool:
        return self.keyword in KNOWN_KEYWORDS

    @property
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

    @property
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

    @property
    def final_stage(self) -> Stage | None:
        return self.stages[-1] if self.stages else None

    def stage_named(self, name: str) -> Stage | None:
        for stage in self.stages:
            if stage.name == name.lower():
                return stage
        return None

    def stage_for_reference(self, ref: str, before: int | None = None) -> Stage | None:
        """The stage a `--from` or FROM names: by name or by index."""
        ref = ref.lower()
        for stage in self.stages[:before]:
            if stage.name == ref or (ref.isdigit() and int(ref) == stage.index):
                return stage
        return None

    def expand(self, text: str) -> str:
        """Substitute the global ARG defaults, as Docker does for FROM."""
        return expand_vars(text, self.global_args)


def expand_vars(text: str, values: dict[str, str | None]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(3)
        value = values.get(name)
        if value is None:
            default = match.group(2)
            return default if default is not None and ":-" in match.group(0) else ""
        return value

    return VAR_RE.sub(replace, text)


def decode(data: bytes) -> str:
    """Bytes to text, with the one clear error a learner or CI needs."""
    if len(data) > MAX_BYTES:
        raise DockerfileInputError(
            f"the file is {len(data) // 1024} KB; LayerLab reads Dockerfiles up to "
            f"{MAX_BYTES // 1024} KB"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DockerfileInputError(f"line {line}: the file is not UTF-8 text") from exc


def parse(text: str) -> Dockerfile:
    """Parse Dockerfile text; never raises for content, only for size (DockerfileInputError)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise DockerfileInputError(f"the file is larger than {MAX_BYTES // 1024} KB")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    scan = _scan(text)
    instructions = _instructions(scan)
    stages, global_args = _stages(instructions, scan.problems)
    return Dockerfile(
        text=text,
        lines=scan.lines,
        directives=scan.directives,
        global_args=global_args,
        instructions=instructions,
        stages=stages,
        comments=scan.comments,
        problems=sorted(scan.problems, key=lambda p: (p.line, p.code)),
        escape=scan.escape,
    )


@dataclass
class _Logical:
    start: int  # 0-based
    end: int  # 0-based, the last continuation line
    heredocs: list[Heredoc] = field(default_factory=list)
    body_end: int = -1  # 0-based last heredoc line


@dataclass
class _Scan:
    lines: list[str]
    sanitised: list[str]
    logical: list[_Logical]
    comments: dict[int, str]
    directives: dict[str, str]
    problems: list[Problem]
    escape: str


def _scan(text: str) -> _Scan:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sanitised = list(lines)
    comments: dict[int, str] = {}
    problems: list[Problem] = []
    directives, escape = _directives(lines)
    logical: list[_Logical] = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            if stripped:
                comments[i + 1] = stripped[1:].strip()
            i += 1
            continue
        current = _Logical(start=i, end=i)
        joined = [lines[i]]
        while _continues(lines[current.end], escape):
            nxt = current.end + 1
            while nxt < len(lines) and (
                not lines[nxt].strip() or lines[nxt].lstrip().startswith("#")
            ):
                if not lines[nxt].strip():
                    if _has_more_content(lines, nxt):
                        problems.append(
                            Problem(nxt + 1, "LL002", "empty line inside a continuation")
                        )
                    sanitised[nxt] = "#"  # keep dockerfile-parse from splitting here
                else:
                    comments[nxt + 1] = lines[nxt].strip()[1:].strip()
                nxt += 1
            if nxt >= len(lines):
                problems.append(
                    Problem(
                        current.end + 1,
                        "LL001",
                        f"the line ends with a continuation '{escape}' but the file ends here",
                    )
                )
                sanitised[current.end] = _drop_escape(sanitised[current.end], escape)
                for blank in range(current.end + 1, len(lines)):
                    sanitised[blank] = ""
                break
            current.end = nxt
            joined.append(lines[nxt])
        i = current.end + 1
        keyword = stripped.split(None, 1)[0].upper() if stripped else ""
        if keyword in HEREDOC_KEYWORDS:
            i = _read_heredocs(" ".join(joined), current, lines, sanitised, problems)
        logical.append(current)
    return _Scan(lines, sanitised, logical, comments, directives, problems, escape)


def _directives(lines: list[str]) -> tuple[dict[str, str], str]:
    """Parser directives: `# key=value` lines at the very top, before anything else."""
    directives: dict[str, str] = {}
    for line in lines:
        match = DIRECTIVE_RE.match(line.strip())
        if not match or match.group(1).lower() in directives:
            break
        directives[match.group(1).lower()] = match.group(2)
    escape = directives.get("escape", "\\")
    return directives, escape if escape in ("\\", "`") else "\\"


def _continues(line: str, escape: str) -> bool:
    return line.rstrip().endswith(escape) and not line.lstrip().startswith("#")


def _drop_escape(line: str, escape: str) -> str:
    stripped = line.rstrip()
    return stripped[: -len(escape)] if stripped.endswith(escape) else line


def _has_more_content(lines: list[str], index: int) -> bool:
    return any(line.strip() for line in lines[index + 1 :])


def _read_heredocs(
    joined: str,
    current: _Logical,
    lines: list[str],
    sanitised: list[str],
    problems: list[Problem],
) -> int:
    """Consume the heredoc bodies that follow an instruction; return the next line index."""
    i = current.end + 1
    for match in HEREDOC_RE.finditer(joined):
        strip_tabs, delimiter = match.group(1) == "-", match.group(3)
        body_start = i
        while i < len(lines):
            candidate = lines[i].lstrip("\t") if strip_tabs else lines[i]
            if candidate.rstrip() == delimiter:
                break
            i += 1
        terminated = i < len(lines)
        body_lines = lines[body_start:i]
        if strip_tabs:
            body_lines = [line.lstrip("\t") for line in body_lines]
        end = i if terminated else len(lines) - 1
        for blank in range(body_start, min(end + 1, len(lines))):
            sanitised[blank] = ""
        if not terminated:
            problems.append(
                Problem(
                    current.start + 1,
                    "LL001",
                    f"the heredoc <<{delimiter} is never closed: no line '{delimiter}' follows",
                )
            )
        current.heredocs.append(
            Heredoc(delimiter, "\n".join(body_lines), body_start + 1, end + 1, strip_tabs)
        )
        current.body_end = end
        i = end + 1
    return i


def _instructions(scan: _Scan) -> list[Instruction]:
    parsed = _dockerfile_parse(scan.sanitised)
    result = []
    for item in scan.logical:
        raw_lines = scan.lines[item.start : item.end + 1]
        first = raw_lines[0].strip()
        written = re.split(r"\s", first, maxsplit=1)[0]
        keyword, value = parsed.get(item.start, (written.upper(), ""))
        if not keyword.isalpha() or keyword.upper() != written.upper():
            keyword, value = written.upper(), _join_value(scan, item)
        flags, arguments = _split_flags(value)
        end = max(item.end, item.body_end)
        result.append(
            Instruction(
                keyword=keyword,
                written_keyword=written,
                flags=flags,
                arguments=arguments,
                start_line=item.start + 1,
                end_line=end + 1,
                stage=-1,
                text="\n".join(scan.lines[item.start : end + 1]),
                heredocs=tuple(item.heredocs),
            )
        )
    return result


def _dockerfile_parse(sanitised: list[str]) -> dict[int, tuple[str, str]]:
    """Instruction and value by 0-based start line, from dockerfile-parse."""
    data = ("\n".join(sanitised) + "\n").encode("utf-8", "surrogatepass")
    structure = DockerfileParser(fileobj=io.BytesIO(data)).structure
    return {
        entry["startline"]: (entry["instruction"], entry["value"])
        for entry in structure
        if entry["instruction"] != "COMMENT"
    }


def _join_value(scan: _Scan, item: _Logical) -> str:
    """Fallback for lines dockerfile-parse does not return: join them ourselves."""
    parts = []
    for index in range(item.start, item.end + 1):
        line = scan.sanitised[index]
        if line.lstrip().startswith("#"):
            continue
        parts.append(_drop_escape(line, scan.escape))
    joined = "".join(parts).strip()
    return joined.split(None, 1)[1] if len(joined.split(None, 1)) > 1 else ""


def _split_flags(value: str) -> tuple[tuple[Flag, ...], str]:
    flags = []
    rest = value.lstrip()
    while rest.startswith("--"):
        match = FLAG_RE.match(rest)
        if not match or (match.end() < len(rest) and not rest[match.end()].isspace()):
            break
        flags.append(Flag(match.group(1).lower(), match.group(2)))
        rest = rest[match.end() :].lstrip()
    return tuple(flags), rest


def _stages(
    instructions: list[Instruction], problems: list[Problem]
) -> tuple[list[Stage], dict[str, str | None]]:
    """Assign instructions to stages; resolve bases through ARGs and stage names."""
    stages: list[Stage] = []
    global_args: dict[str, str | None] = {}
    for index, inst in enumerate(instructions):
        if not inst.known:
            problems.append(
                Problem(inst.start_line, "LL001", f"unknown instruction '{inst.written_keyword}'")
            )
        if inst.keyword == "FROM":
            stages.append(_new_stage(inst, len(stages), stages, global_args, problems))
        elif not stages and inst.keyword == "ARG":
            for name, default in parse_arg(inst.arguments):
                global_args[name] = default
        elif not stages and inst.known:
            problems.append(
                Problem(
                    inst.start_line,
                    "LL001",
                    f"{inst.keyword} comes before the first FROM; only ARG may",
                )
            )
        stage_index = len(stages) - 1
        if stage_index != inst.stage:
            inst = _with_stage(inst, stage_index)
            instructions[index] = inst
        if stages:
            stages[-1].instructions.append(inst)
    _mark_final(stages)
    return stages, global_args


def _with_stage(inst: Instruction, stage: int) -> Instruction:
    return replace(inst, stage=stage)


def _new_stage(
    inst: Instruction,
    index: int,
    stages: list[Stage],
    global_args: dict[str, str | None],
    problems: list[Problem],
) -> Stage:
    words = inst.arguments.split()
    if not words:
        problems.append(Problem(inst.start_line, "LL001", "FROM needs an image"))
    base = words[0] if words else ""
    name = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
    resolved = expand_vars(base, global_args)
    parent = None
    image = resolved
    for earlier in stages:
        if earlier.name is not None and earlier.name == resolved.lower():
            parent, image = earlier.index, earlier.image
    return Stage(
        index=index, name=name, base=base, image=image, parent=parent, from_line=inst.start_line
    )


def _mark_final(stages: list[Stage]) -> None:
    current = stages[-1] if stages else None
    while current is not None and not current.in_final_image:
        current.in_final_image = True
        current = stages[current.parent] if current.parent is not None else None


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
