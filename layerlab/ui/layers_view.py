"""The layer contents chart: per layer, the bytes still in the final file system and the
bytes a later layer deletes or overwrites (wasted), with a drill-down to one layer's paths.

The *_rows builders are pure (report and language in, plain rows out); `render_layers` only
draws them. The lab page calls `render_layers` with a LayerReport from a build or a recording.
"""

from __future__ import annotations

import altair as alt
import streamlit as st

from layerlab.layer_report import LayerReport, LayerSummary
from layerlab.ui.charts import sizing
from layerlab.ui.state import lang
from layerlab.ui.strings import STRINGS

MB = 1_000_000
LABEL_CHARS = 48
KEPT_COLOUR, WASTED_COLOUR = "#4c78a8", "#c0392b"


def _text(key: str, language: str, **values: object) -> str:
    text = STRINGS[key](language)
    return text.format(**values) if values else text


def layer_name(layer: LayerSummary, language: str) -> str:
    """ "layer 3, line 8", or "layer 0" for a layer no Dockerfile line made."""
    if layer.line is None:
        return _text("layers_layer", language, index=layer.index)
    return _text("layers_layer_line", language, index=layer.index, line=layer.line)


def layer_label(layer: LayerSummary, language: str) -> str:
    """The chart's row label: the layer's name and what made it, cut to fit a projector."""
    made_by = " ".join(layer.created_by.replace("/bin/sh -c #(nop) ", "").split())
    made_by = made_by or _text("layers_no_history", language)
    if len(made_by) > LABEL_CHARS:
        made_by = made_by[: LABEL_CHARS - 1] + "…"
    return f"{layer_name(layer, language)}: {made_by}"


def chart_rows(report: LayerReport, language: str) -> list[dict[str, object]]:
    """Two rows per layer, kept then wasted bytes in MB, the bottom layer first."""
    kept, wasted = _text("layers_kept", language), _text("layers_wasted", language)
    rows: list[dict[str, object]] = []
    for layer in report.layers:
        label = layer_label(layer, language)
        for part, size, order in (
            (kept, layer.size - layer.wasted_bytes, 0),
            (wasted, layer.wasted_bytes, 1),
        ):
            rows.append(
                {
                    "layer": label,
                    "index": layer.index,
                    "part": part,
                    "order": order,
                    "MB": round(size / MB, 3),
                }
            )
    return rows


def path_rows(report: LayerReport, index: int, language: str) -> list[dict[str, object]]:
    """The largest files of layer `index`, biggest first."""
    path = _text("layers_path", language)
    return [
        {path: item.path, "MB": round(item.size / MB, 3)} for item in report.layers[index].largest
    ]


def waste_lines(report: LayerReport, index: int, language: str) -> list[str]:
    """Where layer `index`'s wasted bytes went, and whose bytes it wasted, one line each."""
    lines = []
    for item in report.waste:
        if item.added_in == index:
            key, other = "layers_waste_to", report.layers[item.removed_in]
        elif item.removed_in == index:
            key, other = "layers_waste_from", report.layers[item.added_in]
        else:
            continue
        lines.append(
            _text(
                key,
                language,
                mb=f"{item.bytes / MB:.1f}",
                files=item.files,
                by=layer_name(other, language),
            )
        )
    return lines


def layers_chart(rows: list[dict[str, object]], language: str, *, big: bool = False) -> alt.Chart:
    kept, wasted = _text("layers_kept", language), _text("layers_wasted", language)
    labels = list(dict.fromkeys(row["layer"] for row in rows))
    size = sizing(big)  # the lab's other charts' sizes: 28 px text on a projector
    font = size.font
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y(
                "layer:N",
                sort=labels,
                title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=600, labelFontSize=font),
            ),
            x=alt.X(
                "sum(MB):Q",
                title="MB",
                axis=alt.Axis(labelFontSize=font, titleFontSize=font),
            ),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=[kept, wasted], range=[KEPT_COLOUR, WASTED_COLOUR]),
                title=None,
                legend=alt.Legend(orient="bottom", labelFontSize=font, symbolSize=font * 12),
            ),
            order=alt.Order("order:Q"),
            tooltip=["layer:N", "part:N", "MB:Q"],
        )
        .properties(height=alt.Step(size.row))
    )


def render_layers(report: LayerReport, *, key: str = "layers", big: bool = False) -> None:
    """The chart, then one chosen layer's counts, largest files and waste."""
    language = lang()
    st.subheader(_text("layers_title", language))
    st.caption(
        _text(
            "layers_summary",
            language,
            size=f"{report.size / MB:.1f}",
            count=len(report.layers),
            wasted=f"{report.wasted_bytes / MB:.1f}",
            efficiency=f"{report.efficiency:.1%}",
        )
    )
    st.altair_chart(layers_chart(chart_rows(report, language), language, big=big), width="stretch")
    most_wasted = max(report.layers, key=lambda layer: (layer.wasted_bytes, layer.size))
    index = st.selectbox(
        _text("layers_pick", language),
        [layer.index for layer in report.layers],
        index=most_wasted.index,
        format_func=lambda i: layer_label(report.layers[i], language),
        key=f"{key}_pick",
    )
    layer = report.layers[index]
    if not layer.largest and not layer.deleted:
        st.info(_text("layers_empty", language))
        return
    st.markdown(
        _text(
            "layers_counts",
            language,
            added=layer.added,
            changed=layer.changed,
            deleted=layer.deleted,
        )
    )
    for line in waste_lines(report, index, language) or [_text("layers_no_waste", language)]:
        st.markdown(f"- {line}")
    if layer.largest:
        st.markdown(f"**{_text('layers_largest', language)}**")
        st.dataframe(path_rows(report, index, language), hide_index=True, width="stretch")
