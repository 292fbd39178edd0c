"""Our one-pass parser against dockerfile-parse, the reference it replaced for speed.

On every corpus Dockerfile dockerfile-parse reads without one of its known traps (heredocs,
continuations at end of file, blank lines in continuations: see notes/stack.md), both must
find the same instructions on the same lines with the same values (flags included).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser

from layerlab.dockerfile import Dockerfile, parse

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted(CORPUS.glob("*.Dockerfile")) + sorted(
    path for path in (CORPUS / "realworld").iterdir() if path.suffix not in (".json", ".md")
)
BOM = "\ufeff"


def _trap_free(dockerfile: Dockerfile) -> bool:
    return not dockerfile.problems and not any(i.heredocs for i in dockerfile.instructions)


def _ours(dockerfile: Dockerfile) -> list[tuple[str, int, int, str]]:
    rows = []
    for inst in dockerfile.instructions:
        flags = [f"--{f.name}" + (f"={f.value}" if f.value is not None else "") for f in inst.flags]
        rows.append(
            (inst.keyword, inst.start_line, inst.end_line, " ".join([*flags, inst.arguments]))
        )
    return rows


def _theirs(text: str) -> list[tuple[str, int, int, str]]:
    parser = DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8")))
    return [
        (item["instruction"].lstrip(BOM), item["startline"] + 1, item["endline"] + 1, item["value"])
        for item in parser.structure
        if item["instruction"] != "COMMENT"
    ]


def _folded(rows: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    return [(keyword, start, end, " ".join(value.split())) for keyword, start, end, value in rows]


TRAP_FREE = [path for path in FILES if _trap_free(parse(path.read_text(encoding="utf-8")))]


def test_most_of_the_corpus_is_compared() -> None:
    assert len(TRAP_FREE) >= 0.9 * len(FILES)


@pytest.mark.parametrize("path", TRAP_FREE, ids=lambda path: path.name)
def test_instructions_match_dockerfile_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _folded(_ours(parse(text))) == _folded(_theirs(text))
