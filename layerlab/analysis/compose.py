"""The Compose files of a build context: which service builds which Dockerfile, how it runs it.

LayerLab has no YAML parser among its dependencies, and a lint needs four keys of a Compose
file (`build`, with its `context`/`dockerfile`/`target`, `command` and `volumes`), so this is
a careful line-based reader of the block YAML Compose files are written in: mappings,
`- item` sequences, one-line `[a, b]` lists, quoted scalars, comments, `|`/`>` blocks, and
`&anchor`/`*alias`/`<<: *alias` (the `x-common: &common` shape). Anything else it cannot
read (flow mappings, multi-line flow lists) reads as a plain string, so a service it does not
understand is never taken for a development one.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from dataclasses import dataclass

from layerlab.analysis.shell import parse_script
from layerlab.context import BuildContext

COMPOSE_FILE_RE = re.compile(r"^(docker-)?compose([.-][\w.-]+)?\.ya?ml$")
KEY_RE = re.compile(r"^(?P<key>[^\s#'\"][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(?:\s+(?P<rest>.*))?$")
ANCHOR_RE = re.compile(r"^&([\w-]+)\s*")
# Commands that start a development server: Django's runserver, auto-reload in uvicorn,
# gunicorn, hypercorn and Flask, `fastapi dev`, and Flask's debug mode.
DEV_SERVER_WORDS = frozenset({"runserver", "runserver_plus", "--reload"})

Node = dict[str, "Node"] | list["Node"] | str | None


@dataclass(frozen=True)
class ComposeService:
    """A service that builds a Dockerfile of the context."""

    file: str  # the Compose file, relative to the context
    name: str
    dockerfile: str  # the Dockerfile it builds, relative to the context
    build_context: str  # its build context folder, relative to the context ("." for the root)
    target: str | None  # `build.target`: the stage it builds, None for the last
    commands: tuple[tuple[str, ...], ...]  # `command` (and `entrypoint`) as argv lists
    mounts: tuple[str, ...]  # sources of its bind mounts, relative to the context
    args: tuple[str, ...] = ()  # names of its `build.args` (a mapping or NAME=value items)

    def runs_dev_server(self) -> bool:
        """True when its command starts a development server (`manage.py runserver`,
        `uvicorn --reload`, `flask run --debug`, `fastapi dev`)."""
        for argv in self.commands:
            pairs = set(itertools.pairwise(argv))
            if DEV_SERVER_WORDS.intersection(argv) or ("fastapi", "dev") in pairs:
                return True
            if "flask" in argv and "--debug" in argv:
                return True
        return False

    def mounts_code(self, context: BuildContext) -> bool:
        """True when it bind-mounts a folder of the context that holds Python code: developers
        edit the code the container runs."""
        for source in self.mounts:
            prefix = "" if source == "." else source + "/"
            if any(path.startswith(prefix) and path.endswith(".py") for path in context.paths):
                return True
        return False


def compose_services(context: BuildContext) -> tuple[ComposeService, ...]:
    """Every service of every Compose file in the context that builds a Dockerfile in it."""
    found = []
    for path in context.paths:
        if COMPOSE_FILE_RE.match(posixpath.basename(path)):
            text = context.read(path).decode("utf-8", "replace")
            found.extend(_services(path, read_yaml(text)))
    return tuple(found)


def _services(path: str, document: Node) -> list[ComposeService]:
    services = document.get("services") if isinstance(document, dict) else None
    if not isinstance(services, dict):
        return []
    folder = posixpath.dirname(path)
    found = []
    for name, service in services.items():
        if not isinstance(service, dict) or service.get("build") is None:
            continue
        build = service["build"]
        build = build if isinstance(build, dict) else {"context": build}
        build_context = _inside(folder, _text(build.get("context")) or ".")
        dockerfile = _text(build.get("dockerfile")) or "Dockerfile"
        if build_context is None or _inside(build_context, dockerfile) is None:
            continue  # outside the context, or a URL
        target = _text(build.get("target"))
        commands = tuple(
            argv for key in ("entrypoint", "command") if (argv := _argv(service.get(key)))
        )
        mounts = tuple(
            mount
            for volume in _list(service.get("volumes"))
            if (mount := _bind_source(folder, volume)) is not None
        )
        args = build.get("args")
        arg_names = (
            tuple(args)
            if isinstance(args, dict)
            else tuple(item.split("=", 1)[0] for item in _list(args) if isinstance(item, str))
        )
        found.append(
            ComposeService(
                path,
                name,
                _inside(build_context, dockerfile) or "",
                build_context,
                target,
                commands,
                mounts,
                arg_names,
            )
        )
    return found


def _inside(folder: str, path: str) -> str | None:
    """`path` relative to the context, when it is a relative path that stays inside it."""
    if "://" in path or path.startswith(("/", "~", "$")) or "${" in path:
        return None
    joined = posixpath.normpath(posixpath.join(folder or ".", path))
    return None if joined == ".." or joined.startswith("../") else joined


def _text(node: Node) -> str | None:
    return node if isinstance(node, str) and node else None


def _list(node: Node) -> list[Node]:
    return node if isinstance(node, list) else []


def _argv(node: Node) -> tuple[str, ...]:
    """A `command:` as argv: a list as written, a string as the shell reads it."""
    if isinstance(node, list):
        return tuple(item for item in node if isinstance(item, str))
    if isinstance(node, str):
        return tuple(word for command in parse_script(node).commands for word in command.words)
    return ()


def _bind_source(folder: str, volume: Node) -> str | None:
    """The source of a bind mount (`./src:/app/src`, or `type: bind` with `source:`),
    relative to the context; None for named volumes and paths outside the context."""
    if isinstance(volume, dict):
        source = _text(volume.get("source")) if volume.get("type") == "bind" else None
    elif isinstance(volume, str) and volume.startswith("."):
        source = volume.split(":", 1)[0]
    else:
        source = None
    return None if source is None else _inside(folder, source)


def read_yaml(text: str) -> Node:
    """The block-YAML subset Compose files use, as dicts, lists and strings."""
    lines = []
    block: tuple[int, list[str]] | None = None  # a `|`/`>` scalar being collected
    for raw in text.splitlines():
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if block is not None and (not stripped or indent > block[0]):
            block[1].append(stripped)
            continue
        block = None
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        line = _without_comment(raw.rstrip())
        lines.append([indent, line.strip()])
        if re.search(r"[:-]\s+[|>][-+]?$", line) or line.strip() in ("- |", "- >"):
            block = (indent, [])
            lines[-1].append(block[1])
    anchors: dict[str, Node] = {}
    node, _ = _block(lines, 0, lines[0][0] if lines else 0, anchors)
    return node


def _without_comment(line: str) -> str:
    """The line without a trailing ` # comment` outside quotes."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and index > 0 and line[index - 1] in " \t":
            return line[:index].rstrip()
    return line


