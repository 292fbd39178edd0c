"""The lab's Altair charts: the cache timeline (Gantt) and the layer sizes (stacked bars).

The rows come from layerlab.lab.summary; here they get the page's language (run names,
statuses, reasons, axis and tooltip titles) and their sizes. A chart's Vega-Lite spec depends
only on its shape (runs, statuses shown, language, projector), so it is built and validated
once per shape; each rerun only sends the rows. Projector-friendly
(notes/stack.md §12): one row per step, every label shown (`labelOverlap=False`), no rotated
labels; in projector mode every text is at least 28 px for a room at 1920×1080.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pyarrow as pa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from layerlab.cache.reasons import Reason
from layerlab.lab.summary import SizeRow, TimelineRow
from layerlab.records import CACHED, EXECUTED, FAILED, PREDICTED_HIT, PREDICTED_MISS
from layerlab.ui.state import lang
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
    return reason.text(lang()) if reason is not None else ""


@dataclass(frozen=True)
class Chart:
    spec: dict[str, Any]  # Vega-Lite, without data
    rows: list[dict[str, object]]


def draw(chart: Chart, place: DeltaGenerator | None = None) -> None:
    (place or st).vega_lite_chart(pa.Table.from_pylist(chart.rows), chart.spec, width="stretch")


def timeline_chart(rows: list[TimelineRow], *, big: bool = False) -> Chart:
    """A Gantt with one lane per run side by side (one shared step axis), or a cached/missed
    grid when no step has times."""
    names = {name: run_name(name) for name in dict.fromkeys(row.run for row in rows)}
    statuses = {key: t(f"status_{key}") for key in STATUS_COLOURS}
    data = [
        {
            "run": names[row.run],
            "step": row.step,
            "status": statuses[row.status],
            "start": row.start,
            "end": row.end,
            "seconds": row.seconds,
            "reason": reason_text(row.reason),
        }
        for row in rows
    ]
    timed = [value for value in data if value["start"] is not None]
    runs = tuple(dict.fromkeys(value["run"] for value in data))
    shown = tuple(key for key in STATUS_COLOURS if any(row.status == key for row in rows))
    spec = _timeline_spec(runs, shown, bool(timed), big, lang())
    return Chart(spec, timed or data)


def sizes_chart(rows: list[SizeRow], *, big: bool = False) -> Chart:
    data = [
        {
            "image": f"{t(f'image_{row.image}')} ({row.total / MB:.0f} MB)",
            "layer": row.layer,
            "MB": round(row.size / MB, 3),
            "order": row.order,
        }
        for row in rows
    ]
    images = tuple(dict.fromkeys(value["image"] for value in data))
    return Chart(_sizes_spec(images, big, lang()), data)


@st.cache_data(max_entries=64, show_spinner=False)
def _timeline_spec(
    runs: tuple[str, ...], shown: tuple[str, ...], timed: bool, big: bool, language: str
) -> dict[str, Any]:
    """`language` keys the cache: the titles inside come from t()."""
    size = sizing(big)
    step = alt.Y(
        "step:N",
        sort=None,
        title=None,
        axis=alt.Axis(labelOverlap=False, labelLimit=size.label_limit),
    )
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
    base = alt.Chart(alt.Data(values=[]))
    if not timed:
        axis = alt.Axis(orient="top", labelAngle=0, labelLimit=0)
        chart = base.mark_rect(stroke="white").encode(
            x=alt.X("run:N", sort=list(runs), title=None, axis=axis),
            y=step,
            color=colour,
            tooltip=tooltip,
        )
        chart = chart.properties(height=alt.Step(size.row), width=alt.Step(size.cell_width))
        return _spec(chart, size)
    header = alt.Header(
        labelAngle=0, labelOrient="top", labelAnchor="start", labelFontWeight="bold"
    )
    lane = alt.Column("run:N", sort=list(runs), title=None, header=header, spacing=size.font)
    chart = base.mark_bar().encode(
        x=alt.X("start:Q", title=t("axis_seconds")),
        x2="end:Q",
        y=step,
        column=lane,
        color=colour,
        tooltip=tooltip,
    )
    return _spec(chart.properties(height=alt.Step(size.row), width=size.facet_width), size)


@st.cache_data(max_entries=64, show_spinner=False)
def _sizes_spec(images: tuple[str, ...], big: bool, language: str) -> dict[str, Any]:
    """`language` keys the cache: the titles inside come from t()."""
    size = sizing(big)
    axis = alt.Axis(labelAngle=0, labelLimit=600)
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_bar()
        .encode(
            x=alt.X("image:N", sort=list(images), title=None, axis=axis),
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
    return _spec(chart, size)


def _spec(chart: alt.Chart, size: Sizing) -> dict[str, Any]:
    """Validated Vega-Lite with every text at the sizing's font (axes, legend, facet
    headers), the data left out: the rows go with each draw."""
    styled = (
        chart.configure_axis(labelFontSize=size.font, titleFontSize=size.font)
        .configure_legend(labelFontSize=size.font, titleFontSize=size.font, labelLimit=0)
        .configure_header(labelFontSize=size.font, titleFontSize=size.font)
    )
    spec = styled.to_dict()
    spec.pop("data", None)
    spec.pop("datasets", None)
    return spec
