"""What LL203 and LL204 cost in a built image, in MB, added to their findings.

The rules see the Dockerfile; the layer report sees the image. LL203 (cleanup in a later
layer) costs the bytes its layer deletes from earlier ones, all still shipped; LL204 (apt
lists kept) costs the bytes the flagged RUN wrote into /var/lib/apt/lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from layerlab.analysis.layer_paths import APT_LISTS
from layerlab.layer_report import LayerReport
from layerlab.lint.findings import Finding
from layerlab.text import Text

COST_SUFFIX = {
    "LL203": Text(
        en=(
            " In the built image: {mb} MB that earlier layers wrote are deleted here and "
            "still shipped."
        ),
        ja=(
            " ビルドしたイメージでは、前のレイヤが書いた {mb} MB をここで消していますが、"
            "イメージには残ったままです。"
        ),
    ),
    "LL204": Text(
        en=" In the built image: the package lists take {mb} MB.",
        ja=" ビルドしたイメージでは、パッケージ一覧が {mb} MB を占めています。",
    ),
}


def cost_in_bytes(finding: Finding, report: LayerReport) -> int | None:
    """What the finding costs in the image; None when no layer of the image has its line."""
    layer = report.layer_at_line(finding.line)
    if layer is None:
        return None
    if finding.code == "LL203":
        return sum(item.bytes for item in report.waste_removed_at(finding.line))
    if finding.code == "LL204":
        return layer.folders.get(APT_LISTS, 0)
    return None


def with_costs(findings: Iterable[Finding], report: LayerReport, lang: str) -> list[Finding]:
    """The findings, LL203 and LL204 ending with what they cost in the image."""
    annotated = []
    for finding in findings:
        cost = cost_in_bytes(finding, report)
        if cost is not None:
            suffix = COST_SUFFIX[finding.code](lang).format(mb=f"{cost / 1_000_000:.1f}")
            stop = "" if finding.message.endswith((".", "。")) else "."
            finding = replace(finding, message=finding.message + stop + suffix)
        annotated.append(finding)
    return annotated
