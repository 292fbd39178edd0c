"""lint(text) -> findings: parse, run every rule, apply pragmas and configuration."""

from __future__ import annotations

from layerlab.analysis import Facts, analyse
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, DockerfileInputError, decode, parse
from layerlab.lint.config import Config, Pragmas, is_suppressed
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import Rule, all_rules, rules_by_code

__all__ = ["Config", "Finding", "Level", "lint", "lint_bytes", "lint_dockerfile"]


def lint(
    text: str,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
) -> list[Finding]:
    try:
        dockerfile = parse(text)
    except DockerfileInputError as exc:
        return [input_error(filename, str(exc))]
    return lint_dockerfile(dockerfile, context=context, config=config, filename=filename)


def lint_bytes(
    data: bytes,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
) -> list[Finding]:
    try:
        text = decode(data)
    except DockerfileInputError as exc:
        return [input_error(filename, str(exc))]
    return lint(text, context=context, config=config, filename=filename)


def lint_dockerfile(
    dockerfile: Dockerfile,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
) -> list[Finding]:
    config = config or Config()
    pragmas = Pragmas.read(dockerfile)
    facts = analyse(dockerfile)
    findings = []
    everywhere = config.ignore | pragmas.global_codes
    for rule in all_rules():
        if rule.needs_context and context is None:
            continue
        for finding in _run(rule, facts, context, config, filename):
            here = pragmas.by_line.get(finding.line)
            ignored = everywhere | here if here else everywhere
            if not ignored or not is_suppressed(finding, ignored):
                findings.append(finding)
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))


def _run(
    rule: Rule,
    facts: Facts,
    context: BuildContext | None,
    config: Config,
    filename: str,
) -> list[Finding]:
    level = config.severity.get(rule.code, rule.level)
    last_line = max(len(facts.dockerfile.lines), 1)
    return [
        Finding(
            file=filename,
            line=min(max(hit.line, 1), last_line),
            column=hit.column,
            code=rule.code,
            name=rule.name,
            level=level,
            message=hit.message,
            hadolint=rule.hadolint_for(hit),
        )
        for hit in rule.check(facts, context)
    ]


def input_error(filename: str, message: str) -> Finding:
    rule = rules_by_code()["LL001"]
    return Finding(filename, 1, 1, rule.code, rule.name, rule.level, message, "DL1000")


def fails(findings: list[Finding], threshold: Level | None) -> bool:
    return threshold is not None and any(f.level.at_least(threshold) for f in findings)
