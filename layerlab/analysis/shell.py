"""RUN scripts read with a real bash grammar (tree-sitter-bash), behind a small typed API.

Rules ask "is there an `apt-get install` here, with `-y`?" or "is anything piped?". The
grammar answers for every place bash runs a command: `&&`/`||` lists, pipelines, the
conditions and bodies of `if`/`while`/`for`, `case` branches, subshells, `{ }` groups and
command substitutions (also inside double quotes and assignments). Each `Command` knows
where it sits (`nesting`, its pipe position, the operator before it) and the exact source
text it came from, so messages quote what the learner wrote. Words lose their quotes;
variables stay as written (`$VAR`): the linter cannot know their values. A script bash would
reject still yields the commands that parse: ERROR nodes are read, never raised.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from enum import StrEnum

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

from layerlab.once import once

WRAPPERS = frozenset({"sudo", "env", "exec", "command", "nohup", "time", "nice", "xargs"})
ASSIGNMENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
PYTHON_RE = re.compile(r"^python(\d+(\.\d+)?)?$")
PIP_RE = re.compile(r"^pip(\d+(\.\d+)?)?$")
# `# lxml needs this` in backticks: a comment bash reads as an empty substitution. The
# grammar would read the `#` as a comment up to the end of the joined line instead.
BACKTICK_COMMENT_RE = re.compile(rb"`[ \t]*#[^`\n]*`")
PIPES = frozenset({"|", "|&"})
SEQUENCE_OPERATORS = frozenset({"&&", "||", ";", "&", ";;", ";&", ";;&", "|", "|&"})
COMMAND_NODES = frozenset(
    {
        "command",
        "declaration_command",
        "unset_command",
        "test_command",
        "variable_assignment",
        "variable_assignments",
    }
)
REDIRECT_NODES = frozenset({"file_redirect", "heredoc_redirect", "herestring_redirect"})
# Beyond this depth the walk stops descending: a pathological script cannot exhaust the stack.
MAX_DEPTH = 100

_LANGUAGE = Language(tree_sitter_bash.language())


class Nest(StrEnum):
    """A construct a command sits inside."""

    CONDITION = "condition"  # between if/elif/while/until and then/do
    BRANCH = "branch"  # the then/elif/else body of an if
    LOOP = "loop"  # the body of for/while/until
    CASE = "case"  # a case branch
    SUBSHELL = "subshell"  # ( ... )
    GROUP = "group"  # { ...; }
    SUBSTITUTION = "substitution"  # $( ... ), `...`, <( ... )
    FUNCTION = "function"  # a function body


@dataclass(frozen=True)
class Redirect:
    """`2>&1`, `> /dev/null`, `<<EOF`: the operator, its descriptor and its target as written."""

    operator: str
    descriptor: str  # "2" in `2>&1`; "" when implied
    target: str
    text: str


@dataclass(frozen=True)
class Command:
    """One simple command: `DEBIAN_FRONTEND=noninteractive sudo apt-get install -y x`."""

    words: tuple[str, ...]  # quotes removed, without leading VAR=value assignments
    env: tuple[tuple[str, str], ...] = ()  # the leading assignments
    after: str = ""  # the operator before it: "", "&&", "||", ";", "|", "|&", "&", "\n"
    text: str = ""  # the source text, redirections included, exactly as written
    redirects: tuple[Redirect, ...] = ()
    nesting: tuple[Nest, ...] = ()  # outermost first
    pipe_position: int | None = None  # 0 for the first command of a pipeline; None unpiped
    start: int = 0  # byte offsets in the script
    end: int = 0
    line: int = 0  # 0-based line in the script

    @property
    def in_condition(self) -> bool:
        return Nest.CONDITION in self.nesting

    @property
    def in_substitution(self) -> bool:
        return Nest.SUBSTITUTION in self.nesting

    @property
    def in_pipeline(self) -> bool:
        return self.pipe_position is not None

    @property
    def shown(self) -> str:
        """The source text for a message: as written, line breaks and indents folded."""
        return " ".join(self.text.split())

    @once
    def argv(self) -> tuple[str, ...]:
        """The words without wrappers such as sudo or env (and their options)."""
        words = self.words
        while words and posixpath.basename(words[0]) in WRAPPERS:
            words = words[1:]
            while words and (words[0].startswith("-") or ASSIGNMENT_RE.match(words[0])):
                words = words[1:]
        return words

    @once
    def program(self) -> str:
        """The basename of the program run, e.g. 'pip3' for '/opt/venv/bin/pip3'."""
        return posixpath.basename(self.argv[0]) if self.argv else ""

    @once
    def pip_args(self) -> list[str] | None:
        """The arguments after `pip` for pip, pip3, pip3.11, python -m pip and `uv pip`."""
        argv = self.argv
        if not argv:
            return None
        program = self.program
        if PIP_RE.match(program):
            return list(argv[1:])
        if PYTHON_RE.match(program):
            for index, word in enumerate(argv[1:-1], start=1):
                if word == "-m" and argv[index + 1] == "pip":
                    return list(argv[index + 2 :])
            return None
        if program == "uv" and len(argv) > 1 and argv[1] == "pip":
            return list(argv[2:])
        return None

    def has(self, *options: str) -> bool:
        """True when any word equals one of `options` or starts with `option=`."""
        return any(
            word == option or word.startswith(option + "=")
            for word in self.argv
            for option in options
        )

    def subcommand(self, tool: str) -> str | None:
        """For `tool [options] sub ...`, the first word after `tool` that is not an option."""
        if self.program != tool:
            return None
        for word in self.argv[1:]:
            if not word.startswith("-"):
                return word
        return None


@dataclass(frozen=True)
class Pipeline:
    """Commands joined by `|` or `|&`, with the source text from the first to the last."""

    commands: tuple[Command, ...]  # the simple commands piped (not those inside a group)
    text: str
    start: int  # byte offset in the script


@dataclass(frozen=True)
class Script:
    """A parsed shell script: its commands in source order and its pipelines."""

    source: str
    commands: tuple[Command, ...]
    pipelines: tuple[Pipeline, ...]
    background: bool  # some command is sent to the background with `&`
    complete: bool  # False when bash would reject part of it (the rest was still read)

    @property
    def has_pipe(self) -> bool:
        return bool(self.pipelines)


EMPTY = Script("", (), (), False, True)


def new_parser() -> Parser:
    """A bash parser; one per analysis (parsers are not safe to share across threads)."""
    return Parser(_LANGUAGE)


def parse_script(source: str, parser: Parser | None = None) -> Script:
    """Parse one shell script; never raises on what a learner typed."""
    if not source.strip():
        return EMPTY
    data = source.encode("utf-8", "replace")
    tree = (parser or new_parser()).parse(BACKTICK_COMMENT_RE.sub(lambda m: b" " * len(m[0]), data))
    walker = _Walker(data)
    walker.sequence(tree.root_node, (), "")
    return Script(
        source,
        tuple(walker.commands),
        tuple(walker.pipelines),
        walker.background,
        not tree.root_node.has_error,
    )


# Reading the tree ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pipe:
    position: int
    group: list[Command]  # the pipeline's commands, filled as they are read


class _Walker:
    """Collects commands from a tree; one instance per parse."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.commands: list[Command] = []
        self.pipelines: list[Pipeline] = []
        self.background = False

    def text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def sequence(self, node: Node, nesting: tuple[Nest, ...], after: str) -> None:
        """Statements separated by operators or newlines (a program, list, body, group)."""
        if len(nesting) > MAX_DEPTH:
            return
        previous: Node | None = None
        pending = after
        for child in node.children:
            if child.type in SEQUENCE_OPERATORS:
                pending = child.type
                self.background = self.background or pending == "&"
                continue
            if not child.is_named or child.type == "comment":
                continue
            if (
                previous is not None
                and pending == ""
                and child.start_point.row > previous.end_point.row
            ):
                pending = "\n"
            self.statement(child, nesting, pending)
            previous, pending = child, ""

    def statement(
        self,
        node: Node,
        nesting: tuple[Nest, ...],
        after: str,
        pipe: _Pipe | None = None,
        redirects: tuple[Node, ...] = (),
    ) -> None:
        kind = node.type
        if kind in ("list", "program", "ERROR"):
            self._list(node, nesting, after, pipe, redirects)
        elif kind == "pipeline":
            self._pipeline(node, nesting, after)
        elif kind == "redirected_statement":
            body = [c for c in node.children if c.is_named and c.type not in REDIRECT_NODES]
            own = tuple(c for c in node.children if c.type in REDIRECT_NODES)
            if body:
                self.statement(body[0], nesting, after, pipe, own)
            else:
                self._substitutions(own, nesting)
        elif kind in COMMAND_NODES:
            self._command(node, nesting, after, pipe, redirects)
        elif kind == "negated_command":
            for child in node.named_children:
                self.statement(child, nesting, after, pipe, redirects)
        elif kind == "subshell":
            self.sequence(node, (*nesting, Nest.SUBSHELL), after)
        elif kind == "compound_statement":
            self.sequence(node, (*nesting, Nest.GROUP), after)
        elif kind in ("if_statement", "while_statement", "for_statement", "c_style_for_statement"):
            self._compound(node, nesting, after)
        elif kind == "case_statement":
            self._case(node, nesting, after)
        elif kind == "function_definition":
            for child in node.named_children:
                if child.type == "compound_statement":
                    self.sequence(child, (*nesting, Nest.FUNCTION), after)
        else:
            self._substitutions((node,), nesting)

    def _list(
        self,
        node: Node,
        nesting: tuple[Nest, ...],
        after: str,
        pipe: _Pipe | None,
        redirects: tuple[Node, ...],
    ) -> None:
        """`a && b`: the grammar may put a list inside a pipeline or a redirection
        (`a && b 2>&1 | c`); bash pipes and redirects only the last command."""
        statements = [c for c in node.children if c.is_named and c.type != "comment"]
        if (pipe is None and not redirects) or not statements:
            self.sequence(node, nesting, after)
            return
        pending = after
        for child in node.children:
            if child.type in SEQUENCE_OPERATORS:
                pending = child.type
            elif child in statements:
                last = child == statements[-1]
                self.statement(
                    child, nesting, pending, pipe if last else None, redirects if last else ()
                )
                pending = ""

    def _pipeline(self, node: Node, nesting: tuple[Nest, ...], after: str) -> None:
        group: list[Command] = []
        elements = [c for c in node.children if c.is_named and c.type != "comment"]
        pending = after
        for child in node.children:
            if child.type in PIPES:
                pending = child.type
            elif child in elements:
                self.statement(child, nesting, pending, _Pipe(elements.index(child), group))
                pending = ""
        if len(elements) > 1:
            first = elements[0]
            while first.type in ("list", "redirected_statement") and first.named_children:
                first = first.named_children[-1 if first.type == "list" else 0]
            start = first.start_byte
            text = self.data[start : node.end_byte].decode("utf-8", "replace")
            self.pipelines.append(Pipeline(tuple(group), text, start))

    def _compound(self, node: Node, nesting: tuple[Nest, ...], after: str) -> None:
        """if/elif/else, while/until and for: conditions, then bodies."""
        mode: Nest | None = None
        pending = after
        for child in node.children:
            kind = child.type
            if kind in ("if", "elif", "while", "until"):
                mode = Nest.CONDITION
            elif kind == "then":
                mode = Nest.BRANCH
            elif kind in SEQUENCE_OPERATORS:
                pending = kind
            elif kind in ("elif_clause", "else_clause"):
                self._compound(child, nesting, pending)
            elif kind == "do_group":
                self.sequence(child, (*nesting, Nest.LOOP), pending)
            elif kind == "else":
                mode = Nest.BRANCH
            elif child.is_named and kind != "comment" and mode is not None:
                self.statement(child, (*nesting, mode), pending)
                pending = ""
            elif child.is_named:
                self._substitutions((child,), nesting)  # for-loop values, c-style clauses

    def _case(self, node: Node, nesting: tuple[Nest, ...], after: str) -> None:
        for child in node.children:
            if child.type == "case_item":
                seen_paren = False
                pending = after
                for part in child.children:
                    if part.type == ")":
                        seen_paren, pending = True, after
                    elif part.type in SEQUENCE_OPERATORS:
                        pending = part.type
                    elif seen_paren and part.is_named and part.type != "comment":
                        self.statement(part, (*nesting, Nest.CASE), pending)
                        pending = ""
            elif child.is_named and child.type not in ("case", "in", "esac"):
                self._substitutions((child,), nesting)  # the word tested

    def _command(
        self,
        node: Node,
        nesting: tuple[Nest, ...],
        after: str,
        pipe: _Pipe | None,
        redirects: tuple[Node, ...],
    ) -> None:
        env: list[tuple[str, str]] = []
        words: list[str] = []
        own_redirects: list[Node] = list(redirects)
        parts = node.children if node.type != "variable_assignment" else [node]
        for child in parts:
            kind = child.type
            if kind == "variable_assignment" and not words:
                env.append(self._assignment(child))
            elif kind == "variable_assignments":
                env.extend(self._assignment(c) for c in child.named_children)
            elif kind in REDIRECT_NODES:
                own_redirects.append(child)
            elif kind == "command_name":
                words.extend(self.word(c) for c in child.children)
            elif node.type == "test_command":
                words.extend(self.text(child).split())
            elif child.is_named or kind in ("[", "]", "[[", "]]"):
                if kind != "comment":
                    words.append(self.word(child))
            elif node.type in ("declaration_command", "unset_command"):
                words.append(self.text(child))  # the keyword: export, local, unset
        end = max([node.end_byte, *(r.end_byte for r in own_redirects)])
        command = Command(
            words=tuple(words),
            env=tuple(env),
            after=after,
            text=self.data[node.start_byte : end].decode("utf-8", "replace"),
            redirects=tuple(self._redirect(r) for r in own_redirects),
            nesting=nesting,
            pipe_position=pipe.position if pipe else None,
            start=node.start_byte,
            end=end,
            line=node.start_point.row,
        )
        self.commands.append(command)
        if pipe is not None:
            pipe.group.append(command)
        self._substitutions((*node.children, *own_redirects), nesting)

    def _assignment(self, node: Node) -> tuple[str, str]:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        return (
            self.text(name) if name else self.text(node).split("=", 1)[0],
            self.word(value) if value else "",
        )

    def _redirect(self, node: Node) -> Redirect:
        descriptor = operator = ""
        targets: list[str] = []
        for child in node.children:
            if child.type == "file_descriptor":
                descriptor = self.text(child)
            elif not child.is_named:
                operator = operator or child.type
            elif child.type not in ("heredoc_body", "heredoc_end"):
                targets.append(self.word(child))
        return Redirect(operator, descriptor, " ".join(targets), self.text(node))

    def _substitutions(
        self, nodes: tuple[Node, ...] | list[Node], nesting: tuple[Nest, ...]
    ) -> None:
        """Commands inside `$(...)`, backticks and `<(...)` anywhere under `nodes`."""
        stack = list(reversed(nodes))
        inner = (*nesting, Nest.SUBSTITUTION)
        while stack:
            node = stack.pop()
            if node.type in ("command_substitution", "process_substitution"):
                self.sequence(node, inner, "")
            elif node.type not in ("heredoc_body",):
                stack.extend(reversed(node.children))

    def word(self, node: Node) -> str:
        """A shell word with its quotes removed; expansions kept as written."""
        kind = node.type
        text = self.text(node)
        if kind == "word":
            return _unescape(text)
        if kind == "raw_string":
            return text[1:-1]
        if kind == "ansi_c_string":
            return text[2:-1]
        if kind in ("string", "translated_string"):
            inner = text[text.index('"') + 1 : -1] if text.endswith('"') else text[1:]
            return re.sub(r'\\([\\"$`])', r"\1", inner.replace("\\\n", ""))
        if kind == "concatenation":
            return "".join(self.word(child) for child in node.children)
        if kind == "variable_assignment":
            return "=".join(self._assignment(node))
        if kind == "heredoc_start":
            return text.strip("'\"")
        return text


def _unescape(text: str) -> str:
    """`\\;` -> `;`, `a\\ b` -> `a b`, a line continuation disappears."""
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", r"\1", text.replace("\\\n", ""), flags=re.S)
