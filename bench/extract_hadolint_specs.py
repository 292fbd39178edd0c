"""Extract hadolint's default-config rule spec cases into .cache/hadolint-specs/ (git-ignored).

    python bench/extract_hadolint_specs.py [HADOLINT_GIT_DIR] [--commit SHA] [--out DIR]

HADOLINT_GIT_DIR defaults to $HADOLINT_GIT_DIR, else the snapshot at
/work/.mirror/hadolint+hadolint (its `repo` git directory). hadolint is GPL-3.0 and our rule is
not to copy its test snippets into this repository (shared notes, linters.md section 9): the
cases are extracted on demand into a git-ignored folder, with the hadolint commit recorded in
its manifest.json; tests/test_hadolint_agreement.py skips the spec yardstick without it.

Reads `test/Hadolint/Rule/DL*Spec.hs` at a commit of a hadolint/hadolint clone (git show, no
work tree needed) and writes, for every `ruleCatches`, `ruleCatchesNot`, `onBuildRuleCatches`,
`onBuildRuleCatchesNot` and `assertChecks ... (failsWith N ...)` assertion on a DL code that a
LayerLab rule claims (Rule.hadolint), one small Dockerfile and a manifest entry: spec file,
case name, assertion, DL code and whether hadolint expects it to fire. Cases that set a
non-default `?config` are left out. `onBuild*` assertions get RUN wrapped in ONBUILD, as
hadolint's test helper does. A snippet with no FROM gets `FROM python:3.12-slim` in front
(`from_added` in the manifest): hadolint's spec runner lints it stage-less, while Docker and
LayerLab only know instructions inside a stage; the hadolint binary is run on the same file, so
the benchmark shows whether the added line changes hadolint's own answer.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path

from layerlab.lint.registry import all_rules

OUT = Path(__file__).resolve().parent.parent / ".cache" / "hadolint-specs"
MIRROR = Path("/work/.mirror/hadolint+hadolint")
ADDED_FROM = "FROM python:3.12-slim\n"
ASSERTION_RE = re.compile(
    r"\b(ruleCatches|ruleCatchesNot|onBuildRuleCatches|onBuildRuleCatchesNot)\s+"
    r"(\"DL\d{4}\"|[a-z]\w*)\s*"
)
FAILS_WITH_RE = re.compile(r"failsWith\s+(\d+)\s+\"(DL\d{4})\"")
IT_RE = re.compile(r"^\s*it\s+\"((?:[^\"\\]|\\.)*)\"", re.MULTILINE)
STRING_RE = re.compile(r"\"((?:[^\"\\]|\\\s+\\|\\.)*)\"")
BINDING_RE = re.compile(r"let\s+(\w+)\s*=\s*")
ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "&": "", "r": "\r"}


@dataclass(frozen=True)
class Case:
    file: str  # the Dockerfile, relative to the corpus folder
    spec: str
    name: str
    assertion: str
    code: str
    fires: bool
    from_added: bool = False


def haskell_string(body: str) -> str:
    """Unescape the inside of a Haskell string literal."""
    out, i = [], 0
    while i < len(body):
        char = body[i]
        if char != "\\":
            out.append(char)
            i += 1
            continue
        gap = re.match(r"\\\s+\\", body[i:])
        if gap:
            i += gap.end()
            continue
        number = re.match(r"\\(\d+)", body[i:])
        if number:
            out.append(chr(int(number.group(1))))
            i += number.end()
            continue
        out.append(ESCAPES.get(body[i + 1], body[i + 1]))
        i += 2
    return "".join(out)


def list_literal(text: str, start: int) -> tuple[list[str], int] | None:
    """The strings of a `[ "a", "b" ]` literal starting at text[start], and its end."""
    if start >= len(text) or text[start] != "[":
        return None
    items, i = [], start + 1
    while i < len(text):
        if text[i] == "]":
            return items, i + 1
        if text[i] == '"':
            match = STRING_RE.match(text, i)
            if not match:
                return None
            items.append(haskell_string(match.group(1)))
            i = match.end()
            continue
        if text[i] not in " \t\n,":
            return None
        i += 1
    return None


def value_at(text: str, start: int, bindings: dict[str, str]) -> str | None:
    """The Dockerfile text an assertion's argument denotes."""
    rest = text[start:].lstrip()
    offset = len(text) - len(rest)
    rest = rest.removeprefix("$").lstrip()
    offset = len(text) - len(rest)
    paren = rest.startswith("(")
    if paren:
        rest = rest[1:].lstrip()
        offset = len(text) - len(rest)
    if rest.startswith("Text.unlines"):
        after = rest[len("Text.unlines") :].lstrip()
        pos = len(text) - len(after)
        literal = list_literal(text, pos)
        if literal is not None:
            return "".join(line + "\n" for line in literal[0])
        name = re.match(r"(\w+)", after)
        if name and name.group(1) in bindings:
            return bindings[name.group(1)]
        return None
    match = STRING_RE.match(text, offset)
    if match:
        return haskell_string(match.group(1))
    name = re.match(r"(\w+)", rest)
    return bindings.get(name.group(1)) if name else None


