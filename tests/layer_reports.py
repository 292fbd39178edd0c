"""A small layer report: apt-get update on line 2, its lists deleted a layer later on line 3."""

from __future__ import annotations

from layerlab.layer_report import LayerReport, LayerSummary, PathSize, Waste

LISTS = "/var/lib/apt/lists"

APT_CLEANUP = LayerReport(
    image="demo:1",
    size=12_500_000,
    wasted_bytes=2_000_000,
    efficiency=0.8,
    layers=[
        LayerSummary(0, "", None, 10_000_000, 10, 0, 0, 0, [PathSize("/usr/lib/a.so", 9_000_000)]),
        LayerSummary(
            index=1,
            created_by="RUN /bin/sh -c apt-get update",
            line=2,
            size=2_500_000,
            added=5,
            changed=0,
            deleted=0,
            wasted_bytes=2_000_000,
            largest=[PathSize(f"{LISTS}/x_Packages", 1_900_000), PathSize("/etc/x", 100)],
            folders={LISTS: 2_000_000},
        ),
        LayerSummary(2, "RUN /bin/sh -c rm -rf /var/lib/apt/lists/*", 3, 0, 0, 0, 5, 0, []),
    ],
    waste=[Waste(1, 2, 2_000_000, 5, (PathSize(f"{LISTS}/x_Packages", 1_900_000),))],
)
