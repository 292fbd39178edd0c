"""Dockerfile text in, the model (`model.py`) out, in one scan over the lines.

The scan finds what dockerfile-parse gets wrong (see notes/stack.md): heredocs, a trailing
continuation at end of file (dropped there), a blank line inside a continuation (a bogus
instruction there), comments out of order, a BOM. Each trap becomes a problem (LL001/LL002)
instead of a failure. It joins each instruction's lines itself: dockerfile-parse gave the same
values on every instruction of tests/corpus, at a third of the parse time.
"""

from __future__ import annotations

import math
import re
import shlex
from dataclasses import dataclass, replace

from layerlab.dockerfile.model import (
    Dockerfile,
    DockerfileInputError,
    Flag,
    Heredoc,
    Instruction,
    Problem,
    Stage,
    expand_vars,
    parse_arg,
)

MAX_BYTES = 256 * 1024
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
DIRECTIVE_RE = re.compile(r"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$")
# Directives BuildKit knows; any other `# key=value` line ends the directive block.
KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
# BuildKit matches heredocs per shell word: `<<EOF`, `<<-EOF`, `3<<'EOF'`, `<< EOF`.
HEREDOC_WORD_RE = re.compile(r"^\d*<<(-?)\s*([^<]*)$")
HEREDOC_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
FLAG_RE = re.compile(r"--([A-Za-z][A-Za-z0-9-]*)(?:=(\S*))?")


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
    if len(data) > MAX_BYTES:  # maybe read only up to the cap: its size is not known
        raise DockerfileInputError("over_cap", max_kb=MAX_BYTES // 1024)
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
    names: dict[str, int] = {}
    for stage in stages:
        if stage.name is not None:
            names.setdefault(stage.name, stage.index)
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
        stage_names=names,
    )


@dataclass(slots=True)
class _Logical:
    start: int  # 0-based
    end: int  # 0-based, the last continuation line
    # A tuple, not a list per line: most instructions have none, and a file has tens of thousands.
    heredocs: tuple[Heredoc, ...] = ()
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
        current = _Logical(i, i)  # positional: once per instruction
        # Most instructions are one line: no continuation to read.
        joined = _read_continuation(scan, current) if stripped.endswith(scan.escape) else lines[i]
        i = current.end + 1
        if "<<" in joined and _may_hold_heredoc(joined):
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
                scan.sanitised[nxt] = "#"  # joined like a comment line: left out of the value
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
        heredoc = Heredoc(delimiter, "\n".join(body_lines), body_start + 1, end + 1, strip_tabs)
        current.heredocs += (heredoc,)
        current.body_end = end
        i = end + 1
    return i


def _instructions(scan: _Scan) -> list[Instruction]:
    result = []
    stage = -1
    lines, escape = scan.lines, scan.escape
    for item in scan.logical:
        start = item.start
        words = lines[start].split(None, 1)
        written = words[0]
        # Docker matches keywords in ASCII only: `ſtopsignal` is no STOPSIGNAL.
        keyword = written.upper() if written.isascii() else written
        stage += keyword == "FROM"
        if start == item.end and not words[-1].rstrip().endswith(escape):
            value = words[1].strip() if len(words) > 1 else ""  # one line: nothing to join
        else:
            value = _join_value(scan, item)
        flags, arguments = _split_flags(value) if value.startswith("--") else ((), value)
        end = item.body_end if item.body_end > item.end else item.end
        text = lines[start] if end == start else "\n".join(lines[start : end + 1])
        result.append(
            Instruction(  # positional: half the cost of keywords, tens of thousands of times
                keyword, written, flags, arguments, start + 1, end + 1, stage, text,
                item.heredocs,
            )
        )  # fmt: skip
    return result


def _join_value(scan: _Scan, item: _Logical) -> str:
    """The value after the keyword: continuation lines joined, comment lines dropped.

    (dockerfile-parse gives the same value for every instruction of tests/corpus, at a third
    of the parse time; the scan already knows where each instruction starts and ends.)"""
    if item.start == item.end:  # most instructions: one line, no comment inside
        joined = _drop_escape(scan.sanitised[item.start], scan.escape)
    else:
        joined = "".join(
            _drop_escape(line, scan.escape)
            for line in scan.sanitised[item.start : item.end + 1]
            if not line.lstrip().startswith("#")
        )
    words = joined.split(None, 1)
    return words[1].strip() if len(words) > 1 else ""


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
    for inst in instructions:
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
        if stages:
            stages[-1].instructions.append(inst)
    _mark_final(stages)
    return stages, global_args


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


def onbuild_inner(instruction: Instruction) -> Instruction | None:
    """The instruction an ONBUILD carries (`ONBUILD RUN x` -> RUN x), on the same lines."""
    parts = instruction.arguments.split(None, 1)
    if instruction.keyword != "ONBUILD" or not parts:
        return None
    written = parts[0]
    flags, arguments = _split_flags(parts[1] if len(parts) > 1 else "")
    return replace(
        instruction,
        keyword=written.upper() if written.isascii() else written,
        written_keyword=written,
        flags=flags,
        arguments=arguments,
    )
