"""Layer analysis of django-uwsgi's "before" image: seconds and peak memory, both paths.

    python bench/layer_analysis.py [--rounds 5] [--project django-uwsgi]

Builds the project's "before" Dockerfile (the full python:3.11 base, about 700 MB; cached
after the first run) and tags it `layerlab-bench/layers:<project>-before`. Each round then
times, back to back:
- the storage path: `layer_report` reading the engine's overlay2 folders (layer_store);
- the export path: the engine's export alone (every chunk of `get_image` read and dropped,
  with the wait for its first byte: Docker < 25 writes the whole save to a temporary folder
  before it sends anything), then `layer_report` reading the export (LayerLab's share is
  the report minus the drain of the same round).
Every round is cold for LayerLab: nothing is cached between reports (the host's page cache
is what it is; the export path's engine work dwarfs it). Peak memory: each path's report
once more in a fresh Python process, under tracemalloc (Python's allocations) and as that
process's max RSS. The two reports must be equal. Target: the report LayerLab uses by default
(storage when readable) < 5 s on 2 cores; exit 1 when it is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from layerlab.dockerfile import parse
from layerlab.engine.discovery import EngineUnavailable, connect
from layerlab.engine.layer_store import stored_layers
from layerlab.engine.layers import CHUNK, layer_report
from layerlab.layer_report import EXPORT, STORAGE
from layerlab.sample_projects import ROOT, load_project

TARGET_SECONDS = 5.0
MB = 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--project", default="django-uwsgi")
    parser.add_argument("--memory-of", choices=(STORAGE, EXPORT), help=argparse.SUPPRESS)
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
    dockerfile = parse((project.root / project.before).read_text(encoding="utf-8"))
    if args.memory_of:  # the child process of _memory
        print(json.dumps(_peak(client, tag, dockerfile, args.memory_of)))
        return 0
    client.images.build(path=str(project.root), dockerfile=project.before, tag=tag, rm=True)
    inspect = client.api.inspect_image(tag)
    has_storage = stored_layers(inspect) is not None

    load = os.getloadavg()
    stored, firsts, drains, exported, shares = [], [], [], [], []
    reports = {}
    for _ in range(args.rounds):
        if has_storage:
            started = time.perf_counter()
            reports[STORAGE] = layer_report(client, tag, dockerfile, read_from=STORAGE)
            stored.append(time.perf_counter() - started)
        first, drain = _drain(client, inspect["Id"])
        started = time.perf_counter()
        reports[EXPORT] = layer_report(client, tag, dockerfile, read_from=EXPORT)
        elapsed = time.perf_counter() - started
        firsts.append(first)
        drains.append(drain)
        exported.append(elapsed)
        shares.append(elapsed - drain)

    def median(values: list[float]) -> str:
        return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"

    report = reports[EXPORT]
    print(
        f"image: {tag}, {inspect['Size'] / MB:.0f} MB, {len(report.layers)} layers, "
        f"CPUs {os.cpu_count()}"
    )
    print(f"load average (1, 5, 15 min): before {_load(load)}, after {_load(os.getloadavg())}")
    print(
        f"rounds: {args.rounds}, cold (nothing cached between reports), chunk {CHUNK // 1024} KiB"
    )
    if has_storage:
        print(f"storage path, layer_report:   {median(stored)}  {_memory(args.project, STORAGE)}")
        print(f"storage == export report:     {reports[STORAGE] == report}")
    else:
        print("storage path: not readable here (not root, not overlay2, or a remote engine)")
    print(f"export path, first byte:      {median(firsts)}")
    print(f"export path, drained:         {median(drains)}")
    print(f"export path, layer_report:    {median(exported)}  {_memory(args.project, EXPORT)}")
    print(f"export path, LayerLab's share (report - drain, same round): {median(shares)}")
    print(f"result: wasted {report.wasted_bytes / MB:.2f} MB, efficiency {report.efficiency:.4f}")
    default = statistics.median(stored if has_storage else exported)
    verdict = "met" if default < TARGET_SECONDS else "MISSED"
    path = STORAGE if has_storage else EXPORT
    print(
        f"target: layer_report ({path} path, the default here) < {TARGET_SECONDS:.0f} s: {verdict}"
    )
    equal = not has_storage or reports[STORAGE] == report
    return 0 if default < TARGET_SECONDS and equal else 1


def _load(figures: tuple[float, float, float]) -> str:
    return " ".join(f"{x:.2f}" for x in figures)


def _drain(client, image_id: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(seconds to the first chunk, seconds to the last) of the engine's export."""
    started = time.perf_counter()
    first = None
    for _ in client.api.get_image(image_id, chunk_size=CHUNK):
        if first is None:
            first = time.perf_counter() - started
    return first or 0.0, time.perf_counter() - started


def _memory(project: str, read_from: str) -> str:
    """Peak memory of one report on `read_from`, in a fresh process (max RSS is per process)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--project", project]
    done = subprocess.run(
        [*command, "--memory-of", read_from], capture_output=True, text=True, check=True
    )
    peak = json.loads(done.stdout)
    return (
        f"peak {peak['traced'] / MB:.2f} MB traced, max RSS {peak['rss'] / MB:.1f} MB "
        f"(process before the report {peak['rss_before'] / MB:.1f} MB)"
    )


def _peak(client, tag: str, dockerfile, read_from: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    tracemalloc.start()
    layer_report(client, tag, dockerfile, read_from=read_from)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"traced": traced, "rss": rss, "rss_before": rss_before}


if __name__ == "__main__":
    sys.exit(main())
