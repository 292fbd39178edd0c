"""Lint the real-world corpus with and without each project's files as the build context.

The context of a corpus file is its repository at the recorded commit (sources.json), or the
folder of it recorded as the file's `context`, as `docker build -f PATH FOLDER` sends it; both
runs pass the file's path in the repository (sources.json's `path`), as the CLI passes a file's
place in its repository. The repositories come from the git snapshots in /work/.mirror
(owner+name/, fetched beforehand); each commit is unpacked once into the folder given by
`--contexts` (default: one in the system's temp folder). A partial snapshot (large blobs left
out) is unpacked without the missing blobs. Prints, per rule asked for, the findings without
and with the context, and every finding that differs.

    python bench/lint_with_context.py LL201 LL208 LL209 [--mirror DIR] [--contexts DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from layerlab.context import BuildContext
from layerlab.lint import lint

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "realworld"


def git(git_dir: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], input=stdin, capture_output=True, check=True
    ).stdout


def unpack(git_dir: Path, commit: str, target: Path) -> None:
    """The tree of `commit` into `target`: every blob the snapshot holds."""
    tree = git(git_dir, "ls-tree", "-r", "-z", commit).decode().split("\0")
    entries = [
        (meta.split()[2], path)
        for meta, path in (e.split("\t", 1) for e in tree if e)
        if meta.split()[1] == "blob"
    ]
    out = git(git_dir, "cat-file", "--batch", stdin="".join(f"{s}\n" for s, _ in entries).encode())
    position = 0
    for _, path in entries:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        file = target / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(out[position : position + size])
        position += size + 1


def context_of(source: dict[str, str], mirror: Path, contexts: Path) -> BuildContext:
    folder = contexts / f"{source['repo'].replace('/', '+')}-{source['commit'][:12]}"
    if not folder.is_dir():
        base = mirror / source["repo"].replace("/", "+")
        git_dir = base / "repo" if (base / "repo").is_dir() else base
        partial = folder.with_name(folder.name + ".partial")
        partial.mkdir(parents=True, exist_ok=True)
        unpack(git_dir, source["commit"], partial)
        partial.rename(folder)
    return BuildContext.from_dir(folder / source.get("context", "."))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", nargs="+", help="rule codes, e.g. LL208")
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument(
        "--contexts", type=Path, default=Path(tempfile.gettempdir()) / "layerlab-realworld-contexts"
    )
    args = parser.parse_args()
    counts: dict[bool, Counter[str]] = {False: Counter(), True: Counter()}
    changed = []
    for source in json.loads((CORPUS / "sources.json").read_text()):
        text = (CORPUS / source["file"]).read_text(encoding="utf-8")
        found = {}
        for with_context in (False, True):
            context = context_of(source, args.mirror, args.contexts) if with_context else None
            found[with_context] = {
                (f.code, f.line, f.message)
                for f in lint(text, context=context, path=source["path"])
                if f.code in args.codes
            }
            counts[with_context].update(code for code, _, _ in found[with_context])
        for sign, side in (("-", found[False] - found[True]), ("+", found[True] - found[False])):
            changed += [(source["file"], sign, *finding) for finding in sorted(side)]
    print(f"{'rule':<8} {'without':>8} {'with context':>13}")
    for code in args.codes:
        print(f"{code:<8} {counts[False][code]:>8} {counts[True][code]:>13}")
    print("\nWith the context (- gone, + new):" if changed else "\nThe context changes nothing.")
    for file, sign, code, line, message in changed:
        print(f"{sign} {code} {file}:{line} {message}")


if __name__ == "__main__":
    main()
