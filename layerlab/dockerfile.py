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
import math
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
DIRECTIVE_RE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
# Directives BuildKit knows; any other `# key=value` line ends the directive block.
KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
# BuildKit matches heredocs per shell word: `<<EOF`, `<<-EOF`, `3<<'EOF'`, `<< EOF`.
HEREDOC_WORD_RE = re.compile(r"^\d*<<(-?)\s*([^<]*)$")
HEREDOC_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
FLAG_RE = re.compile(r"--([A-Za-z][A-Za-z0-9-]*)(?:=(\S*))?")
VAR_RE = re.compile(
    r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))"
)


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
    _workdirs: dict[int, int | None] = field(default_factory=dict, repr=False, compare=False)

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
            if stage.name == ref or (is_index(ref) and int(ref) == stage.index):
                return stage
        return None

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
    return path.startswith(("/", "$")) or re.match(r"^[A-Za-z]:[\\/]", path) is not None


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


def _too_large(size: int) -> DockerfileInputError:
    return DockerfileInputError(
        "too_large", size_kb=math.ceil(size / 1024), max_kb=MAX_BYTES // 1024
    )


def _check_size(text: str) -> str:
    """The text, if its UTF-8 form fits; lone surrogates (not UTF-8) become U+FFFD."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise _too_large(size)
    return text


def decode(data: bytes) -> str:
    """Bytes to text, with the one clear error a learner or CI needs."""
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DockerfileInputError("not_utf8", line=line) from exc


def parse(text: str) -> Dockerfile:
    """Parse Dockerfile text; never raises for content, only for size (DockerfileInputError)."""
    text = _check_size(text).removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
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
    scan = _Scan(lines, list(lines), [], {}, {}, [], "\\")
    scan.directives, scan.escape = _directives(lines, scan.problems)
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped or stripped.startswith("#"):
            if stripped:
                scan.comments[i + 1] = stripped[1:].strip()
            i += 1
            continue
        current = _Logical(start=i, end=i)
        joined = _read_continuation(scan, current)
        i = current.end + 1
        if _may_hold_heredoc(joined):
            i = _read_heredocs(joined, current, scan)
        scan.logical.append(current)
    return scan


def _read_continuation(scan: _Scan, current: _Logical) -> str:
    """Extend `current` over its `\\` continuation lines; return the joined text."""
    lines, escape = scan.lines, scan.escape
    parts = [lines[current.start]]
    while _continues(lines[current.end], escape):
        parts[-1] = _drop_escape(parts[-1], escape)
        nxt, blanks = current.end + 1, []
        while nxt < len(lines) and _is_blank_or_comment(lines[nxt]):
            if lines[nxt].strip():
                scan.comments[nxt + 1] = lines[nxt].strip()[1:].strip()
            else:
                blanks.append(nxt)
                scan.sanitised[nxt] = "#"  # keep dockerfile-parse from splitting here
            nxt += 1
        if nxt >= len(lines):
            _continuation_at_eof(scan, current)
            break
        scan.problems.extend(Problem(blank + 1, "LL002", "blank_line") for blank in blanks)
        current.end = nxt
        parts.append(lines[nxt])
    return "".join(parts)


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _continuation_at_eof(scan: _Scan, current: _Logical) -> None:
    """Docker would silently end the instruction; we keep it and report the dangling escape."""
    problem = Problem(current.end + 1, "LL001", "continuation_at_eof", {"escape": scan.escape})
    scan.problems.append(problem)
    scan.sanitised[current.end] = _drop_escape(scan.sanitised[current.end], scan.escape)
    for blank in range(current.end + 1, len(scan.lines)):
        scan.sanitised[blank] = ""


def _directives(lines: list[str], problems: list[Problem]) -> tuple[dict[str, str], str]:
    """Parser directives: known `# key=value` lines at the very top, as BuildKit reads them."""
    directives: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        match = DIRECTIVE_RE.match(line.lstrip())
        key = match.group(1).lower() if match else ""
        if key not in KNOWN_DIRECTIVES:
            break
        if key in directives:
            problems.append(Problem(number, "LL001", "repeated_directive", {"directive": key}))
            break
        directives[key] = match.group(2)
        if key == "escape" and match.group(2) not in ("\\", "`"):
            params = {"escape": repr(match.group(2))}
            problems.append(Problem(number, "LL001", "bad_escape", params))
    escape = directives.get("escape", "\\")
    return directives, escape if escape in ("\\", "`") else "\\"


def _continues(line: str, escape: str) -> bool:
    return line.rstrip().endswith(escape) and not line.lstrip().startswith("#")


def _drop_escape(line: str, escape: str) -> str:
    stripped = line.rstrip()
    return stripped[: -len(escape)] if stripped.endswith(escape) else line


def _may_hold_heredoc(joined: str) -> bool:
    """RUN, COPY and ADD (also after ONBUILD) take heredocs; `<<` must appear at all."""
    if "<<" not in joined:
        return False
    words = joined.split(None, 2)
    keyword = words[0].upper() if words else ""
    if keyword == "ONBUILD" and len(words) > 1:
        keyword = words[1].upper()
    return keyword in HEREDOC_KEYWORDS


def _heredoc_words(line: str) -> list[str]:
    """Shell words with quotes kept, as BuildKit splits a line to find heredocs.

    A quoted `"<<EOF"` stays one word with its quotes, so it is no heredoc; `<< EOF` (with
    spaces) is one word, so it is one.
    """
    words: list[str] = []
    current: list[str] = []
    quote = ""
    i = 0
    while i < len(line):
        char = line[i]
        step = 1
        if quote:
            if char == "\\" and quote == '"':
                step = 2
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "\\":
            step = 2
        elif char.isspace():
            if current:
                words.append("".join(current))
                current = []
            i += 1
            continue
        elif line.startswith("<<", i):
            step = 2
            while i + step < len(line) and line[i + step] in " \t":
                step += 1
        current.append(line[i : i + step])
        i += step
    if current:
        words.append("".join(current))
    return words


def _heredoc_marker(word: str) -> tuple[str, bool] | None:
    """(delimiter, strip_tabs) for a heredoc word such as `<<-'EOF'`, else None."""
    match = HEREDOC_WORD_RE.match(word)
    if not match:
        return None
    try:
        names = shlex.split(match.group(2))
    except ValueError:
        return None
    # BuildKit takes any single word; a name-like one keeps `$((1 << 2))` from swallowing
    # the rest of the file as a heredoc body.
    if len(names) != 1 or not HEREDOC_NAME_RE.match(names[0]):
        return None
    return names[0], match.group(1) == "-"


def _read_heredocs(joined: str, current: _Logical, scan: _Scan) -> int:
    """Consume the heredoc bodies that follow an instruction; return the next line index."""
    lines = scan.lines
    i = current.end + 1
    for word in _heredoc_words(joined):
        marker = _heredoc_marker(word)
        if marker is None:
            continue
        delimiter, strip_tabs = marker
        body_start = i
        # BuildKit compares the whole line; <<- only lets it strip leading tabs first.
        while i < len(lines) and (lines[i].lstrip("\t") if strip_tabs else lines[i]) != delimiter:
            i += 1
        terminated = i < len(lines)
        body_lines = lines[body_start:i]
        if strip_tabs:
            body_lines = [line.lstrip("\t") for line in body_lines]
        end = i if terminated else len(lines) - 1
        for blank in range(body_start, end + 1):
            scan.sanitised[blank] = ""
        if not terminated:
            params = {"delimiter": delimiter}
            scan.problems.append(Problem(current.start + 1, "LL001", "open_heredoc", params))
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
        written = scan.lines[item.start].split(None, 1)[0]
        # Docker matches keywords in ASCII only: `ſtopsignal` is no STOPSIGNAL.
        keyword = written.upper() if written.isascii() else written
        value = parsed.get((item.start, item.end, keyword))
        if value is None:  # dockerfile-parse saw this instruction differently: join it here
            value = _join_value(scan, item)
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


def _dockerfile_parse(sanitised: list[str]) -> dict[tuple[int, int, str], str]:
    """Values by (0-based start line, end line, instruction), from dockerfile-parse."""
    data = ("\n".join(sanitised) + "\n").encode("utf-8")
    structure = DockerfileParser(fileobj=io.BytesIO(data)).structure
    return {
        (entry["startline"], entry["endline"], entry["instruction"]): entry["value"]
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
    named: dict[str, Stage] = {}
    global_args: dict[str, str | None] = {}
    for index, inst in enumerate(instructions):
        if not inst.known:
            problems.append(
                Problem(
                    inst.start_line,
                    "LL001",
                    "unknown_instruction",
                    {"instruction": inst.written_keyword},
                    hadolint="DL1000",
                )
            )
        if inst.keyword == "FROM":
            stage = _new_stage(inst, len(stages), named, global_args, problems)
            stages.append(stage)
            if stage.name is not None:
                named.setdefault(stage.name, stage)  # Docker refuses duplicates; keep the first
        elif not stages and inst.keyword == "ARG":
            for name, default in parse_arg(inst.arguments):
                global_args[name] = default
        elif not stages and inst.known:
            problems.append(
                Problem(
                    inst.start_line,
                    "LL001",
                    "before_from",
                    {"instruction": inst.keyword},
                    hadolint="DL3061",
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
    named: dict[str, Stage],
    global_args: dict[str, str | None],
    problems: list[Problem],
) -> Stage:
    words = inst.arguments.split()
    if not words:
        problems.append(Problem(inst.start_line, "LL001", "from_without_image"))
    base = words[0] if words else ""
    name = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
    resolved = expand_vars(base, global_args)
    earlier = named.get(resolved.lower())
    parent, image = (earlier.index, earlier.image) if earlier else (None, resolved)
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
