"""Predict cache hits and misses the way Docker decides them, without an engine.

The rules (docker/docs "cache invalidation", verified on the engine, DESIGN.md):
- a step is reused when the same instruction already ran on the same parent;
- RUN matches on its command text (and the build args in scope), not on what it downloads;
- COPY/ADD match on the checksums of the files copied (content, not mtime), after
  .dockerignore, so edits to ignored files change nothing;
- the first miss invalidates every later step of the stage and of the stages built FROM it;
- a `COPY --from` of a stage that re-ran is assumed to miss: a static predictor cannot know
  that the stage's output came out byte-identical (the miss reason says so);
- `--no-cache` on BuildKit (v0.8 in Docker 20.10) does not reach a WORKDIR that no step before
  it in its stage ran: the frontend marks RUN, COPY and ADD to ignore the cache, not WORKDIR's
  mkdir, so a cold build reuses a WORKDIR the engine made on that base before (verified:
  `FROM busybox / WORKDIR /x` built twice with --no-cache is CACHED the second time; after a
  RUN, which re-runs, the same WORKDIR runs again);
- the classic builder finds a step's cache among the children of the step before, taking the
  newest match; a `--no-cache` build makes new images for every step, so later builds follow
  its chain and whatever earlier builds hung off the old images is out of reach.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from layerlab.analysis.copies import copy_of
from layerlab.cache.plan import plan
from layerlab.cache.reasons import (
    ARGS,
    COLD,
    EARLIER,
    FILES,
    INPUTS,
    NEW,
    ON_ENGINE,
    STAGE,
    Reason,
)
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, Instruction, Stage, expand_vars, parse_arg
from layerlab.records import Run, Step


@dataclass(frozen=True)
class BuildInput:
    """One build of an experiment: the context as it is for this run."""

    name: str
    context: BuildContext
    build_args: Mapping[str, str] = field(default_factory=dict)
    no_cache: bool = False


@dataclass
class CacheState:
    """What the builder's cache holds after the builds so far."""

    keys: set[str] = field(default_factory=set)
    fresh: set[str] = field(default_factory=set)  # keys the current experiment made
    classic_roots: int = 0  # classic --no-cache builds so far: each starts new chains
    # (parent key, instruction) -> what the step depended on last time, to explain misses
    copied: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    arguments: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def copy(self) -> CacheState:
        return CacheState(
            set(self.keys),
            set(self.fresh),
            self.classic_roots,
            dict(self.copied),
            dict(self.arguments),
        )

    def absorb(self, other: CacheState) -> None:
        """Take in what `other` (a copy that went on to build) added."""
        self.keys |= other.keys
        self.classic_roots = max(self.classic_roots, other.classic_roots)
        self.copied.update(other.copied)
        self.arguments.update(other.arguments)


@dataclass
class _Chain:
    """Where a stage stands while its steps are simulated."""

    key: str
    name: str = ""
    first_miss: Step | None = None
    args: dict[str, str] = field(default_factory=dict)


def predict(
    dockerfile: Dockerfile,
    builds: list[BuildInput],
    target: str | None,
    backend: str,
    cache: CacheState | None = None,
) -> list[Run]:
    """One predicted Run per build, each seeing the cache the earlier ones left. `cache`: what
    earlier experiments left on the engine (its hits say so); it is updated in place."""
    cache = cache if cache is not None else CacheState()
    cache.fresh = set()
    return [_simulate(dockerfile, build, target, backend, cache) for build in builds]


def label(instruction: Instruction) -> str:
    """The instruction on one line, as build logs show it."""
    flags = " ".join(
        f"--{f.name}" if f.value is None else f"--{f.name}={f.value}" for f in instruction.flags
    )
    words = " ".join(filter(None, [instruction.keyword, flags, instruction.arguments]))
    return " ".join(words.split())


def _simulate(
    dockerfile: Dockerfile, build: BuildInput, target: str | None, backend: str, cache: CacheState
) -> Run:
    run = Run(name=build.name, backend=backend)
    chains: dict[int, _Chain] = {}
    if backend == "classic" and build.no_cache:
        cache.classic_roots += 1
    root = str(cache.classic_roots) if backend == "classic" else ""
    global_chain = _Chain(key=_digest("global", root))
    for planned in plan(dockerfile, target, backend):
        stage, inst = planned.stage, planned.instruction
        if stage is None:
            chain = global_chain
        elif stage.index not in chains:  # BuildKit has no step for a FROM of a stage
            chain = chains[stage.index] = _start(dockerfile, stage, chains, build, root)
        else:
            chain = chains[stage.index]
        step = Step(
            stage=stage.label if stage is not None else None,
            index=len(run.steps) + 1,
            instruction=label(inst),
            line=inst.start_line,
            predicted_cached=True,
        )
        run.steps.append(step)
        if inst.keyword == "FROM":
            continue  # a lookup of the base, never executed
        _advance(dockerfile, stage, inst, chain, chains, build, cache, step, backend)
    return run


