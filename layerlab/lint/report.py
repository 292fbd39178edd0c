"""Output formats: text for people, JSON like hadolint's, SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from urllib.parse import quote

from layerlab import __version__
from layerlab.lint import localize
from layerlab.lint.findings import Finding, Level
from layerlab.lint.registry import Example, Rule, all_rules, rules_by_code
from layerlab.lint.shellcheck_codes import WIKI as SHELLCHECK_WIKI
from layerlab.lint.shellcheck_codes import check_name, explain
from layerlab.text import Text, positional, render_params

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {
    Level.ERROR: "error",
    Level.WARNING: "warning",
    Level.INFO: "note",
    Level.STYLE: "note",
}
DOCS_URI = "https://github.com/layerlab/layerlab/blob/main/docs/rules.md#"
LESSONS_FROM_DOCS = "../lessons"  # lesson links, relative to docs/rules.md


# Every format writes the findings' messages in `lang` (re-filling any linted in another);
# JSON names the language per finding, SARIF for the run, its rules and their templates.
# Bidirectional overrides and isolates reorder what a terminal or a code view shows.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str) -> str:
    """Control characters (NUL, ESC, CR, newline, DEL, C1, bidi controls) as visible escapes.

    A Dockerfile's bytes reach messages and file names; written raw they would move the
    cursor, recolour a terminal or split one finding over two lines.
    """
    return "".join(
        _escape(char) if unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS else char
        for char in text
    )


def _escape(char: str) -> str:
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def _safe(findings: list[Finding], lang: str) -> list[Finding]:
    """The findings in `lang`, with file names and messages safe to print."""
    return [
        replace(f, file=printable(f.file), message=printable(f.message))
        for f in localize_all(findings, lang)
    ]


def as_text(findings: list[Finding], lang: str = "en") -> str:
    """hadolint's tty lines; the level names stay hadolint's in every language."""
    return "".join(
        f"{f.file}:{f.line} {f.code} {f.level.value} {f.message}\n" for f in _safe(findings, lang)
    )


def as_json(findings: list[Finding], lang: str = "en") -> str:
    data = [f.to_dict() for f in _safe(findings, lang)]
    return json.dumps(data, ensure_ascii=False, indent=None) + "\n"


def as_sarif(findings: list[Finding], lang: str = "en") -> str:
    findings = _safe(findings, lang)
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    checks = sorted({f.code for f in findings if f.code not in index})
    index |= {code: len(rules) + i for i, code in enumerate(checks)}
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
                        "shortDescription": {"text": rule.summary(lang)},
                        "fullDescription": {"text": rule.why(lang)},
                        "help": {"text": rule.fix(lang)},
                        "messageStrings": {
                            key: {"text": positional(template(lang))[0]}
                            for key, template in rule.messages.items()
                        },
                        "helpUri": DOCS_URI + rule.code.lower(),
                        "defaultConfiguration": {"level": SARIF_LEVEL[rule.level]},
                        "properties": {"hadolint": list(rule.hadolint), "lesson": rule.lesson},
                    }
                    for rule in rules
                ]
                + [_shellcheck_rule(code, lang) for code in checks],
            }
        },
        "language": lang,
        "results": [
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": SARIF_LEVEL[f.level],
                "message": _sarif_message(f, rules_by_code()),
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": quote(f.file)},
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


def _sarif_message(finding: Finding, rules: dict[str, Rule]) -> dict[str, object]:
    """The message text, and for a rule's template its id and arguments (SARIF 3.11.7)."""
    message: dict[str, object] = {"text": finding.message}
    rule = rules.get(finding.code)
    if finding.key and rule is not None:
        templates = rule.messages
        _, names = positional(templates[finding.key](finding.lang))
        values = render_params(templates, finding.params, finding.lang)
        message.update(id=finding.key, arguments=[values[name] for name in names])
    return message


def _shellcheck_rule(code: str, lang: str) -> dict[str, object]:
    """A SARIF rule for a ShellCheck code that occurs in the findings."""
    return {
        "id": code,
        "name": check_name(code),
        "shortDescription": {"text": explain(code, lang)},
        "helpUri": SHELLCHECK_WIKI + code,
        "properties": {"tool": "shellcheck"},
    }


FORMATS = {"text": as_text, "json": as_json, "sarif": as_sarif}


def localize_all(findings: list[Finding], lang: str) -> list[Finding]:
    return [localize(finding, lang) for finding in findings]


# The rule catalogue, as `layerlab rules` prints it and docs/rules.md holds it.

