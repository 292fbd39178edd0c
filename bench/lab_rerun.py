"""The build lab's full rerun on the server (predict + render), before and after the thin lab.

    python bench/lab_rerun.py [--reruns 30] [--rounds 3] [--before /work/wt/lab-before]

Each tree (this one, and `--before`: a checkout of the code to compare with, e.g.
`git worktree add /work/wt/lab-before main`) runs in a process of its own with that tree on
PYTHONPATH. The lab page is rendered through Streamlit's AppTest (the script runner, no
browser) with real builds off, and every rerun is timed from the request to the finished
run. Scenarios:
- builds off: the shipped sample projects, the same choices on every rerun (what a widget
  elsewhere on the page, or the build poll, costs);
- file switch: the same, alternating the reference and the "before" Dockerfile;
- recordings: a copy of the talk's project with recordings of both Dockerfiles
  (tests/recorded_project.py), so the lab has recorded runs, sizes and layers to draw.
The trees take turns (`--rounds`), so a busy machine slows both alike. Prints median and p95
per scenario and tree, and the after/before ratio of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ("builds off", "file switch", "recordings")


def lab_script() -> None:
    import streamlit as st

    from layerlab.ui.navigation import pages
    from layerlab.ui.pages.lab import render_lab

    st.navigation(pages(), position="hidden")
    render_lab()


def measure(scenario: str, reruns: int) -> list[float]:
    """Seconds per rerun of the lab page, after a first run that warms every cache."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(lab_script, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    files = _file_values()
    times = []
    for index in range(reruns):
        if scenario == "file switch":
            at.session_state["lab-source"] = files[index % len(files)]
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


def _file_values() -> tuple[str, str]:
    """The session values of the reference and the "before" Dockerfile in this tree."""
    try:
        from layerlab.lab.plan import BEFORE, REFERENCE  # the thin lab
    except ImportError:  # the lab before it named them after their strings
        return ("source_reference", "source_before")
    return (REFERENCE, BEFORE)


def child(args: argparse.Namespace) -> None:
    results = {scenario: measure(scenario, args.reruns) for scenario in args.scenarios}
    print(json.dumps(results))


def run_tree(tree: Path, scenario: str, reruns: int, samples: Path | None) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(tree), "LAYERLAB_BUILDS": "0"}
    env.pop("LAYERLAB_SAMPLES", None)
    if samples is not None:
        env["LAYERLAB_SAMPLES"] = str(samples)
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--reruns", str(reruns), "--scenarios", scenario],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{tree} {scenario}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])[scenario]


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3, help="alternations of the two trees")
    parser.add_argument("--before", type=Path, default=Path("/work/wt/lab-before"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS))
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    sys.path.insert(0, str(ROOT / "tests"))
    from recorded_project import recorded_samples

    recorded = recorded_samples(Path(tempfile.mkdtemp(prefix="lab-rerun-")))
    print(f"lab rerun, {args.reruns} reruns per scenario, builds off; seconds per rerun")
    print(f"{'scenario':<12} {'tree':<7} {'median':>8} {'p95':>8}")
    trees = {"before": args.before, "after": ROOT}
    for scenario in args.scenarios:
        samples = recorded if scenario == "recordings" else None
        times: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(args.rounds):  # alternated: a busy machine slows both alike
            for name, tree in trees.items():
                times[name] += run_tree(tree, scenario, args.reruns // args.rounds, samples)
        for name in trees:
            median = statistics.median(times[name])
            print(f"{scenario:<12} {name:<7} {median:>8.3f} {p95(times[name]):>8.3f}")
        ratio = statistics.median(times["after"]) / statistics.median(times["before"])
        print(f"{scenario:<12} after/before median: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
