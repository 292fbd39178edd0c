"""lint(text) -> findings: parse, run every rule, apply pragmas and configuration."""

from __future__ import annotations

from dataclasses import replace

from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, DockerfileInputError, decode, parse
from layerlab.lint.config import Config, Pragmas, is_suppressed
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import Rule, all_rules, rules_by_code
from layerlab.text import language

__all__ = ["Config", "Finding", "Level", "lint", "lint_bytes", "lint_dockerfile", "localize"]


def lint(
    text: str,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
    lang: str = "en",
) -> list[Finding]:
    try:
        dockerfile = parse(text)
    except DockerfileInputError as exc:
        return [input_error(filename, exc, lang)]
    return lint_dockerfile(dockerfile, context=context, config=config, filename=filename, lang=lang)


def lint_bytes(
    data: bytes,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
    lang: str = "en",
) -> list[Finding]:
    try:
        text = decode(data)
    except DockerfileInputError as exc:
        return [input_error(filename, exc, lang)]
    return lint(text, context=context, config=config, filename=filename, lang=lang)


def lint_dockerfile(
    dockerfile: Dockerfile,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
    lang: str = "en",
) -> list[Finding]:
    language(lang)
    config = config or Config()
    pragmas = Pragmas.read(dockerfile)
    findings = []
    for rule in all_rules():
        if rule.needs_context and context is None:
            continue
        for finding in _run(rule, dockerfile, context, config, filename, lang):
            ignored = (
                config.ignore | pragmas.global_codes | pragmas.by_line.get(finding.line, set())
            )
            if not is_suppressed(finding, ignored):
                findings.append(finding)
    return sorted(findings, key=lambda f: (f.line, f.column, f.code))


def _run(
    rule: Rule,
    dockerfile: Dockerfile,
    context: BuildContext | None,
    config: Config,
    filename: str,
    lang: str,
) -> list[Finding]:
    level = config.severity.get(rule.code, rule.level)
    last_line = max(len(dockerfile.lines), 1)
    return [
        Finding(
            file=filename,
            line=min(max(hit.line, 1), last_line),
            column=hit.column,
            code=rule.code,
            name=rule.name,
            level=level,
            message=rule.message(hit.key, hit.params, lang),
            hadolint=rule.hadolint_for(hit),
            lang=lang,
            key=hit.key,
            params=hit.params,
        )
        for hit in rule.check(dockerfile, context)
    ]


def input_error(filename: str, error: DockerfileInputError, lang: str = "en") -> Finding:
    """A file LayerLab cannot read at all (too large, not UTF-8), as an LL001 finding."""
    rule = rules_by_code()["LL001"]
    message = rule.message(error.key, error.params, language(lang))
    return Finding(
        filename,
        1,
        1,
        rule.code,
        rule.name,
        rule.level,
        message,
        "DL1000",
        lang=lang,
        key=error.key,
        params=error.params,
    )


def localize(finding: Finding, lang: str) -> Finding:
    """The same finding with its message in `lang`; one from outside a rule stays as it is."""
    if not finding.key or finding.lang == language(lang):
        return finding
    message = rules_by_code()[finding.code].message(finding.key, finding.params, lang)
    return replace(finding, message=message, lang=lang)


def fails(findings: list[Finding], threshold: Level | None) -> bool:
    return threshold is not None and any(f.level.at_least(threshold) for f in findings)
