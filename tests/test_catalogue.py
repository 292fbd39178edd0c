"""The catalogue is the team's RULES.md: every rule it lists exists with its ID, name, default
level and hadolint codes, read from the spec itself (no copy of it here). Rules the project
adds beyond it keep their own codes and names."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from layerlab.lessons import load_lessons
from layerlab.lint import lint
from layerlab.lint.registry import LESSONS, Rule, all_rules

ROOT = Path(__file__).resolve().parent.parent
# RULES.md sits beside the repository (../shared) or beside the worktrees (../../shared);
# LAYERLAB_RULES_SPEC names it anywhere else.
SPEC_PLACES = [ROOT.parent / "shared" / "RULES.md", ROOT.parent.parent / "shared" / "RULES.md"]
ROW_RE = re.compile(r"^\|\s*(LL\d{3})\s*\|")


@dataclass(frozen=True)
class SpecRow:
    code: str
    name: str
    level: str
    equivalents: tuple[str, ...]  # hadolint codes and other tools' check names


def _spec_path() -> Path:
    named = os.environ.get("LAYERLAB_RULES_SPEC")
    found = next((p for p in ([Path(named)] if named else SPEC_PLACES) if p.is_file()), None)
    if found is None:
        message = f"RULES.md not found (LAYERLAB_RULES_SPEC, or {SPEC_PLACES[0]})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def _equivalents(cell: str) -> tuple[str, ...]:
    """'DL3002 (explicit root only), CKV2_DOCKER_2/3' -> ('DL3002', 'CKV2_DOCKER_2', ...)."""
    names: list[str] = []
    for item in re.sub(r"\([^)]*\)", "", cell).split(","):
        item = item.strip()
        if not item or item == "none":
            continue
        head, *more = item.split("/")
        names.append(head)
        prefix = head.rsplit("_", 1)[0] + "_"
        names += [prefix + suffix for suffix in more]
    return tuple(names)


@pytest.fixture(scope="module")
def spec() -> dict[str, SpecRow]:
    rows = {}
    for line in _spec_path().read_text("utf-8").splitlines():
        if ROW_RE.match(line):
            code, name, level, _, equivalent = (c.strip() for c in line.strip("| ").split(" | "))
            rows[code] = SpecRow(code, name, level, _equivalents(equivalent))
    return rows


def test_every_catalogue_rule_exists_with_its_name_and_level(spec: dict[str, SpecRow]) -> None:
    assert spec, "no rule rows in RULES.md"
    ours = {rule.code: (rule.name, rule.level.value) for rule in all_rules()}
    assert {code: ours.get(code) for code in spec} == {
        row.code: (row.name, row.level) for row in spec.values()
    }


def test_rules_beyond_the_catalogue_take_names_it_does_not_use(spec: dict[str, SpecRow]) -> None:
    names = {row.name for row in spec.values()}
    added = [rule for rule in all_rules() if rule.code not in spec]
    assert all(rule.name not in names for rule in added)
    assert len({rule.name for rule in all_rules()}) == len(all_rules())


def _catalogued(rule: Rule, spec: dict[str, SpecRow]) -> SpecRow:
    if rule.code not in spec:
        pytest.skip(f"{rule.code} is added beyond RULES.md")
    return spec[rule.code]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_a_rule_names_the_hadolint_codes_of_the_catalogue(
    rule: Rule, spec: dict[str, SpecRow]
) -> None:
    listed = tuple(code for code in _catalogued(rule, spec).equivalents if code.startswith("DL"))
    assert rule.hadolint == listed


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_a_rule_knows_the_other_tools_the_catalogue_names(
    rule: Rule, spec: dict[str, SpecRow]
) -> None:
    others = {name for name in _catalogued(rule, spec).equivalents if not name.startswith("DL")}
    assert others <= set(rule.aliases)


def test_equivalents_are_read_as_names() -> None:
    assert _equivalents("DL3002 (explicit root only), CKV_DOCKER_3, DS-0002") == (
        "DL3002",
        "CKV_DOCKER_3",
        "DS-0002",
    )
    assert _equivalents("CKV2_DOCKER_2/3/16") == (
        "CKV2_DOCKER_2",
        "CKV2_DOCKER_3",
        "CKV2_DOCKER_16",
    )
    assert _equivalents("none (no linter checks this)") == ()


def test_every_rule_names_a_lesson_that_exists() -> None:
    assert {rule.lesson for rule in all_rules()} <= set(LESSONS)


def test_hadolint_equivalents_are_dl_codes() -> None:
    assert all(code.startswith("DL") for rule in all_rules() for code in rule.hadolint)


def test_every_rule_is_shown_in_some_lesson() -> None:
    taught = {code for lesson in load_lessons() for code in lesson.rules}
    assert {rule.code for rule in all_rules()} <= taught


def test_every_rule_is_listed_by_its_lesson_or_by_the_summary() -> None:
    # A lesson lists only the rules it teaches; the summary (the last lesson) also lists the
    # generic ones no lesson teaches, such as the syntax rules.
    lessons = load_lessons()
    by_lesson = {(lesson.slug, code) for lesson in lessons for code in lesson.rules}
    summary = set(lessons[-1].rules)
    assert all(
        (rule.lesson, rule.code) in by_lesson or rule.code in summary for rule in all_rules()
    )


def test_a_finding_hadolint_would_not_report_carries_no_dl_code() -> None:
    findings = lint("FROM python:3.12-slim\nADD app.tar.gz app/\nCOPY app.py app/\n")
    by_line = {f.line: f.hadolint for f in findings if f.code == "LL009"}
    assert by_line == {2: None, 3: "DL3045"}