LABELS = {
    "title": Text(en="LayerLab rules", ja="LayerLab のルール"),
    "intro": Text(
        en=(
            "Generated by `layerlab rules --format markdown`; do not edit by hand. Each rule "
            "names the lesson that teaches it and the hadolint codes for the same problem; a "
            "finding names the one that applies in its `hadolint` field, so "
            "`# hadolint ignore=DL3042` works on LayerLab too."
        ),
        ja=(
            "`layerlab rules --format markdown --lang ja` が生成します。手で編集しないでください。"
            "各ルールには教えるレッスンと、同じ問題を扱う hadolint のコードを載せています。"
            "指摘の `hadolint` 欄が該当するコードを示すので、`# hadolint ignore=DL3042` も"
            "そのまま使えます。"
        ),
    ),
    "not_implemented": Text(
        en=(
            "Deliberately not implemented: pinning apt/apk package versions (hadolint DL3008, "
            "DL3018). The talk asks for the newest security updates, and pinned apt versions "
            "break the build on every Debian point release."
        ),
        ja=(
            "意図的に実装していないもの: apt/apk パッケージのバージョン固定（hadolint DL3008、"
            "DL3018）。講演は最新のセキュリティアップデートを取り込むことを勧めており、apt の"
            "バージョン固定は Debian のポイントリリースのたびにビルドを壊します。"
        ),
    ),
    "code": Text(en="Code", ja="コード"),
    "name": Text(en="Name", ja="名前"),
    "level": Text(en="Level", ja="重要度"),
    "lesson": Text(en="Lesson", ja="レッスン"),
    "hadolint": Text(en="hadolint", ja="hadolint"),
    "summary": Text(en="Checks", ja="内容"),
    "also": Text(en="Other tools", ja="他のツール"),
    "why": Text(en="Why", ja="なぜ"),
    "fix": Text(en="Fix", ja="直し方"),
    "versus_hadolint": Text(en="Versus hadolint", ja="hadolint との違い"),
    "messages": Text(en="Messages", ja="メッセージ"),
    "bad": Text(en="Bad", ja="悪い例"),
    "good": Text(en="Good", ja="よい例"),
    "context": Text(en="Build context", ja="ビルドコンテキスト"),
    "path": Text(en="Path in the repository", ja="リポジトリ内のパス"),
}


def rules_text(lang: str = "en") -> str:
    """One line per rule: code, name, level, lesson, hadolint equivalents, summary."""
    rows = [
        (
            rule.code,
            rule.name,
            rule.level.value,
            rule.lesson,
            ",".join(rule.hadolint) or "-",
            rule.summary(lang),
        )
        for rule in all_rules()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(5)] if rows else []
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True))
        + f"  {row[5]}\n"
        for row in rows
    )


def rules_markdown(lang: str = "en") -> str:
    """docs/rules.md: an index table, then a section per rule anchored at its code."""
    label = {key: text(lang) for key, text in LABELS.items()}
    head = [f"# {label['title']}", "", label["intro"], ""]
    columns = ("code", "name", "level", "lesson", "hadolint", "summary")
    head += [
        "| " + " | ".join(label[c] for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    for rule in all_rules():
        head.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {rule.level.value} "
            f"| {rule.lesson} | {', '.join(rule.hadolint) or '-'} "
            f"| {_cell(rule.summary(lang))} |"
        )
    head += ["", label["not_implemented"], ""]
    sections = [_rule_section(rule, lang, label) for rule in all_rules()]
    return "\n".join(head) + "\n" + "\n".join(sections)


def _rule_section(rule: Rule, lang: str, label: dict[str, str]) -> str:
    lesson = f"[{rule.lesson}]({LESSONS_FROM_DOCS}/{rule.lesson}/{lang}.md)"
    facts = [f"**{rule.name}**", rule.level.value, f"{label['lesson']}: {lesson}"]
    if rule.hadolint:
        facts.append(f"hadolint: {', '.join(rule.hadolint)}")
    if rule.aliases:
        facts.append(f"{label['also']}: {', '.join(rule.aliases)}")
    lines = [f"## {rule.code}", "", " · ".join(facts), "", rule.summary(lang), ""]
    lines += [f"**{label['why']}.** {rule.why(lang)}", "", f"**{label['fix']}.** {rule.fix(lang)}"]
    if rule.versus_hadolint is not None:
        lines += ["", f"**{label['versus_hadolint']}.** {rule.versus_hadolint(lang)}"]
    lines += ["", f"**{label['messages']}.**", ""]
    lines += [f"- `{key}`: {_plain(text(lang))}" for key, text in rule.messages.items()]
    for kind in ("bad", "good"):
        for example in getattr(rule, kind):
            lines += ["", *_example(example, label[kind], label["context"], label["path"])]
    return "\n".join(lines) + "\n"


def _example(example: Example, title: str, context_label: str, path_label: str) -> list[str]:
    heading = f"{title}: {_plain(example.note)}" if example.note else title
    lines = [f"*{heading}*", "", "```dockerfile", example.dockerfile.rstrip("\n"), "```"]
    if example.path is not None:
        lines += ["", f"{path_label}: `{example.path}`"]
    if example.context is not None:
        files = ", ".join(f"`{path}`" for path in sorted(example.context))
        lines += ["", f"{context_label}: {files}"]
        ignore = example.context.get(".dockerignore")
        if ignore:
            lines += ["", "```gitignore", ignore.rstrip("\n"), "```"]
    return lines


def _plain(text: str) -> str:
    """Escape emphasis marks outside `code`, so a note reads the same in italics."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"([*_\\])", r"\\\1", parts[i])
    return "`".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
