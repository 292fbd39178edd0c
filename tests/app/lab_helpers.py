"""Driving the build lab in AppTest: the page alone, its charts' specs and rows, a build."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable

import pyarrow.ipc
from streamlit.testing.v1 import AppTest

from layerlab.engine import jobs


def lab_app(lang: str = "ja", projector: bool = False) -> AppTest:
    def script() -> None:
        import streamlit as st

        from layerlab.ui.navigation import pages
        from layerlab.ui.pages.lab import render_lab

        st.navigation(pages(), position="hidden")
        render_lab()

    at = AppTest.from_function(script, default_timeout=30)
    at.query_params["lang"] = lang
    if projector:
        at.query_params["projector"] = "1"
    return at


def charts(at: AppTest) -> list[dict]:
    """Each chart's spec, with its data (Streamlit moves inline data out as Arrow) as rows."""
    found = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["rows"] = pyarrow.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()
        found.append(spec)
    return found


def timelines(at: AppTest) -> list[dict]:
    return [spec for spec in charts(at) if spec["encoding"]["y"]["field"] == "step"]


def timeline(at: AppTest) -> dict:
    return timelines(at)[0]


def size_chart(at: AppTest) -> dict | None:
    return next((spec for spec in charts(at) if spec["encoding"]["x"]["field"] == "image"), None)


def steps_per_run(spec: dict) -> Counter:
    return Counter(row["run"] for row in spec["rows"])


def wait_until(condition: Callable[[], object]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


def run_experiment(at: AppTest) -> jobs.Job:
    at.button(key="lab-run").click().run()
    queue = jobs.shared_queue()
    job, before = (
        queue.get(at.session_state["lab-job"]),
        queue.get(at.session_state["lab-before-job"]),
    )
    wait_until(lambda: job.finished and before.finished)
    at.run()
    return job


def texts(at: AppTest) -> str:
    """Every message, caption, metric and markdown the page shows, as one string."""
    parts = [e.value for kind in ("info", "warning", "success", "error") for e in at.get(kind)]
    parts += [e.value for e in at.caption] + [e.value for e in at.markdown]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(part) for part in parts)
