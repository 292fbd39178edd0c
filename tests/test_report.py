"""Output formats; SARIF is validated against the official 2.1.0 schema (tests/data)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker

from layerlab.lint import lint
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import all_rules
from layerlab.lint.report import as_json, as_sarif, as_text, rules_markdown

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
URI_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*"
FINDINGS = lint(
    "FROM python:3.12\nFOO bar\nMAINTAINER me\nRUN pip install flask django\n",
    filename="app/Dockerfile",
)
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _checker() -> FormatChecker:
    """Draft 7's checker, plus the URI formats SARIF uses (jsonschema checks them only
    with optional packages)."""
    checker = FormatChecker()
    checker.checks("uri")(lambda v: bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:" + URI_CHARS, v)))
    checker.checks("uri-reference")(lambda v: bool(re.fullmatch(URI_CHARS, v)))
    return checker


def sarif_errors(findings: list[Finding], lang: str = "en") -> list[str]:
    document = json.loads(as_sarif(findings, lang))
    validator = Draft7Validator(SCHEMA, format_checker=_checker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def test_the_vendored_schema_is_the_sarif_2_1_0_draft_7_schema() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["$id"].endswith("/sarif-schema-2.1.0.json")
    Draft7Validator.check_schema(SCHEMA)


def test_sarif_with_findings_is_valid() -> None:
    assert FINDINGS
    assert sarif_errors(FINDINGS) == []


def test_sarif_in_japanese_is_valid_and_says_so() -> None:
    assert sarif_errors(FINDINGS, "ja") == []
    run = json.loads(as_sarif(FINDINGS, "ja"))["runs"][0]
    assert run["language"] == "ja"
    assert all(JAPANESE.search(result["message"]["text"]) for result in run["results"])
    assert all(JAPANESE.search(rule["help"]["text"]) for rule in run["tool"]["driver"]["rules"])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sarif_messages_are_their_rules_message_strings_filled_with_their_arguments(
    lang: str,
) -> None:
    """SARIF 3.11.7: a result's message names a rule's messageString and its arguments."""
    run = json.loads(as_sarif(FINDINGS, lang))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["results"]
    for result in run["results"]:
        message = result["message"]
        template = rules[result["ruleIndex"]]["messageStrings"][message["id"]]["text"]
        assert template.format(*message["arguments"]) == message["text"]


def test_sarif_without_findings_is_valid() -> None:
    assert sarif_errors([]) == []


def test_sarif_of_an_awkward_file_name_is_valid() -> None:
    finding = Finding("my dir/Dockerfile ü", 1, 1, "LL001", "parse-error", Level.ERROR, "x", None)
    assert sarif_errors([finding]) == []


def test_sarif_describes_every_rule_and_points_results_at_them() -> None:
    run = json.loads(as_sarif(FINDINGS))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in all_rules()]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_levels_map_info_and_style_to_note() -> None:
    run = json.loads(as_sarif(FINDINGS))["runs"][0]
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels["LL001"] == "error"
    assert levels["LL007"] == "note"


def test_sarif_help_links_point_at_headings_in_the_rule_docs() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text("utf-8")
    for rule in json.loads(as_sarif([]))["runs"][0]["tool"]["driver"]["rules"]:
        anchor = rule["helpUri"].rsplit("#", 1)[1]
        assert f"\n## {anchor.upper()}\n" in docs


def test_sarif_results_carry_the_hadolint_equivalent() -> None:
    run = json.loads(as_sarif(FINDINGS))["runs"][0]
    [maintainer] = [r for r in run["results"] if r["ruleId"] == "LL007"]
    assert maintainer["properties"] == {"hadolint": "DL4000"}


@pytest.mark.parametrize("finding", FINDINGS, ids=lambda f: f.code)
def test_text_is_one_line_per_finding(finding: Finding) -> None:
    assert as_text([finding]) == (
        f"app/Dockerfile:{finding.line} {finding.code} {finding.level.value} {finding.message}\n"
    )


def test_each_format_writes_the_messages_in_the_language_asked_for() -> None:
    for text in (as_text(FINDINGS, "ja"), as_json(FINDINGS, "ja")):
        assert len(JAPANESE.findall(text)) > len(FINDINGS)
    assert not JAPANESE.search(as_text(FINDINGS, "en"))
    assert {item["lang"] for item in json.loads(as_json(FINDINGS, "ja"))} == {"ja"}


def test_json_keeps_non_ascii_messages_readable() -> None:
    finding = Finding("Dockerfile", 1, 1, "LL001", "parse-error", Level.ERROR, "行 1", None)
    assert "行 1" in as_json([finding])
    assert json.loads(as_json([finding]))[0]["message"] == "行 1"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_rule_docs_link_lessons_that_exist(lang: str) -> None:
    links = re.findall(r"\]\((\.\./lessons/[^)]+)\)", rules_markdown(lang))
    assert links
    assert all((ROOT / "docs" / link).is_file() for link in links)
