"""LayerLab's builds against `docker build`: wall time on the same context and cache state.

    python bench/build_overhead.py [--rounds 15] [--backend classic|buildkit] [--project NAME]

For each backend, LayerLab's build (what the build lab does per run: read the context from
disk, then `classic.build` through docker-py, or `buildkit.build`, which copies the context
to a temporary folder and runs `docker buildx build --progress=rawjson --load`) races the
docker CLI on the same folder: `DOCKER_BUILDKIT=0 docker build` for the classic builder and
`docker build` (BuildKit through the buildx plugin) for BuildKit, output to a pipe.
Scenarios, on a temporary copy of the project:

- warm FILE: the project's Dockerfile (at its target) and its "before" Dockerfile, if it
  declares one, unchanged: every step cached;
- code-edit FILE: the reference Dockerfile after a comment is appended to each declared code
  file. The comment is unique to each build, so neither side reuses the other's layers and
  both rebuild the same steps (the "steps run" column shows it). The "before" Dockerfile has
  no code-edit scenario: it re-installs every dependency from PyPI, which would time the
  network rather than the builders.

Both sides first build each file once, untimed, so that each starts from its own cache (a
`COPY . .` cached from one side's context need not hit for the other's). Each round then
builds every scenario, both sides back to back, the side going first alternating, so load
on the machine hits both alike and each scenario's samples span the whole run. A scenario's
times are medians; its ratio is the median of the per-round ratios (LayerLab / docker). A
backend's overall ratio is the geometric mean of its scenarios' ratios (target <= 1.10).
The layer-size lookup the lab makes after each build (image history) is timed apart, not in
the ratio. Exit 1 when a backend misses the target. Needs a Docker engine with the
project's base images (and buildx for BuildKit; a project whose Dockerfile needs BuildKit,
such as fastapi-uv with its `RUN --mount`, takes `--backend buildkit`); the first run may
build cold. The unedited images stay tagged `layerlab-bench/overhead:PROJECT-*-warm-*`: with the
classic builder, deleting them would delete the cache the next run primes from.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from docker.errors import DockerException

from layerlab.cache.plan import target_stage
from layerlab.context import BuildContext
from layerlab.dockerfile import parse
from layerlab.engine import classic
from layerlab.engine.discovery import EngineUnavailable, buildx_available, connect
from layerlab.engine.experiment import BACKEND_BUILDERS
from layerlab.engine.history import image_sizes
from layerlab.engine.outcome import BuildOutcome, BuildRequest

SAMPLES = Path(__file__).resolve().parent.parent / "sample_projects"
TAG = "layerlab-bench/overhead"
RATIO_TARGET = 1.10
LAB, DOCKER = "layerlab", "docker"
# BuildKit's plain progress: "#12 [prod 2/4] COPY ..." opens a step, "#12 CACHED" marks a hit.
PLAIN_STEP_RE = re.compile(r"^#(\d+) \[(?:[^\]\s]+ )?\d+/\d+\] (.*)$", re.MULTILINE)
PLAIN_CACHED_RE = re.compile(r"^#(\d+) CACHED$", re.MULTILINE)


@dataclass(frozen=True)
class Scenario:
    name: str
    dockerfile: str  # relative to the project
    target: str | None
    edit: bool  # append a unique comment to the code files before each build


@dataclass(frozen=True)
class Build:
    seconds: float
    steps_run: int  # steps the engine executed rather than took from the cache


@dataclass
class Result:
    scenario: Scenario
    rounds: list[dict[str, Build]] = field(default_factory=list)
    size_lookups: list[float] = field(default_factory=list)

    def median(self, side: str) -> float:
        return statistics.median(r[side].seconds for r in self.rounds)

    @property
    def ratio(self) -> float:
        return statistics.median(r[LAB].seconds / r[DOCKER].seconds for r in self.rounds)

    def steps_run(self, side: str) -> str:
        return ",".join(str(n) for n in sorted({r[side].steps_run for r in self.rounds}))


@dataclass
class Bench:
    """One backend's races on one working copy of the project."""

    backend: str
    folder: Path
    code_files: list[str]
    originals: dict[str, bytes]
    edited_tags: list[str] = field(default_factory=list)

    def tag(self, side: str, scenario: Scenario, round_no: int) -> str:
        label = re.sub(r"[^a-z0-9]+", "-", scenario.name.lower()).strip("-")
        suffix = f"-r{round_no}" if scenario.edit else ""  # edited images are all different
        tag = f"{TAG}:{self.folder.name}-{self.backend}-{side}-{label}{suffix}"
        if scenario.edit:
            self.edited_tags.append(tag)
        return tag

    def write_code(self, note: str | None) -> None:
        """Each code file as in the project, plus a comment line `note` unless it is None."""
        for path in self.code_files:
            line = b"" if note is None else f"# build_overhead {note} {time.time_ns()}\n".encode()
            (self.folder / path).write_bytes(self.originals[path] + line)

    def lab(self, scenario: Scenario, tag: str) -> tuple[Build, float]:
        """LayerLab's build, then (timed apart) the size lookup the lab makes after it."""
        start = time.perf_counter()
        text = (self.folder / scenario.dockerfile).read_bytes()
        context = BuildContext.from_dir(self.folder).with_contents({"Dockerfile": text})
        request = BuildRequest(context, "Dockerfile", tag, target=scenario.target)
        outcome = BACKEND_BUILDERS[self.backend](request, on_update=_ignore)
        seconds = time.perf_counter() - start
        if outcome.error or not outcome.image_id:
            sys.exit(f"{self.backend} {scenario.name}: LayerLab's build failed: {outcome.error}")
        steps_run = sum(not step.cached for step in outcome.steps)
        return Build(seconds, steps_run), size_lookup_seconds(outcome, text, scenario.target)

    def docker(self, scenario: Scenario, tag: str) -> Build:
        command = ["docker", "build", "-f", str(self.folder / scenario.dockerfile), "-t", tag]
        if scenario.target:
            command += ["--target", scenario.target]
        env = {**os.environ, "DOCKER_BUILDKIT": "0" if self.backend == "classic" else "1"}
        start = time.perf_counter()
        done = subprocess.run(
            [*command, str(self.folder)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
        )
        seconds = time.perf_counter() - start
        output = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0:
            sys.exit(f"{self.backend} {scenario.name}: docker build failed:\n{output[-2000:]}")
        return Build(seconds, cli_steps_run(output, self.backend))

    def build(self, side: str, scenario: Scenario, round_no: int) -> tuple[Build, float | None]:
        tag = self.tag(side, scenario, round_no)
        if scenario.edit:
            self.write_code(f"{self.backend} {side} round {round_no}")
        try:
            if side == LAB:
                return self.lab(scenario, tag)
            return self.docker(scenario, tag), None
        finally:
            if scenario.edit:
                self.write_code(None)  # the warm scenarios expect the unedited files

    def race(self, cases: list[Scenario], rounds: int) -> list[Result]:
        """Every round builds every scenario, so each one's samples span the whole run."""
        results = [Result(scenario) for scenario in cases]
        for round_no in range(rounds):
            for index, result in enumerate(results):
                order = (LAB, DOCKER) if (round_no + index) % 2 == 0 else (DOCKER, LAB)
                builds = {}
                for side in order:
                    builds[side], lookup = self.build(side, result.scenario, round_no)
                    if lookup is not None:
                        result.size_lookups.append(lookup)
                result.rounds.append(builds)
        return results


def _ignore(_outcome: BuildOutcome) -> None:
    """The lab's live-update hook, minus the UI: the builder still does its per-chunk work."""


def size_lookup_seconds(outcome: BuildOutcome, text: bytes, target: str | None) -> float:
    """What the experiment's size lookup costs: a client, the image and its history."""
    dockerfile = parse(text.decode("utf-8"))
    start = time.perf_counter()
    client = connect()
    try:
        image_sizes(client, str(outcome.image_id), dockerfile, target_stage(dockerfile, target))
    finally:
        client.close()
    return time.perf_counter() - start


def cli_steps_run(output: str, backend: str) -> int:
    """Steps `docker build` executed, read from its output (FROM is a lookup, never a run)."""
    if backend == "classic":
        parser = classic.ClassicParser(time.monotonic)
        parser.feed({"stream": output})
        return sum(not step.cached for step in parser.finish().steps)
    cached = set(PLAIN_CACHED_RE.findall(output))
    steps = dict(PLAIN_STEP_RE.findall(output))
    return sum(1 for n, instr in steps.items() if n not in cached and not instr.startswith("FROM "))


def scenarios(project: dict[str, str]) -> list[Scenario]:
    dockerfile, target = project["dockerfile"], project.get("target")
    named = f"{dockerfile} ({target})" if target else dockerfile
    warm = [Scenario(f"warm {named}", dockerfile, target, edit=False)]
    if "before" in project:
        warm.append(Scenario(f"warm {project['before']}", project["before"], None, edit=False))
    return [*warm, Scenario(f"code-edit {named}", dockerfile, target, edit=True)]


def run_backend(bench: Bench, cases: list[Scenario], rounds: int) -> list[Result]:
    start = time.perf_counter()
    for scenario in cases:
        if not scenario.edit:  # the edited scenario starts from the same unedited cache
            for side in (LAB, DOCKER):
                bench.build(side, scenario, 0)
    print(f"{bench.backend}: both sides primed (untimed) in {time.perf_counter() - start:.1f} s")
    return bench.race(cases, rounds)


def print_results(backend: str, results: list[Result]) -> float:
    """One row per scenario, then the backend's overall ratio, which it returns."""
    for result in results:
        steps = f"{result.steps_run(LAB)}/{result.steps_run(DOCKER)}"
        print(
            f"{backend:9} {result.scenario.name:34} {result.median(LAB):8.3f} "
            f"{result.median(DOCKER):9.3f} {result.ratio:6.2f}   {steps}"
        )
    overall = statistics.geometric_mean(result.ratio for result in results)
    verdict = "ok" if overall <= RATIO_TARGET else "MISSED"
    print(f"{backend:9} {'overall (geometric mean)':34} {'':8} {'':9} {overall:6.2f}   {verdict}")
    lookups = [s for result in results for s in result.size_lookups]
    print(
        f"{'':9} (the lab's layer-size lookup after a build, not in the ratio: "
        f"{statistics.median(lookups):.3f} s)"
    )
    return overall


def delete_tags(tags: list[str]) -> None:
    """Untag the edited images; images that other tags still name stay."""
    with contextlib.closing(connect()) as client:
        for tag in dict.fromkeys(tags):
            with contextlib.suppress(DockerException):
                client.images.remove(tag)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--backend", choices=sorted(BACKEND_BUILDERS))
    parser.add_argument("--project", default="django-uwsgi")
    args = parser.parse_args(argv)
    root = SAMPLES / args.project
    declaration = tomllib.loads((root / "layerlab.toml").read_text(encoding="utf-8"))
    cases = scenarios(declaration["project"])
    code_files = declaration["edits"]["code"]
    backends = [args.backend] if args.backend else ["classic", "buildkit"]
    check_engine(backends)
    results: dict[str, list[Result]] = {}
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix="layerlab-overhead-") as tmp:
            folder = Path(shutil.copytree(root, Path(tmp) / root.name))
            originals = {path: (folder / path).read_bytes() for path in code_files}
            bench = Bench(backend, folder, code_files, originals)
            try:
                results[backend] = run_backend(bench, cases, args.rounds)
            finally:
                delete_tags(bench.edited_tags)
    print(f"\n{root.name}: LayerLab vs `docker build`, {args.rounds} rounds, medians (seconds)")
    header = f"{'backend':9} {'scenario':34} {'layerlab':>8} {'docker':>9} {'ratio':>6}"
    print(f"{header}   steps run layerlab/docker")
    overall = {backend: print_results(backend, rows) for backend, rows in results.items()}
    return 0 if all(ratio <= RATIO_TARGET for ratio in overall.values()) else 1


def check_engine(backends: list[str]) -> None:
    try:
        connect().close()
    except EngineUnavailable as exc:
        sys.exit(str(exc))
    if "buildkit" in backends and not buildx_available():
        sys.exit("docker buildx is missing: no BuildKit race (try --backend classic)")


if __name__ == "__main__":
    sys.exit(main())
