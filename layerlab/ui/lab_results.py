"""The lab's results, drawn from what layerlab.lab computed: the before/after figures, the
cache rates, timelines, sizes, layer contents, misses, problems and the probe."""

from __future__ import annotations

import streamlit as st

from layerlab.engine.jobs import Job
from layerlab.lab.plan import BUILT, PREDICTED, RECORDED, Headline, Shown
from layerlab.lab.summary import RunProblem, size_rows, summaries, timeline_rows
from layerlab.recordings import Recording
from layerlab.records import Run
from layerlab.ui import state
from layerlab.ui.charts import MB, draw, reason_text, run_name, sizes_chart, timeline_chart
from layerlab.ui.layers_view import render_layers
from layerlab.ui.render import escape_markdown
from layerlab.ui.strings import t


def headline(figures: Headline | None) -> None:
    """The talk's point in four numbers: size and code-edit rebuild, before and after."""
    if figures is None:
        return
    before, after = figures.before, figures.after
    sizes, rebuilds = st.columns(2)
    _pair(sizes, "headline_size", before.image_size, after.image_size, _mb)
    _pair(rebuilds, "headline_rebuild", before.rebuild_seconds, after.rebuild_seconds, _seconds)
    st.caption(recorded_on(figures.recording) if figures.recording else t("headline_built"))


def _pair(place, title: str, before: float | None, after: float | None, show) -> None:
    place.markdown(f"**{t(title)}**")
    left, right = place.columns(2)
    _figure(left, "headline_before", before, None, show)
    _figure(right, "headline_after", after, before, show)


def recorded_on(recording: Recording) -> str:
    return t(
        "recorded_on",
        date=recording.date,
        version=recording.docker_version,
        cpus=recording.cpus,
        backend=t(f"backend_{recording.backend}"),
    )


def results(shown: Shown, stale: bool, recordings_error: str | None) -> None:
    if recordings_error is not None:
        st.warning(t("recordings_broken"))
        st.code(recordings_error, language="text")
    if shown.kind == BUILT:
        st.caption(t("shown_built"))
    elif shown.kind == RECORDED:
        st.caption(f"{t('shown_recorded')} · {recorded_on(shown.recording)}")
    else:
        st.caption(t("predicted_note"))
    _rates(shown.runs, shown.compared_rates())
    big = state.projector()
    st.subheader(t("timeline"))
    draw(timeline_chart(timeline_rows(shown.runs), big=big))
    if shown.kind == RECORDED and shown.prediction:
        st.markdown(f"**{t('shown_predicted')}**")
        draw(timeline_chart(timeline_rows(shown.prediction), big=big))
    if shown.kind == PREDICTED and shown.recording is not None:
        st.markdown(f"**{t('shown_compare')}**")
        st.caption(recorded_on(shown.recording))
        draw(timeline_chart(timeline_rows(shown.recording.runs), big=big))
    if stale and shown.recording is not None:
        st.warning(t("recorded_stale"))
    rows = size_rows(shown.images)
    if rows:  # the section is there only when there is something to draw
        column, _ = st.columns(2)
        column.subheader(t("sizes"))
        draw(sizes_chart(rows, big=big), column)
    if shown.layers is not None:
        render_layers(shown.layers, key="lab-layers", big=big)
    _missed(shown)


def _rates(runs: list[Run], recorded: dict[str, float | None]) -> None:
    for column, summary in zip(st.columns(len(runs)), summaries(runs), strict=True):
        rate = summary.cache_rate
        value = "—" if rate is None else f"{100 * rate:.0f}%"
        if summary.seconds is not None:
            value += f" · {summary.seconds:.1f} s"
        versus = recorded.get(summary.name)
        delta = None
        if rate is not None and versus is not None:
            delta = t("versus_recorded", points=100 * (rate - versus))
        column.metric(t("cache_rate", run=run_name(summary.name)), value, delta)


def _missed(shown: Shown) -> None:
    st.subheader(t("missed_steps"))
    rows = [
        {
            t("col_run"): run_name(miss.run),
            t("col_line"): miss.line,
            t("col_step"): escape_markdown(miss.instruction),
            t("col_reason"): escape_markdown(reason_text(miss.reason)),
            t("col_then"): ", ".join(str(line) for line in miss.then),
        }
        for miss in shown.misses
    ]
    if not rows:
        st.success(t("no_missed"))
        return
    st.table(rows)  # reasons wrap and read well on a projector; cells are markdown: escaped


def job_problems(job: Job, problems: list[RunProblem]) -> None:
    if job.state == "cancelled":
        st.warning(t("job_cancelled"))
    if job.error:
        st.error(t("job_failed"))
        st.code(job.error, language="text")  # the engine's own words
    for problem in problems:
        if problem.why is not None:  # a cap or a setting of this instance, in the learner's words
            st.error(
                t(
                    "run_stopped",
                    run=run_name(problem.run),
                    line=problem.stopped_at,
                    why=problem.why,
                )
            )
        else:
            st.error(t("run_failed", run=run_name(problem.run)))
        st.code(problem.error, language="text")
        for finding in problem.findings:
            st.markdown(escape_markdown(f"{t('line')} {finding.line}: {finding.message}"))


def probe(job: Job) -> None:
    result = job.probe_result
    if result is None:
        return
    st.subheader(t("probe"))
    answered = t("probe_json") if result.answered else t("probe_no_json")
    if result.uid is None:
        user = t("probe_uid_unknown")
    else:
        user = t("probe_uid", uid=result.uid) if result.non_root else t("probe_root")
    good = result.answered and result.non_root
    (st.success if good else st.warning)(f"{answered} · {user}")
    with st.expander(t("probe_detail")):
        st.code(result.message, language="text")  # the probe's own log line


def _figure(place, label: str, value: float | None, before: float | None, show) -> None:
    if value is None:
        place.metric(t(label), "—")
        return
    delta = f"{100 * (value - before) / before:+.0f}%" if before else None
    place.metric(t(label), show(value), delta, delta_color="inverse")


def _mb(size: float) -> str:
    return f"{size / MB:,.0f} MB"


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f} s"
