"""What COPY and ADD instructions bring in: shared by the cache, size and context rules."""

from __future__ import annotations

import posixpath
import shlex
from dataclasses import dataclass

from layerlab.analysis.installs.requirements import is_manifest_name
from layerlab.context import BuildContext
from layerlab.dockerfile import Instruction
from layerlab.once import once

# Sources that send the whole build context (the talk's `COPY . .`).
WHOLE_CONTEXT = frozenset({".", "./", "*", "./*", "/"})


@dataclass(frozen=True)
class Copy:
    instruction: Instruction
    sources: tuple[str, ...]
    destination: str
    from_stage: str | None  # --from=<stage or image>, None for the build context

    @property
    def from_context(self) -> bool:
        return self.from_stage is None and not self.instruction.heredocs

    @once
    def whole_context(self) -> bool:
        return self.from_context and any(is_whole_context(s) for s in self.sources)


def is_whole_context(source: str) -> bool:
    return source in WHOLE_CONTEXT or posixpath.normpath(source) == "."


def copy_of(instruction: Instruction) -> Copy | None:
    """COPY/ADD sources and destination, for shell and JSON forms; None for other keywords."""
    if instruction.keyword not in ("COPY", "ADD"):
        return None
    words = instruction.json_args
    arguments = instruction.arguments
    if words is None and '"' not in arguments and "'" not in arguments:
        words = arguments.split()  # nothing to unquote: skip shlex, 20x faster
    elif words is None:
        words = _unquoted_words(arguments)
    words = [w for w in words if not w.startswith("<<")]  # heredoc names (`<<EOF`) included
    if not words:
        return None
    sources, destination = (tuple(words[:-1]), words[-1]) if len(words) > 1 else ((), words[0])
    return Copy(instruction, sources, destination, instruction.flag("from"))


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


def _unquoted_words(text: str) -> list[str]:
    """Words with quotes removed; a backslash stays, so `c:\\app` keeps its drive path."""
    lexer = shlex.shlex(text, posix=True)
    lexer.whitespace_split = True
    lexer.escape = ""
    try:
        return list(lexer)
    except ValueError:  # an unclosed quote: read what is there
        return text.split()
