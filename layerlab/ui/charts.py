"""The lab's Altair charts: the cache timeline (Gantt) and the layer sizes (stacked bars).

The rows come from layerlab.lab.summary; here they get the page's language (run names,
statuses, reasons, axis and tooltip titles) and their sizes. Projector-friendly
(notes/stack.md §12): one row per step, every label shown (`labelOverlap=False`), no rotated
labels; in projector mode every text is at least 28 px for a room at 1920×1080.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt

from layerlab.lab.reasons import Reason
from layerlab.lab.summary import SizeRow, TimelineRow
from layerlab.records import CACHED, EXECUTED, FAILED, PREDICTED_HIT, PREDICTED_MISS
from layerlab.ui.strings import STRINGS, t

MB = 1_000_000
STATUS_COLOURS = {
    CACHED: "#4c9a2a",
    EXECUTED: "#d9822b",
    FAILED: "#c0392b",
    PREDICTED_HIT: "#a6d58f",
    PREDICTED_MISS: "#f2bb86",
}


@dataclass(frozen=True)
class Sizing:
    """Text and row sizes: the projector's are for the back of a room."""

    font: int
    row: int  # px per step row
    facet_width: int  # a facet cannot stretch: its plot width
    cell_width: int  # px per run in the predicted grid
    label_limit: int  # px of a step label before Vega cuts it with "…"
    sizes_height: int


NORMAL = Sizing(font=13, row=24, facet_width=150, cell_width=150, label_limit=360, sizes_height=420)
PROJECTOR = Sizing(
    font=28, row=44, facet_width=240, cell_width=300, label_limit=560, sizes_height=620
)


def sizing(big: bool) -> Sizing:
    return PROJECTOR if big else NORMAL


def run_name(name: str) -> str:
    """A run's name in the page's language; a learner's own run keeps its name."""
    key = f"run_{name}"
    return t(key) if key in STRINGS else name


def reason_text(reason: Reason | None) -> str:
    return t(reason.key, **reason.params) if reason is not None else ""


def timeline_chart(rows: list[TimelineRow], *, big: bool = False) -> alt.Chart:
    """A Gantt with one lane per run side by side (one shared step axis), or a cached/missed
    grid when no step has times."""
    size = sizing(big)
    data = [_timeline_values(row) for row in rows]
    runs = list(dict.fromkeys(value["run"] for value in data))
    timed = [value for value in data if value["start"] is not None]
    step = alt.Y("step:N", sort=None, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=900))
    shown = [key for key in STATUS_COLOURS if any(row.status == key for row in rows)]
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(
            domain=[t(f"status_{key}") for key in shown],
            range=[STATUS_COLOURS[key] for key in shown],
        ),
        title=None,
        legend=alt.Legend(orient="bottom", direction="horizontal", symbolSize=size.font * 12),
    )
    tooltip = [
        alt.Tooltip("run:N", title=t("col_run")),
        alt.Tooltip("step:N", title=t("col_step")),
        alt.Tooltip("status:N", title=t("col_status")),
        alt.Tooltip("seconds:Q", title=t("col_seconds")),
        alt.Tooltip("reason:N", title=t("col_reason")),
    ]
    if not timed:
        run_axis = alt.X(
            "run:N", sort=runs, title=None, axis=alt.Axis(orient="top", labelAngle=0, labelLimit=0)
        )
        chart = alt.Chart(alt.Data(values=data)).mark_rect(stroke="white")
        chart = chart.encode(x=run_axis, y=step, color=colour, tooltip=tooltip)
        cells = chart.properties(height=alt.Step(size.row), width=alt.Step(size.cell_width))
        return _styled(cells, size)
    header = alt.Header(
        labelAngle=0, labelOrient="top", labelAnchor="start", labelFontWeight="bold"
    )
    lane = alt.Column("run:N", sort=runs, title=None, header=header, spacing=size.font)
    chart = alt.Chart(alt.Data(values=timed)).mark_bar()
    chart = chart.encode(
        x=alt.X("start:Q", title=t("axis_seconds")),
        x2="end:Q",
        y=step,
        column=lane,
        color=colour,
        tooltip=tooltip,
    )
    return _styled(chart.properties(height=alt.Step(size.row), width=size.facet_width), size)


def sizes_chart(rows: list[SizeRow], *, big: bool = False) -> alt.Chart:
    size = sizing(big)
    data = [
        {
            "image": f"{t(f'image_{row.image}')} ({row.total / MB:.0f} MB)",
            "layer": row.layer,
            "MB": round(row.size / MB, 3),
            "order": row.order,
        }
        for row in rows
    ]
    images = list(dict.fromkeys(value["image"] for value in data))
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X(
                "image:N", sort=images, title=None, axis=alt.Axis(labelAngle=0, labelLimit=600)
            ),
            y=alt.Y("sum(MB):Q", title=t("axis_mb")),
            color=alt.Color("layer:N", legend=None),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("image:N", title=t("col_image")),
                alt.Tooltip("layer:N", title=t("col_layer")),
                alt.Tooltip("MB:Q", title=t("axis_mb")),
            ],
        )
        .properties(height=size.sizes_height)
    )
    return _styled(chart, size)


def _timeline_values(row: TimelineRow) -> dict[str, object]:
    return {
        "run": run_name(row.run),
        "step": row.step,
        "status": t(f"status_{row.status}"),
        "start": row.start,
        "end": row.end,
        "seconds": row.seconds,
        "reason": reason_text(row.reason),
    }


def _styled(chart: alt.Chart, size: Sizing) -> alt.Chart:
    """Every text of the chart at the sizing's font: axes, legend, facet headers."""
    return (
        chart.configure_axis(labelFontSize=size.font, titleFontSize=size.font)
        .configure_legend(labelFontSize=size.font, titleFontSize=size.font, labelLimit=0)
        .configure_header(labelFontSize=size.font, titleFontSize=size.font)
    )
