"""The build lab page through AppTest, with the engine faked at the SDK boundary (fake_engine)."""

from __future__ import annotations

import threading

import pytest
from fake_engine import FakeEngine, no_engine
from lab_helpers import (
    lab_app,
    run_experiment,
    size_chart,
    steps_per_run,
    texts,
    timeline,
    timelines,
    wait_until,
)
from streamlit.testing.v1 import AppTest

from layerlab.cache.plan import plan
from layerlab.dockerfile import parse
from layerlab.engine import jobs
from layerlab.engine.experiment import ExperimentSpec
from layerlab.sample_projects import load_projects
from layerlab.workshop.config import BUILDS_ENV, BUILDS_SWITCH, CONFIG_ENV, PASSCODE_ENV
from layerlab.workshop.store import DB_ENV, Store

PROJECT = load_projects()["django-uwsgi"]
STEPS = len(plan(parse(PROJECT.read(PROJECT.dockerfile) or ""), PROJECT.target, "classic"))
RUNS = ["cold", "code-edit", "deps-edit"]
RUN_NAMES = ["キャッシュなし", "コード変更後", "依存関係の変更後"]


pytestmark = pytest.mark.usefixtures("fresh_lab")


def test_without_an_engine_the_page_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    no_engine(monkeypatch)
    at = lab_app().run()
    assert not at.exception
    assert "Docker エンジンがありません" in at.warning[0].value
    assert all(button.key != "lab-run" for button in at.button)


def test_without_an_engine_the_prediction_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    no_engine(monkeypatch)
    at = lab_app().run()
    spec = timelines(at)[-1]  # after the shipped recording, when there is one
    assert steps_per_run(spec) == {run: STEPS for run in RUN_NAMES}
    assert {row["status"] for row in spec["rows"]} <= {"キャッシュ (予測)", "再実行 (予測)"}
    assert all(row["seconds"] is None for row in spec["rows"])


def test_builds_are_off_unless_enabled(fake: FakeEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUILDS_ENV)
    at = lab_app().run()
    assert "実際のビルドはオフです" in at.info[0].value
    assert all(button.key != "lab-run" for button in at.button)
    assert "このエンジンでのビルド結果" not in texts(at)


def test_the_config_file_can_enable_builds(
    fake: FakeEngine, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.delenv(BUILDS_ENV)
    (tmp_path / "layerlab.toml").write_text("builds = true\n")
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "layerlab.toml"))
    at = lab_app().run()
    assert at.button(key="lab-run")


def workshop_mode(monkeypatch: pytest.MonkeyPatch, tmp_path) -> Store:
    monkeypatch.setenv(PASSCODE_ENV, "s3cret-passcode")
    monkeypatch.setenv(DB_ENV, str(tmp_path / "workshop.sqlite"))
    return Store(tmp_path / "workshop.sqlite")


