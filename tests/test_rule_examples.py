"""Every rule's bad and good examples are its tests (one source of truth with the lessons)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from layerlab.analysis.releases import ended_debian, ended_python, parse_image
from layerlab.context import BuildContext
from layerlab.lint import Finding, lint
from layerlab.lint.registry import Example, Rule, all_rules


def _cases(kind: str) -> list[object]:
    return [
        pytest.param(rule, example, id=f"{rule.code}-{kind}{i}-{example.note or 'example'}")
        for rule in all_rules()
        for i, example in enumerate(getattr(rule, kind))
    ]


def _lint(example: Example) -> list[Finding]:
    context = BuildContext.from_files(example.context) if example.context is not None else None
    return lint(example.dockerfile, context=context, path=example.path)


def _lines_flagged(rule: Rule, example: Example) -> list[int]:
    return [f.line for f in _lint(example) if f.code == rule.code]


@pytest.mark.parametrize(("rule", "example"), _cases("bad"))
def test_bad_example_triggers_the_rule(rule: Rule, example: Example) -> None:
    lines = _lines_flagged(rule, example)
    assert lines, f"{rule.code} did not fire on:\n{example.dockerfile}"
    if example.lines is not None:
        assert sorted(lines) == sorted(example.lines)


@pytest.mark.parametrize(("rule", "example"), _cases("good"))
def test_good_example_is_clean_of_the_rule(rule: Rule, example: Example) -> None:
    assert _lines_flagged(rule, example) == []


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.bad and rule.good
    assert rule.why.en and rule.why.ja and rule.fix.en and rule.fix.ja
    assert rule.summary.en and rule.summary.ja
    assert rule.needs_context == rule.code.startswith("LL5")
    assert all(example.context is not None for example in rule.bad + rule.good) or (
        not rule.needs_context
    )


# Rules whose finding on a good example would say the example itself is broken or outdated.
CONTRADICTING = frozenset({"LL001", "LL005", "LL301", "LL302", "LL303"})


@pytest.mark.parametrize(("rule", "example"), _cases("good"))
def test_a_good_example_is_not_broken_or_outdated_by_another_rule(
    rule: Rule, example: Example
) -> None:
    codes = {f.code for f in _lint(example)} - {rule.code}
    assert codes.isdisjoint(CONTRADICTING), sorted(codes & CONTRADICTING)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_fix_advice_names_no_base_image_past_its_end_of_life(rule: Rule) -> None:
    """An image a fix recommends must not be one LL301 or LL302 reports today."""
    today = date.today()
    for text in (rule.fix.en, rule.fix.ja):
        for reference in re.findall(r"\bpython:[\w.-]+", text):
            image = parse_image(reference.rstrip("."))
            assert ended_python(image, today) is None, reference
            assert ended_debian(image, today) is None, reference