def bindings_in(block: str) -> dict[str, str]:
    found = {}
    for match in BINDING_RE.finditer(block):
        start = match.end()
        unlines = re.match(r"Text\.unlines\s*", block[start:])
        if unlines:
            start += unlines.end()
        literal = list_literal(block, start)
        if literal is not None:
            found[match.group(1)] = "".join(line + "\n" for line in literal[0])
            continue
        string = STRING_RE.match(block, start)
        if string:
            found[match.group(1)] = haskell_string(string.group(1))
    return found


def on_build(dockerfile: str) -> str:
    """hadolint's helper wraps every RUN instruction in ONBUILD."""
    lines, continued = [], False
    for line in dockerfile.split("\n"):
        if not continued and re.match(r"\s*RUN\b", line, re.IGNORECASE):
            line = "ONBUILD " + line.lstrip()
        continued = line.rstrip().endswith("\\")
        lines.append(line)
    return "\n".join(lines)


def cases_in(spec: str, source: str, codes: set[str]) -> tuple[list[tuple[Case, str]], int]:
    """(case, Dockerfile) pairs of one spec file, and how many assertions were not read."""
    starts = [m.start() for m in IT_RE.finditer(source)] + [len(source)]
    spec_level = bindings_in(source[: starts[0]])  # e.g. `let rule = "DL3067"`
    result, unread = [], 0
    for begin, end in pairwise(starts):
        block = source[begin:end]
        name = haskell_string(IT_RE.match(block).group(1))  # type: ignore[union-attr]
        if re.search(r"\?config\s*=\s*def\s*\{", block):
            continue  # not the default configuration
        bindings = spec_level | bindings_in(block)
        assertions = [
            (
                m.group(1),
                bindings.get(m.group(2), m.group(2)).strip('"'),
                value_at(block, m.end(), bindings),
            )
            for m in ASSERTION_RE.finditer(block)
        ]
        for m in re.finditer(r"assertChecks\b", block):
            fails = FAILS_WITH_RE.search(block, m.end())
            if fails:
                kind = f"failsWith {fails.group(1)}"
                assertions.append((kind, fails.group(2), value_at(block, m.end(), bindings)))
        for kind, code, text in assertions:
            if code not in codes:
                continue
            if text is None:
                unread += 1
                continue
            if kind.startswith("onBuild"):
                text = on_build(text)
            fires = kind in ("ruleCatches", "onBuildRuleCatches") or (
                kind.startswith("failsWith") and kind != "failsWith 0"
            )
            index = len(result) + 1
            stem = spec.removesuffix("Spec.hs")
            from_added = not re.search(r"^\s*FROM\b", text, re.IGNORECASE | re.MULTILINE)
            if from_added:
                text = ADDED_FROM + text
            file = f"{stem}-{index:03d}.Dockerfile"
            case = Case(file, spec, name, kind, code, fires, from_added)
            result.append((case, text))
    return result, unread


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def default_repo() -> Path:
    """$HADOLINT_GIT_DIR, else the mirror snapshot (a bare git directory, maybe under repo/)."""
    named = os.environ.get("HADOLINT_GIT_DIR")
    if named:
        return Path(named)
    return MIRROR / "repo" if (MIRROR / "repo").is_dir() else MIRROR


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "repo", type=Path, nargs="?", default=None, help="a hadolint/hadolint git directory"
    )
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    args = parser.parse_args()
    repo = args.repo or default_repo()
    out: Path = args.out
    commit = git(repo, "rev-parse", args.commit).strip()
    codes = {code for rule in all_rules() for code in rule.hadolint}
    specs = [
        path
        for path in git(repo, "ls-tree", "--name-only", commit, "test/Hadolint/Rule/").split()
        if re.search(r"DL\d{4}Spec\.hs$", path)
    ]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.Dockerfile"):
        old.unlink()
    manifest, unread = [], 0
    for path in specs:
        found, missed = cases_in(Path(path).name, git(repo, "show", f"{commit}:{path}"), codes)
        unread += missed
        for case, text in found:
            (out / case.file).write_text(text, encoding="utf-8")
            manifest.append(asdict(case))
    (out / "manifest.json").write_text(
        json.dumps(
            {"hadolint_repo": "hadolint/hadolint", "commit": commit, "cases": manifest}, indent=1
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(manifest)} cases from {len(specs)} spec files at {commit}", file=sys.stderr)
    if unread:
        print(f"{unread} assertions could not be read", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