def test_in_workshop_mode_builds_wait_for_the_facilitators_go(
    fake: FakeEngine, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    workshop_mode(monkeypatch, tmp_path)
    at = lab_app().run()
    assert "進行役の合図" in at.info[0].value
    assert all(button.key != "lab-run" for button in at.button)


def test_the_facilitators_go_lets_learners_build(
    fake: FakeEngine, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    workshop_mode(monkeypatch, tmp_path).set_switch(BUILDS_SWITCH, True)
    at = lab_app().run()
    assert at.button(key="lab-run")


def test_the_facilitator_page_switch_stores_the_go(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    database = workshop_mode(monkeypatch, tmp_path)

    def script() -> None:
        from layerlab.ui.pages.facilitator import render_facilitator

        render_facilitator()

    at = AppTest.from_function(script, default_timeout=30)
    at.session_state["facilitator-authorized"] = True
    at.run()
    assert not database.switch(BUILDS_SWITCH)
    at.toggle(key="facilitator-builds").set_value(True).run()
    assert database.switch(BUILDS_SWITCH)


def test_the_engine_state_is_shown_plainly(fake: FakeEngine) -> None:
    at = lab_app().run()
    assert "27.0.0-fake" in at.success[0].value
    assert "buildx (BuildKit): なし" in at.success[0].value


def test_the_experiment_runs_and_the_gantt_has_one_row_per_step(fake: FakeEngine) -> None:
    at = lab_app().run()
    job = run_experiment(at)
    assert job.state == jobs.DONE, job.error
    spec = timeline(at)
    assert steps_per_run(spec) == {run: STEPS for run in RUN_NAMES}
    assert spec["encoding"]["column"]["field"] == "run"
    assert all(row["seconds"] is not None for row in spec["rows"])


def test_the_code_edit_reuses_the_dependency_install(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    code_edit = [r for r in timeline(at)["rows"] if r["run"] == "コード変更後"]
    install = next(r for r in code_edit if "pip --python" in r["step"])
    assert install["status"] == "キャッシュ"


def test_the_size_chart_has_both_images_with_totals(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    sizes = size_chart(at)
    images = {row["image"] for row in sizes["rows"]}
    assert len(images) == 2
    assert any(image.startswith("あなたの (") and "MB)" in image for image in images)
    assert any(image.startswith("改善前 (") for image in images)


def test_missed_steps_say_why_in_words(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    reasons = at.table[0].value["再実行の理由"].tolist()
    assert any("api/views.py" in reason.replace("\\", "") for reason in reasons)


def test_images_are_tagged_per_session(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    session = at.session_state["lab-session"]
    learner = {b["tag"] for b in fake.builds if str(b["tag"]).startswith("layerlab/" + session)}
    assert learner == {f"layerlab/{session}:{run}" for run in RUNS}


def test_the_probe_result_is_shown(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    assert any("JSON で応答しなかった" in warning.value for warning in at.warning)


def test_english_labels(fake: FakeEngine) -> None:
    at = lab_app("en").run()
    assert at.title[0].value == "Build lab"
    assert at.button(key="lab-run").label == "Run the cache experiment"


def test_a_waiting_experiment_shows_its_place_and_cancels(
    fake: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    queue = jobs.JobQueue(lambda job: release.wait(30), limit=1, remover=lambda prefix: None)
    monkeypatch.setattr(jobs, "_shared_queue", queue)
    queue.submit(ExperimentSpec(PROJECT.root, "FROM busybox\n", "classic"), "other")
    at = lab_app().run()
    at.button(key="lab-run").click().run()
    assert "待ち行列の 1 番目" in at.info[0].value
    at.button(key="lab-cancel").click().run()
    assert queue.get(at.session_state["lab-job"]).state == jobs.CANCELLED
    assert "実験はキャンセルされました。" in [w.value for w in at.warning]
    release.set()


def test_cancel_stops_a_running_build(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeEngine(step_seconds=0.2).install(monkeypatch)
    at = lab_app().run()
    at.button(key="lab-run").click().run()
    job = jobs.shared_queue().get(at.session_state["lab-job"])
    wait_until(lambda: any(step.start is not None for run in job.runs for step in run.steps))
    at.run()
    at.button(key="lab-cancel").click().run()
    wait_until(lambda: job.finished)
    assert job.state == jobs.CANCELLED
    assert job.runs[0].error


def test_choosing_another_dockerfile_no_longer_shows_the_build(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    assert "このエンジンでのビルド結果" in texts(at)
    at.radio(key="widget-lab-source").set_value("before").run()
    assert "このエンジンでのビルド結果" not in texts(at)
    before = (PROJECT.read(PROJECT.before) or "").splitlines()
    for row in timeline(at)["rows"]:
        line, instruction = row["step"].split(": ", 1)
        assert before[int(line) - 1].startswith(instruction.split()[0]), row["step"]


def test_projector_mode_uses_large_chart_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    no_engine(monkeypatch)
    at = lab_app(projector=True).run()
    spec = timeline(at)
    assert spec["encoding"]["y"]["axis"]["labelOverlap"] is False
    for part in ("axis", "legend"):
        assert spec["config"][part]["labelFontSize"] >= 28, part
        assert spec["config"][part]["titleFontSize"] >= 28, part


def test_builds_off_is_one_message_that_names_the_engine(
    fake: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(BUILDS_ENV)
    at = lab_app().run()
    assert len(at.info) == 1 and "27.0.0-fake" in at.info[0].value
    assert not at.success and not at.warning


def test_without_an_engine_only_the_missing_engine_is_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    no_engine(monkeypatch)
    at = lab_app().run()
    assert len(at.warning) == 1 and not at.info and not at.success


def test_the_reasons_table_speaks_the_pages_language(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    table = at.table[0].value
    assert list(table.columns) == ["実行", "行", "命令", "再実行の理由", "連鎖して再実行された行"]
    assert any("コピーするファイルが変わりました" in reason for reason in table["再実行の理由"])
    assert set(table["実行"]) <= set(RUN_NAMES)


def test_the_english_lab_names_runs_statuses_and_reasons_in_english(fake: FakeEngine) -> None:
    at = lab_app("en").run()
    run_experiment(at)
    spec = timeline(at)
    assert set(steps_per_run(spec)) == {
        "cold build",
        "after a code edit",
        "after a dependency edit",
    }
    assert {row["status"] for row in spec["rows"]} <= {"cached", "ran", "failed"}
    assert spec["encoding"]["x"]["title"] == "seconds"
    reasons = at.table[0].value["Why it ran again"].tolist()
    assert any("a file it copies changed" in reason for reason in reasons)
    assert "キャッシュ" not in texts(at)


def test_the_cache_rate_of_a_cold_build_is_zero(fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    cold = next(m for m in at.metric if m.label.startswith("キャッシュなし"))
    assert cold.value.startswith("0%")
