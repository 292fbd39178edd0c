"""lint(text) -> findings: parse, run every rule, apply pragmas and configuration.

`shellcheck=True` also runs ShellCheck on the RUN scripts (layerlab.lint.shellcheck) when the
binary is installed (`shellcheck.binary()` says whether it is): one process per call, or per
batch with `lint_many`; with `shellcheck_cache=FOLDER`, scripts already answered there cost
nothing, so an edit that leaves the RUNs alone starts no process. Without the binary the SC
findings are simply absent; a shellcheck that runs and fails raises ShellCheckError.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import replace
from operator import attrgetter
from pathlib import Path

from layerlab import collector
from layerlab.analysis import Facts, analyse
from layerlab.context import BuildContext
from layerlab.dockerfile import Dockerfile, DockerfileInputError, decode, parse
from layerlab.lint import shellcheck as sc
from layerlab.lint.config import Config, Pragmas, is_suppressed
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import AS_RULE, Hit, Rule, all_rules, rules_by_code
from layerlab.text import Param, language

__all__ = [
    "Config",
    "Finding",
    "Level",
    "lint",
    "lint_bytes",
    "lint_dockerfile",
    "lint_many",
    "localize",
]


def lint(
    text: str,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
    path: str | None = None,
    lang: str = "en",
    shellcheck: bool = False,
    shellcheck_cache: Path | None = None,
) -> list[Finding]:
    with collector.paused():
        try:
            dockerfile = parse(text)
        except DockerfileInputError as exc:
            return [input_error(filename, exc, lang)]
        return lint_dockerfile(
            dockerfile,
            context=context,
            config=config,
            filename=filename,
            path=path,
            lang=lang,
            shellcheck=shellcheck,
            shellcheck_cache=shellcheck_cache,
        )


def lint_bytes(
    data: bytes,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
    path: str | None = None,
    lang: str = "en",
    shellcheck: bool = False,
    shellcheck_cache: Path | None = None,
) -> list[Finding]:
    try:
        text = decode(data)
    except DockerfileInputError as exc:
        return [input_error(filename, exc, lang)]
    return lint(
        text,
        context=context,
        config=config,
        filename=filename,
        path=path,
        lang=lang,
        shellcheck=shellcheck,
        shellcheck_cache=shellcheck_cache,
    )


def lint_dockerfile(
    dockerfile: Dockerfile,
    *,
    context: BuildContext | None = None,
    config: Config | None = None,
    filename: str = "Dockerfile",
    path: str | None = None,
    lang: str = "en",
    shellcheck: bool = False,
    shellcheck_cache: Path | None = None,
) -> list[Finding]:
    [findings] = lint_many(
        [(filename, dockerfile)],
        paths=[path],
        context=context,
        config=config,
        lang=lang,
        shellcheck=shellcheck,
        shellcheck_cache=shellcheck_cache,
    )
    return findings


def lint_many(
    dockerfiles: Sequence[tuple[str, Dockerfile]],
    *,
    paths: Sequence[str | None] | None = None,
    context: BuildContext | None = None,
    config: Config | None = None,
    lang: str = "en",
    shellcheck: bool = False,
    shellcheck_cache: Path | None = None,
) -> list[list[Finding]]:
    """Findings per (file name, Dockerfile), with one ShellCheck batch for all their RUNs.

    Each Dockerfile is analysed once (Facts) and every rule reads that analysis.
    `paths` holds, per Dockerfile, its path in the build context or repository when known
    (`docker/dev/Dockerfile`: image_role reads development, test and demo images from it).
    `shellcheck_cache` is a folder of earlier ShellCheck answers (the CLI's; see
    shellcheck_cache.py). Raises shellcheck.ShellCheckError when shellcheck runs but fails.
    """
    language(lang)
    config = config or Config()
    binary = sc.binary() if shellcheck else None
    scripts = [sc.scripts(dockerfile) for _, dockerfile in dockerfiles] if binary else []
    batch = [script for per_file in scripts for script in per_file]
    # ShellCheck first: its processes run while the rules do.
    with (
        collector.paused(),
        sc.start(batch, binary, shellcheck_cache) if binary else nullcontext() as checking,
    ):
        messages = _Messages(lang)
        found = []
        for (name, dockerfile), path in zip(
            dockerfiles, paths or [None] * len(dockerfiles), strict=True
        ):
            facts = analyse(dockerfile, path)
            found.append(
                [
                    finding
                    for rule in all_rules()
                    for finding in _run(rule, facts, context, config, name, messages)
                ]
            )
        if checking is not None:
            comments = iter(checking.comments())
            for index, (name, _) in enumerate(dockerfiles):
                per_script = [next(comments) for _ in scripts[index]]
                found[index] += sc.findings(per_script, name, lang)
    return [
        _kept(findings, dockerfile, config)
        for findings, (_, dockerfile) in zip(found, dockerfiles, strict=True)
    ]


def _kept(findings: list[Finding], dockerfile: Dockerfile, config: Config) -> list[Finding]:
    """The findings no pragma or ignore setting suppresses, in line order."""
    pragmas = Pragmas.read(dockerfile)
    everywhere = config.ignore | pragmas.global_codes
    kept = findings
    if everywhere or pragmas.by_line:  # most files ignore nothing: no look per finding
        kept = []
        for finding in findings:
            here = pragmas.by_line.get(finding.line)
            ignored = everywhere | here if here else everywhere
            if not ignored or not is_suppressed(finding, ignored):
                kept.append(finding)
    return sorted(kept, key=attrgetter("line", "column", "code"))


def _run(
    rule: Rule,
    facts: Facts,
    context: BuildContext | None,
    config: Config,
    filename: str,
    messages: _Messages,
) -> list[Finding]:
    if rule.needs_context and context is None:
        return []
    level = config.severity.get(rule.code, rule.level)
    last_line = max(len(facts.dockerfile.lines), 1)
    code, name, lang = rule.code, rule.name, messages.lang
    own_hadolint = rule.own_hadolint()
    findings = []
    for hit in rule.check(facts, context):  # a plain loop: tens of thousands in a generated file
        line = hit.line
        if not 1 <= line <= last_line:
            line = min(max(line, 1), last_line)
        hadolint = own_hadolint if hit.hadolint == AS_RULE else hit.hadolint
        message = messages(rule, hit)
        findings.append(
            Finding(
                filename, line, hit.column, code, name, level, message, hadolint, lang, hit.key,
                hit.params,
            )
        )  # fmt: skip
    return findings


class _Messages:
    """The finding messages of one lint call, each distinct (rule, key, parameters) filled
    once: a generated file repeats the same finding tens of thousands of times."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._filled: dict[tuple[str, str, tuple[tuple[str, Param], ...]], str] = {}

    def __call__(self, rule: Rule, hit: Hit) -> str:
        key = (rule.code, hit.key, tuple(hit.params.items()))
        message = self._filled.get(key)
        if message is None:
            message = self._filled[key] = rule.message(hit.key, hit.params, self.lang)
        return message


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
