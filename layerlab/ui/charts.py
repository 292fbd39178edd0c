"""The lab's Altair charts: the cache timeline (Gantt) and the layer sizes (stacked bars).

Projector-friendly (notes/stack.md §12): one 28 px row per step, every label shown
(`labelOverlap=False`), no rotated labels. Data goes inline (`alt.Data(values=...)`) as
plain rows, built from the records by the *_rows functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import altair as alt

from layerlab.records import Run, Step

MB = 1_000_000
STATUS_COLOURS = {
    "cached": "#4c9a2a",
    "executed": "#d9822b",
    "failed": "#c0392b",
    "cached (predicted)": "#a6d58f",
    "missed (predicted)": "#f2bb86",
}
LABEL_CHARS = 60
MIN_BAR = 0.006  # of the longest run: a 0.01 s cache hit must still show as a bar


def step_label(step: Step) -> str:
    text = step.instruction
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "…"
    return f"{step.index}. {text}"


def status(step: Step) -> str:
    if step.cached is None:
        return "cached (predicted)" if step.predicted_cached else "missed (predicted)"
    if step.error:
        return "failed"
    return "cached" if step.cached else "executed"


def timeline_rows(runs: Sequence[Run]) -> list[dict[str, object]]:
    """One row per step per run; steps without times (predicted, not reached) get None."""
    longest = max((s.end or 0.0 for run in runs for s in run.steps), default=0.0)
    rows = []
    for run in runs:
        for step in run.steps:
            timed = step.start is not None and step.end is not None
            rows.append(
                {
                    "run": run.name,
                    "step": step_label(step),
                    "status": status(step),
                    "start": step.start if timed else None,
                    "end": max(step.end, step.start + MIN_BAR * longest) if timed else None,
                    "seconds": round(step.seconds, 2) if timed else None,
                    "reason": step.miss_reason or "",
                }
            )
    return rows


def timeline_chart(rows: list[dict[str, object]], *, big: bool = False) -> alt.Chart:
    """A Gantt with one lane per run, or a cached/missed grid when no step has times."""
    runs = list(dict.fromkeys(row["run"] for row in rows))
    timed = [row for row in rows if row["start"] is not None]
    step = alt.Y(
        "step:N",
        sort=None,
        title=None,
        axis=alt.Axis(labelOverlap=False, labelLimit=600, labelFontSize=_font(big)),
    )
    shown = [name for name in STATUS_COLOURS if any(row["status"] == name for row in rows)]
    colour = alt.Color(
        "status:N",
        scale=alt.Scale(domain=shown, range=[STATUS_COLOURS[name] for name in shown]),
        title=None,
        legend=alt.Legend(orient="bottom", direction="vertical", labelFontSize=_font(big)),
    )
    tooltip = ["run:N", "step:N", "status:N", "seconds:Q", "reason:N"]
    if not timed:
        run_axis = alt.X("run:N", sort=runs, title=None, axis=alt.Axis(orient="top", labelAngle=0))
        chart = alt.Chart(alt.Data(values=rows)).mark_rect(stroke="white")
        return chart.encode(x=run_axis, y=step, color=colour, tooltip=tooltip).properties(
            height=alt.Step(28)
        )
    lane = alt.Row("run:N", sort=runs, title=None, header=alt.Header(labelFontSize=_font(big)))
    chart = alt.Chart(alt.Data(values=timed)).mark_bar()
    return chart.encode(
        x=alt.X("start:Q", title="s"), x2="end:Q", y=step, row=lane, color=colour, tooltip=tooltip
    ).properties(height=alt.Step(28), width=720 if big else 480)  # a facet cannot stretch


def size_rows(images: Iterable[tuple[str, Run]]) -> list[dict[str, object]]:
    """One row per non-empty layer of each named image, the base image at the bottom."""
    rows = []
    for name, run in images:
        total = (run.image_size or 0) / MB
        layers = [s for s in run.steps if s.layer_size]
        for order, step in enumerate(layers):
            rows.append(
                {
                    "image": f"{name} ({total:.1f} MB)",
                    "layer": step_label(step),
                    "MB": round(step.layer_size / MB, 3),
                    "order": order,
                }
            )
    return rows


def sizes_chart(rows: list[dict[str, object]], *, big: bool = False) -> alt.Chart:
    images = list(dict.fromkeys(row["image"] for row in rows))
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X(
                "image:N",
                sort=images,
                title=None,
                axis=alt.Axis(labelAngle=0, labelFontSize=_font(big), labelLimit=400),
            ),
            y=alt.Y("sum(MB):Q", title="MB"),
            color=alt.Color("layer:N", legend=None),
            order=alt.Order("order:Q"),
            tooltip=["image:N", "layer:N", "MB:Q"],
        )
        .properties(height=420)
    )


def _font(big: bool) -> int:
    return 18 if big else 12