def _start(
    dockerfile: Dockerfile,
    stage: Stage,
    chains: dict[int, _Chain],
    build: BuildInput,
    root: str,
) -> _Chain:
    """`root`: which classic chain the stage's steps hang off (empty for BuildKit)."""
    if stage.parent is not None and stage.parent in chains:
        parent = chains[stage.parent]
        return _Chain(parent.key, stage.label, parent.first_miss, dict(parent.args))
    image = expand_vars(stage.base, {**dockerfile.global_args, **build.build_args})
    return _Chain(key=_digest("image", image, root), name=stage.label)


def _advance(
    dockerfile: Dockerfile,
    stage: Stage | None,
    inst: Instruction,
    chain: _Chain,
    chains: dict[int, _Chain],
    build: BuildInput,
    cache: CacheState,
    step: Step,
    backend: str,
) -> None:
    if inst.keyword == "ARG":
        for name, default in parse_arg(inst.arguments):
            value = build.build_args.get(name, default)
            chain.args[name] = value if value is not None else ""
    text = label(inst) + "\n" + "\n".join(h.body for h in inst.heredocs)
    files = _copied_files(inst, build.context)
    source = _source_stage(dockerfile, stage, inst, chains)
    parts = [chain.key, text, *sorted(f"{p}={s}" for p, s in files.items())]
    if inst.keyword == "RUN":
        parts += sorted(f"{k}={v}" for k, v in chain.args.items())
    if source is not None:
        parts.append(source.key)
    key = _digest(*parts)
    uses_cache = not build.no_cache or _outside_no_cache(inst, chain, backend)
    hit = key in cache.keys and uses_cache
    if hit and key not in cache.fresh:
        step.miss_reason = Reason(ON_ENGINE)
    if not hit:
        step.predicted_cached = False
        step.miss_reason = _miss_reason(chain, text, files, source, inst, build, cache, stage)
        if chain.first_miss is None:
            chain.first_miss = step
    memo = (chain.key, text)
    if files:
        cache.copied[memo] = files
    if inst.keyword == "RUN":
        cache.arguments[memo] = dict(chain.args)
    cache.keys.add(key)
    cache.fresh.add(key)
    chain.key = key


def _outside_no_cache(inst: Instruction, chain: _Chain, backend: str) -> bool:
    """BuildKit's --no-cache leaves a WORKDIR before any step that ran in its stage cached."""
    return backend == "buildkit" and inst.keyword == "WORKDIR" and chain.first_miss is None


def _miss_reason(
    chain: _Chain,
    text: str,
    files: dict[str, str],
    source: _Chain | None,
    inst: Instruction,
    build: BuildInput,
    cache: CacheState,
    stage: Stage | None,
) -> Reason:
    if build.no_cache:
        return Reason(COLD)
    if chain.first_miss is not None:
        first = chain.first_miss
        return Reason(EARLIER, {"line": first.line, "instruction": first.instruction})
    memo = (chain.key, text)
    if memo in cache.copied:
        changed = sorted(
            p
            for p in set(files) | set(cache.copied[memo])
            if files.get(p) != cache.copied[memo].get(p)
        )
        if changed:
            return Reason(FILES, {"files": tuple(changed)})
    if memo in cache.arguments:
        changed = sorted(
            k
            for k in set(chain.args) | set(cache.arguments[memo])
            if chain.args.get(k) != cache.arguments[memo].get(k)
        )
        if changed:
            return Reason(ARGS, {"names": tuple(changed)})
    if source is not None and source.first_miss is not None:
        return Reason(STAGE, {"stage": source.name, "line": source.first_miss.line})
    if memo in cache.copied or memo in cache.arguments:
        return Reason(INPUTS)
    return Reason(NEW)


def _copied_files(inst: Instruction, context: BuildContext) -> dict[str, str]:
    """Checksums of the context files a COPY/ADD or a RUN bind mount reads."""
    sources: list[str] = []
    copy = copy_of(inst)
    if copy is not None and copy.from_context:
        sources = [s for s in copy.sources if "://" not in s]
    if inst.keyword == "RUN":
        sources = [
            m.get("source", m.get("src", "."))
            for m in inst.mounts()
            if m.get("type") == "bind" and "from" not in m
        ]
    files: dict[str, str] = {}
    for source in sources:
        for path in context.select(source):
            files[path] = context.checksum(path)
    return files


def _source_stage(
    dockerfile: Dockerfile, stage: Stage | None, inst: Instruction, chains: dict[int, _Chain]
) -> _Chain | None:
    refs = inst.flag_values("from") if inst.keyword in ("COPY", "ADD") else []
    if inst.keyword == "RUN":
        refs = [m["from"] for m in inst.mounts() if "from" in m]
    for ref in refs:
        before = stage.index if stage is not None else None
        source = dockerfile.stage_for_reference(ref, before=before)
        if source is not None and source.index in chains:
            return chains[source.index]
    return None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
