"""The two build streams turn into the same step records (no engine needed)."""

from __future__ import annotations

import base64
import json

from layerlab.cache.reasons import NEW, OUTSIDE, Reason
from layerlab.engine.buildkit import RawJsonParser, timestamp
from layerlab.engine.classic import ClassicParser
from layerlab.engine.experiment import engine_keys, merge
from layerlab.engine.outcome import BuildOutcome, EngineStep
from layerlab.records import Run, Step

CLASSIC_STREAM = [
    {"stream": "Step 1/4 : FROM busybox"},
    {"stream": "\n"},
    {"stream": " ---> 65edce516448\n"},
    {"stream": "Step 2/4 : COPY a.txt ."},
    {"stream": "\n"},
    {"stream": " ---> Using cache\n"},
    {"stream": " ---> 9a6c48ca8242\n"},
    {"stream": "Step 3/4 : RUN echo hi && exit 3"},
    {"stream": "\n"},
    {"stream": " ---> Running in 67ee8f5abbe4\n"},
    {"stream": "hi\n"},
    {
        "errorDetail": {
            "code": 3,
            "message": "The command '/bin/sh -c echo hi && exit 3' returned a non-zero code: 3",
        },
        "error": "The command '/bin/sh -c echo hi && exit 3' returned a non-zero code: 3",
    },
]


def _classic(chunks: list[dict[str, object]]) -> BuildOutcome:
    ticks = iter(range(100))
    parser = ClassicParser(lambda: float(next(ticks)))
    for chunk in chunks:
        parser.feed(chunk)
    return parser.finish()


def test_classic_steps_come_from_step_headers() -> None:
    outcome = _classic(CLASSIC_STREAM)
    assert [s.key for s in outcome.steps] == [("", 1), ("", 2), ("", 3)]
    assert [s.instruction for s in outcome.steps][1] == "COPY a.txt ."


def test_classic_cache_hits_come_from_using_cache_and_from_is_a_lookup() -> None:
    assert [s.cached for s in _classic(CLASSIC_STREAM).steps] == [True, True, False]


def test_classic_failing_run_arrives_in_band_with_its_log() -> None:
    outcome = _classic(CLASSIC_STREAM)
    failed = outcome.steps[-1]
    assert "returned a non-zero code: 3" in (failed.error or "")
    assert failed.log == "hi\n"
    assert outcome.error == failed.error


def _vertex_message(digest: str, name: str, **state: object) -> dict[str, object]:
    return {"vertexes": [{"digest": digest, "name": name, **state}]}


RAWJSON = [
    _vertex_message(
        "sha256:a",
        "[internal] load build definition from Dockerfile",
        started="2026-01-01T00:00:00.000000001Z",
    ),
    _vertex_message(
        "sha256:b", "[base 1/2] FROM docker.io/library/busybox", started="2026-01-01T00:00:00.5Z"
    ),
    _vertex_message("sha256:c", "[base 2/2] RUN echo hi", started="2026-01-01T00:00:01Z"),
    {
        "logs": [{"vertex": "sha256:c", "stream": 1, "data": base64.b64encode(b"hi\n").decode()}],
        **_vertex_message(
            "sha256:c",
            "[base 2/2] RUN echo hi",
            started="2026-01-01T00:00:01Z",
            completed="2026-01-01T00:00:02.25Z",
        ),
    },
    _vertex_message(
        "sha256:d",
        "[stage-1 1/1] COPY a.txt .",
        started="2026-01-01T00:00:03Z",
        completed="2026-01-01T00:00:03Z",
        cached=True,
    ),
]


def _feed(parser: RawJsonParser, text: str, piece: int) -> None:
    for start in range(0, len(text), piece):
        parser.feed(text[start : start + piece])


def test_rawjson_pretty_printed_over_many_lines_and_split_anywhere() -> None:
    parser = RawJsonParser()
    _feed(parser, "\n".join(json.dumps(m, indent=2) for m in RAWJSON), piece=7)
    steps = parser.steps()
    assert [s.key for s in steps] == [("base", 1), ("base", 2), ("stage-1", 1)]


def test_rawjson_one_message_per_line_merges_vertexes_by_digest() -> None:
    parser = RawJsonParser()
    parser.feed("".join(json.dumps(m) + "\n" for m in RAWJSON))
    run_step = parser.steps()[1]
    assert run_step.log == "hi\n"
    assert run_step.end is not None and round(run_step.end - run_step.start, 2) == 1.25
    assert [s.cached for s in parser.steps()] == [True, False, True]


def test_rawjson_keeps_non_json_stderr_as_the_error() -> None:
    parser = RawJsonParser()
    parser.feed(
        "ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: ECHO\n"
    )
    assert "unknown instruction" in (parser.error() or "")


def test_timestamps_keep_microseconds_of_nanosecond_rfc3339() -> None:
    elapsed = timestamp("2026-01-01T00:00:01.123456789Z") - timestamp("2026-01-01T00:00:01Z")
    assert round(elapsed, 6) == 0.123456


def test_buildkit_names_unnamed_stages_stage_n() -> None:
    run = Run(
        "cold", "buildkit", [Step("base", 1, "FROM x", 1, True), Step("1", 2, "RUN y", 3, False)]
    )
    assert engine_keys(run, "buildkit") == [("base", 1), ("stage-1", 1)]


def test_merge_explains_a_hit_the_prediction_did_not_expect() -> None:
    run = Run(
        "code-edit",
        "classic",
        [Step("0", 1, "RUN x", 2, predicted_cached=False, miss_reason=Reason(NEW))],
    )
    merge(run, BuildOutcome(steps=[EngineStep(("", 1), "RUN x", 0.0, 1.0, cached=True)]), "classic")
    assert run.steps[0].cached is True
    assert run.steps[0].miss_reason == Reason(OUTSIDE)


def test_buildkit_single_stage_steps_have_no_stage_name() -> None:
    run = Run(
        "cold", "buildkit", [Step("0", 1, "FROM x", 1, True), Step("0", 2, "RUN y", 2, False)]
    )
    steps = [EngineStep(("", 1), "FROM x", 0.0, 0.0, True), EngineStep(("", 2), "RUN y", 0.0, 1.0)]
    merge(run, BuildOutcome(steps=steps), "buildkit")
    assert [s.cached for s in run.steps] == [True, False]


def test_a_from_sharing_another_stages_vertex_is_a_cached_lookup() -> None:
    run = Run(
        "cold",
        "buildkit",
        [Step("a", 1, "FROM x AS a", 1, True), Step("b", 2, "FROM x AS b", 3, True)],
    )
    merge(run, BuildOutcome(steps=[EngineStep(("a", 1), "FROM x", 0.0, 0.0, True)]), "buildkit")
    assert [s.cached for s in run.steps] == [True, True]
