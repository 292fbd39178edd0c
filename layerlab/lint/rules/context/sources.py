"""The build-context sources of COPY/ADD, with ARG/ENV variables resolved: for LL503/LL504."""

from __future__ import annotations

import posixpath
import re
from collections import ChainMap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from layerlab.analysis import Facts
from layerlab.analysis.copies import is_whole_context
from layerlab.dockerfile import VAR_RE, Instruction, parse_arg, parse_env

Values = dict[str, str | None]  # None: declared, but its value is only known at build time


@dataclass(frozen=True)
class Source:
    instruction: Instruction
    written: str  # as in the Dockerfile
    path: str  # variables substituted

    @property
    def shown(self) -> str:
        """For messages: `${SRC}/` (`lib/`)."""
        if self.written == self.path:
            return f"`{self.written}`"
        return f"`{self.written}` (`{self.path}`)"

    @property
    def is_glob(self) -> bool:
        return any(ch in self.path for ch in "*?[")


def context_sources(facts: Facts) -> Iterator[list[Source]]:
    """Per COPY/ADD from the build context, its sources; skips what the context cannot hold."""
    dockerfile = facts.dockerfile
    env_at_end: dict[int, Values] = {}
    for stage in dockerfile.stages:
        env: Values = dict(env_at_end.get(stage.parent, {})) if stage.parent is not None else {}
        args: Values = {}
        values = ChainMap(env, args)  # ENV over ARG, as `{**args, **env}` without a copy
        for inst in stage.instructions:
            if inst.keyword == "ARG":
                for name, default in parse_arg(inst.arguments):
                    value = dockerfile.global_args.get(name) if default is None else default
                    args[name] = None if value is None else resolve(value, values)
            elif inst.keyword == "ENV":
                for name, value in parse_env(inst.arguments):
                    env[name] = resolve(value, values)
            else:
                sources = _sources(facts, inst, values)
                if sources:
                    yield sources
        env_at_end[stage.index] = env


def _sources(facts: Facts, inst: Instruction, values: Mapping[str, str | None]) -> list[Source]:
    copy = facts.copy(inst)
    if copy is None or not copy.from_context:
        return []
    found = []
    for written in copy.sources:
        if "://" in written or written.startswith("git@"):  # ADD of a URL or a git repository
            continue
        path = resolve(written, values)
        if path is None or is_whole_context(path) or _leaves_context(path):
            continue
        found.append(Source(inst, written, path))
    return found


def _leaves_context(path: str) -> bool:
    return posixpath.normpath(path.lstrip("/")).split("/")[0] == ".."


def resolve(text: str, values: Mapping[str, str | None]) -> str | None:
    """`text` with its variables substituted, or None when one has no value known now."""
    unknown = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal unknown
        value = values.get(match.group(1) or match.group(3))
        word = match.group(2)  # of ${name:-word} or ${name:+word}
        alternative = word is not None and "+" in match.group(0)
        if value is not None:
            return word if alternative else value
        if word is not None and not alternative:
            return word
        unknown = True  # maybe a build arg or the base image's ENV
        return ""

    result = VAR_RE.sub(substitute, text)
    return None if unknown else result
