"""Before vs after on a sample project: image size, and the rebuild after a code-only edit.

    python bench/sample_sizes.py [--project django-uwsgi]

Builds the project's "before" Dockerfile and its reference Dockerfile (at the declared target)
with the classic builder, prints both image sizes and their ratio (target: after/before
<= 0.4 on the offline engine), then appends a line to each declared code file (in memory,
never on disk), rebuilds both with the cache and prints the time and every step, cached or
rebuilt. The after version must keep its dependency installs cached. Exit 1 when a target is
missed. Needs a Docker engine with the project's base images; the first run builds cold.

The appended line is a comment unique to the run: a plain newline, as the build lab appends,
would hit the cache left by an earlier run or experiment with the same edit, and time nothing.
The unedited images are untagged but kept (the next run's cache); the edited ones are deleted.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from docker.errors import NotFound

from layerlab.context import BuildContext
from layerlab.engine import classic
from layerlab.engine.discovery import connect
from layerlab.engine.outcome import BuildOutcome, BuildRequest

SAMPLES = Path(__file__).resolve().parent.parent / "sample_projects"
TAG_PREFIX = "layerlab-bench"
RATIO_TARGET = 0.4
INSTALLERS = ("pip ", "pipenv ", "uv ")


@dataclass(frozen=True)
class Variant:
    label: str
    dockerfile: str
    target: str | None


def build_or_exit(context: BuildContext, variant: Variant, tag: str) -> BuildOutcome:
    outcome = classic.build(BuildRequest(context, variant.dockerfile, tag, target=variant.target))
    if outcome.error:
        sys.exit(f"{variant.label}: the build failed: {outcome.error}")
    return outcome


def installs_dependencies(instruction: str) -> bool:
    return instruction.startswith("RUN ") and any(word in instruction for word in INSTALLERS)


def print_steps(outcome: BuildOutcome) -> None:
    for step in outcome.steps:
        state = "cached " if step.cached else "rebuilt"
        seconds = (step.end or step.start) - step.start
        print(f"    {state} {seconds:6.2f} s  {step.instruction[:80]}")


def unique_code_edit(context: BuildContext, paths: Iterable[str]) -> BuildContext:
    line = f"# sample_sizes run {time.time_ns()}\n".encode()
    return context.with_contents({path: context.read(path) + line for path in paths})


def delete(client, tags: Iterable[str]) -> None:
    """Delete the edited images; their unedited ancestors stay, still used as cache."""
    for tag in tags:
        with contextlib.suppress(NotFound):
            client.images.remove(tag, force=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default="django-uwsgi")
    root = SAMPLES / parser.parse_args(argv).project
    declaration = tomllib.loads((root / "layerlab.toml").read_text(encoding="utf-8"))
    project, code_files = declaration["project"], declaration["edits"]["code"]
    variants = [
        Variant("before", project["before"], None),
        Variant("after", project["dockerfile"], project.get("target")),
    ]
    client = connect()
    context = BuildContext.from_dir(root)
    tags = {v.label: f"{TAG_PREFIX}/{root.name}:{v.label}" for v in variants}
    try:
        for variant in variants:
            build_or_exit(context, variant, tags[variant.label])
        sizes = {label: client.images.get(tag).attrs["Size"] for label, tag in tags.items()}
        ratio = sizes["after"] / sizes["before"]
        print(f"{root.name}: image sizes (classic builder)")
        for variant in variants:
            name = f"{variant.dockerfile} ({variant.target or 'last stage'})"
            print(f"  {variant.label:6} {name:32} {sizes[variant.label] / 1e6:8.1f} MB")
        print(f"  after/before {ratio:.2f} (target <= {RATIO_TARGET})")
        print(f"\ncode-only edit: a line appended to {', '.join(code_files)}; rebuild with cache")
        edited = unique_code_edit(context, code_files)
        reused = True
        for variant in variants:
            outcome = build_or_exit(edited, variant, tags[variant.label])
            print(f"  {variant.label}: {variant.dockerfile} rebuilt in {outcome.seconds:.2f} s")
            print_steps(outcome)
            installs = [s for s in outcome.steps if installs_dependencies(s.instruction)]
            if variant.label == "after":
                reused = all(step.cached for step in installs)
        print(f"\nafter: dependency layers reused on a code edit: {'yes' if reused else 'NO'}")
    finally:
        delete(client, tags.values())
    return 0 if ratio <= RATIO_TARGET and reused else 1


if __name__ == "__main__":
    sys.exit(main())
