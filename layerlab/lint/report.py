"""Output formats: text for people, JSON like hadolint's, SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import json

from layerlab import __version__
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import all_rules

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.INFO: "note",
    Level.STYLE: "note",
}
DOCS_URI = "https://github.com/layerlab/layerlab/blob/main/docs/rules.md#"


def as_text(findings: list[Finding]) -> str:
    return "".join(f"{f.file}:{f.line} {f.code} {f.level.value} {f.message}\n" for f in findings)


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=None) + "\n"


def as_sarif(findings: list[Finding]) -> str:
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "LayerLab",
                "fullName": "LayerLab Dockerfile linter for Python apps",
                "version": __version__,
                "informationUri": "https://github.com/layerlab/layerlab",
                "rules": [
                    {
                        "id": rule.code,
                        "name": rule.name,
                        "shortDescription": {"text": rule.summary.en},
                        "fullDescription": {"text": rule.why.en},
                        "help": {"text": rule.fix.en},
                        "helpUri": DOCS_URI + rule.code.lower(),
                        "defaultConfiguration": {"level": SARIF_LEVEL[rule.level]},
                        "properties": {"hadolint": list(rule.hadolint), "lesson": rule.lesson},
                    }
                    for rule in rules
                ],
            }
        },
        "results": [
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": SARIF_LEVEL[f.level],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": f.file},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "sourceLanguage": "dockerfile",
                            },
                        }
                    }
                ],
                **({"properties": {"hadolint": f.hadolint}} if f.hadolint else {}),
            }
            for f in findings
        ],
    }
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": as_text, "json": as_json, "sarif": as_sarif}