def _block(
    lines: list[list], start: int, indent: int, anchors: dict[str, Node]
) -> tuple[Node, int]:
    """The mapping or sequence whose lines start at `start` with `indent`; (node, next line)."""
    if start >= len(lines):
        return None, start
    if _is_item(lines[start]):
        return _sequence(lines, start, indent, anchors)
    return _mapping(lines, start, indent, anchors)


def _is_item(line: list) -> bool:
    return line[1].startswith("- ") or line[1] == "-"


def _sequence(lines: list[list], start: int, indent: int, anchors: dict[str, Node]):
    items: list[Node] = []
    index = start
    while index < len(lines) and lines[index][0] == indent and _is_item(lines[index]):
        rest = lines[index][1][1:].strip()
        if KEY_RE.match(rest) and not rest.startswith(("'", '"')):
            # `- key: value` opens a mapping whose keys sit two columns further in
            lines[index] = [indent + 2, rest, *lines[index][2:]]
            item, index = _mapping(lines, index, indent + 2, anchors)
        else:
            item, index = _value(lines, index, rest, indent, anchors)
        items.append(item)
    return items, index


def _mapping(lines: list[list], start: int, indent: int, anchors: dict[str, Node]):
    mapping: dict[str, Node] = {}
    index = start
    while index < len(lines) and lines[index][0] == indent:
        match = KEY_RE.match(lines[index][1])
        if match is None:
            index += 1  # a line this reader cannot place: skipped
            continue
        key = _unquote(match.group("key").strip())
        value, index = _value(lines, index, match.group("rest") or "", indent, anchors)
        if key == "<<" and isinstance(value, dict):
            mapping = {**value, **mapping}
        else:
            mapping[key] = value
    return mapping, index


def _value(lines: list[list], index: int, rest: str, indent: int, anchors: dict[str, Node]):
    """The value after `key:` or `-` on line `index`: inline, a block below, or an alias."""
    anchor = ANCHOR_RE.match(rest)
    rest = rest[anchor.end() :] if anchor else rest
    if len(lines[index]) > 2:  # a `|` or `>` block scalar
        value: Node = (
            "\n".join(lines[index][2]) if rest.startswith("|") else " ".join(lines[index][2])
        )
        index += 1
    elif rest.startswith("*"):
        value, index = anchors.get(rest[1:].strip()), index + 1
    elif rest:
        value, index = _scalar(rest), index + 1
    elif index + 1 < len(lines) and lines[index + 1][0] > indent:
        value, index = _block(lines, index + 1, lines[index + 1][0], anchors)
    elif (
        index + 1 < len(lines)
        and lines[index + 1][0] == indent
        and lines[index + 1][1].startswith("-")
    ):
        value, index = _sequence(lines, index + 1, indent, anchors)  # a list not indented
    else:
        value, index = None, index + 1
    if anchor:
        anchors[anchor.group(1)] = value
    return value, index


def _scalar(text: str) -> Node:
    if text.startswith("[") and text.endswith("]"):
        return [_unquote(item.strip()) for item in _split_flow(text[1:-1]) if item.strip()]
    return _unquote(text)


def _split_flow(text: str) -> list[str]:
    """`a, "b, c"` -> [`a`, `"b, c"`]: commas outside quotes."""
    items, current, quote = [], "", None
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == ",":
            items.append(current)
            current = ""
            continue
        current += char
    return [*items, current]


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text
