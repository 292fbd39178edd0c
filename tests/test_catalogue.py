"""The catalogue is ../shared/RULES.md: every ID, name and default level, no more, no less."""

from __future__ import annotations

from layerlab.lessons import load_lessons
from layerlab.lint import lint
from layerlab.lint.registry import LESSONS, all_rules

# Copied from RULES.md; the IDs there are stable.
CATALOGUE = [
    ("LL001", "parse-error", "error"),
    ("LL002", "empty-continuation", "warning"),
    ("LL003", "relative-workdir", "warning"),
    ("LL004", "inconsistent-casing", "style"),
    ("LL005", "stage-reference", "error"),
    ("LL006", "duplicate-cmd", "warning"),
    ("LL007", "maintainer", "style"),
    ("LL008", "cd-in-run", "info"),
    ("LL009", "copy-relative-dest", "warning"),
    ("LL010", "legacy-env-format", "style"),
    ("LL101", "deps-after-source-copy", "warning"),
    ("LL102", "apt-update-alone", "warning"),
    ("LL103", "os-packages-after-source-copy", "info"),
    ("LL201", "fat-python-base", "warning"),
    ("LL202", "build-tools-in-final", "warning"),
    ("LL203", "cleanup-in-later-layer", "warning"),
    ("LL204", "apt-lists-kept", "info"),
    ("LL205", "no-install-recommends", "info"),
    ("LL206", "pip-cache-kept", "warning"),
    ("LL207", "consecutive-runs", "info"),
    ("LL208", "package-manager-in-final", "info"),
    ("LL209", "dev-deps-in-final", "warning"),
    ("LL210", "copy-whole-stage", "warning"),
    ("LL301", "eol-debian", "warning"),
    ("LL302", "eol-python", "warning"),
    ("LL303", "unpinned-base", "warning"),
    ("LL304", "no-security-updates", "info"),
    ("LL305", "alpine-python", "info"),
    ("LL306", "apt-not-apt-get", "warning"),
    ("LL307", "apt-no-yes", "warning"),
    ("LL401", "runs-as-root", "warning"),
    ("LL402", "privileged-port", "warning"),
    ("LL403", "add-for-local-files", "warning"),
    ("LL404", "secret-in-arg-env", "warning"),
    ("LL405", "shell-form-cmd", "warning"),
    ("LL406", "several-processes", "warning"),
    ("LL407", "sudo", "warning"),
    ("LL408", "tls-verify-off", "warning"),
    ("LL409", "pipe-without-pipefail", "warning"),
    ("LL501", "no-dockerignore", "warning"),
    ("LL502", "dockerignore-gaps", "info"),
    ("LL503", "copy-ignored-file", "warning"),
    ("LL504", "copy-missing-file", "error"),
    ("LL601", "python-unbuffered", "info"),
    ("LL602", "unpinned-pip", "warning"),
    ("LL603", "lockfile-not-used", "info"),
]


def test_every_catalogue_rule_exists_with_its_name_and_level() -> None:
    assert [(r.code, r.name, r.level.value) for r in all_rules()] == CATALOGUE


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
