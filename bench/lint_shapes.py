"""Lint time on the worst shapes that fit under the input cap: each must stay linear.

    python bench/lint_shapes.py [--repeat 3]

Builds each shape as large as the 256 KB cap allows (tens of thousands of one-line CMD, RUN,
USER and COPY instructions; 2,000 stages chained with COPY --from; 5,000 heredocs; 100,000
continuation lines), lints it in process and prints the best of `--repeat` runs: the CPU
seconds the lint took (judged against the target, 1 s per shape: on a shared machine other
processes inflate wall time, not CPU time) and its wall seconds, and whether every shape
meets the target.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from layerlab.dockerfile import MAX_BYTES
from layerlab.lint import lint

TARGET_SECONDS = 1.0
HEADER = "FROM python:3.12-slim\n"


def fill(line: str) -> str:
    """The header and as many copies of `line` as fit under the cap."""
    return HEADER + line * ((MAX_BYTES - len(HEADER)) // len(line))


def chained_stages(count: int = 2000) -> str:
    """Each stage copies from the one before it."""
    parts = ["FROM python:3.12-slim AS s0\nRUN touch /a\n"]
    for index in range(1, count):
        parts.append(f"FROM python:3.12-slim AS s{index}\nCOPY --from=s{index - 1} /a /a\n")
    return "".join(parts)


def heredocs(count: int = 5000) -> str:
    return HEADER + "RUN <<EOF\necho hi\nEOF\n" * count


def continuation_lines(count: int = 100_000) -> str:
    return HEADER + "RUN echo \\\n" + "\\\n" * count + "done\n"


SHAPES: dict[str, Callable[[], str]] = {
    "one-line CMD": lambda: fill("CMD a\n"),
    "one-line RUN": lambda: fill("RUN a\n"),
    "one-line USER": lambda: fill("USER a\n"),
    "one-line COPY": lambda: fill("COPY a b\n"),
    "2,000 stages chained with COPY --from": chained_stages,
    "5,000 heredocs": heredocs,
    "100,000 continuation lines": continuation_lines,
}


def best_seconds(text: str, repeat: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of the fastest of `repeat` lints."""
    times = []
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        lint(text)
        times.append((time.process_time() - cpu, time.perf_counter() - wall))
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    met = True
    for name, build in SHAPES.items():
        text = build()
        assert len(text.encode()) <= MAX_BYTES, name
        cpu, wall = best_seconds(text, args.repeat)
        met = met and cpu <= TARGET_SECONDS
        lines = text.count("\n")
        verdict = "ok" if cpu <= TARGET_SECONDS else "TOO SLOW"
        print(
            f"{name:38} {lines:7} lines {len(text) // 1024:4} KB "
            f"{cpu:6.3f} s CPU {wall:6.3f} s wall  {verdict}"
        )
    verdict = "met" if met else "NOT met"
    print(f"target: each shape <= {TARGET_SECONDS:.0f} s of CPU in process: {verdict}")


if __name__ == "__main__":
    main()
