"""Layer analysis of django-uwsgi's "before" image: seconds and peak memory.

    python bench/layer_analysis.py [--rounds 5] [--project django-uwsgi]

Builds the project's "before" Dockerfile (the full python:3.11 base, about 700 MB; cached
after the first run) and tags it `layerlab-bench/layers:<project>-before`. Each round then
times, back to back, the engine's export alone (every chunk of `get_image` read and dropped:
the floor no reader of the export can beat) and LayerLab's whole `layer_report` (export,
streamed tar walk, analysis), plus the first byte of the export, which shows how long the
engine prepares before it sends anything. LayerLab's own share is the report minus the drain
of the same round, and its CPU time (the engine works in another process). Peak memory: one
more report under tracemalloc (Python's allocations) and the process's max RSS. The target
(< 5 s on 2 cores) is checked on LayerLab's share; exit 1 when it is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc

from layerlab.dockerfile import parse
from layerlab.engine.discovery import EngineUnavailable, connect
from layerlab.engine.layers import CHUNK, layer_report
from layerlab.sample_projects import ROOT, load_project

TARGET_SECONDS = 5.0
MB = 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--project", default="django-uwsgi")
    args = parser.parse_args()
    project = load_project(ROOT / args.project)
    if project.before is None:
        print(f"{args.project} declares no before Dockerfile", file=sys.stderr)
        return 2
    try:
        client = connect()
    except EngineUnavailable as exc:
        print(exc, file=sys.stderr)
        return 2
    tag = f"layerlab-bench/layers:{args.project}-before"
    client.images.build(path=str(project.root), dockerfile=project.before, tag=tag, rm=True)
    dockerfile = parse((project.root / project.before).read_text(encoding="utf-8"))
    image_id = client.api.inspect_image(tag)["Id"]
    size = client.api.inspect_image(tag)["Size"]

    drains, firsts, reports, shares, cpus = [], [], [], [], []
    report = None
    for _ in range(args.rounds):
        first, drain = _drain(client, image_id)
        started, cpu = time.perf_counter(), time.process_time()
        report = layer_report(client, tag, dockerfile)
        elapsed = time.perf_counter() - started
        drains.append(drain)
        firsts.append(first)
        reports.append(elapsed)
        shares.append(elapsed - drain)
        cpus.append(time.process_time() - cpu)
    assert report is not None

    tracemalloc.start()
    layer_report(client, tag, dockerfile)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"

    share = statistics.median(shares)
    print(f"image: {tag}, {size / MB:.0f} MB, {len(report.layers)} layers, CPUs {os.cpu_count()}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"rounds: {args.rounds}, chunk {CHUNK // 1024} KiB")
    print(f"engine export, first byte:    {median(firsts)}")
    print(f"engine export, drained:       {median(drains)}")
    print(f"layer_report, whole:          {median(reports)}")
    print(f"LayerLab's share (report - drain, same round): {share:.2f} s")
    print(f"LayerLab's CPU time per report: {median(cpus)}")
    print(f"peak memory: {peak / MB:.1f} MB traced (tracemalloc), {max_rss / MB:.1f} MB max RSS")
    print(f"result: wasted {report.wasted_bytes / MB:.2f} MB, efficiency {report.efficiency:.4f}")
    verdict = "met" if share < TARGET_SECONDS else "MISSED"
    print(f"target: LayerLab's share < {TARGET_SECONDS:.0f} s: {verdict}")
    return 0 if share < TARGET_SECONDS else 1


def _drain(client, image_id: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(seconds to the first chunk, seconds to the last) of the engine's export."""
    started = time.perf_counter()
    first = None
    for _ in client.api.get_image(image_id, chunk_size=CHUNK):
        if first is None:
            first = time.perf_counter() - started
    return first or 0.0, time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
