"""The lab without builds shows real figures: the project's recordings, labelled with when,
where and on what they were made, next to the live prediction; the talk's before/after up top."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fake_engine import FakeEngine, no_engine
from lab_helpers import lab_app, run_experiment, size_chart, texts, timelines
from recorded_project import NAME, recorded_samples

from layerlab.recordings import FOLDER, load_recordings
from layerlab.sample_projects import ROOT
from layerlab.ui import state
from layerlab.ui.routes import PLAYGROUND_SCOPE
from layerlab.workshop.config import BUILDS_ENV

pytestmark = pytest.mark.usefixtures("fresh_lab")


@pytest.fixture
def samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = recorded_samples(tmp_path)
    monkeypatch.setenv("LAYERLAB_SAMPLES", str(folder))
    return folder


@pytest.fixture
def builds_off(fresh_lab: None, fake: FakeEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUILDS_ENV)


def recorded(samples: Path, dockerfile: str):
    return next(r for r in load_recordings(samples / NAME) if r.dockerfile == dockerfile)


def headline(at) -> dict[str, object]:
    """The four figures up top, by what they measure."""
    names = ("size before", "size after", "rebuild before", "rebuild after")
    return dict(zip(names, at.metric[:4], strict=True))


@pytest.mark.usefixtures("builds_off")
def test_the_talks_before_and_after_are_the_first_figures(samples: Path) -> None:
    at = lab_app().run()
    before, after = recorded(samples, "Dockerfile.before"), recorded(samples, "Dockerfile")
    figures = headline(at)
    assert [m.label for m in at.metric[:4]] == ["改善前", "改善後", "改善前", "改善後"]
    assert [m.value for m in at.markdown[:2]] == [
        "**イメージサイズ**",
        "**コード変更後の再ビルド**",
    ]
    assert figures["size before"].value == "1,100 MB"
    assert figures["size after"].value == "180 MB"
    assert figures["size after"].delta == "-84%"
    assert figures["rebuild after"].value == f"{after.run('code-edit').seconds:.1f} s"
    assert figures["rebuild before"].value == f"{before.run('code-edit').seconds:.1f} s"


@pytest.mark.usefixtures("builds_off")
def test_recordings_say_when_with_which_docker_on_how_many_cpus(samples: Path) -> None:
    assert "2026-12-01 に Docker 20.10.24、2 CPU で記録" in texts(lab_app().run())
    english = texts(lab_app("en").run())
    assert "Recorded on 2026-12-01 with Docker 20.10.24 on 2 CPUs" in english


@pytest.mark.usefixtures("builds_off")
def test_the_recorded_runs_are_shown_next_to_the_prediction(samples: Path) -> None:
    at = lab_app().run()
    real, predicted = timelines(at)
    assert all(row["seconds"] is not None for row in real["rows"])
    assert all(row["seconds"] is None for row in predicted["rows"])
    assert {row["status"] for row in real["rows"]} <= {"キャッシュ", "実行"}


def test_without_an_engine_the_recordings_are_shown_too(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_engine(monkeypatch)
    at = lab_app().run()
    assert "Docker エンジンがありません" in at.warning[0].value
    assert headline(at)["size after"].value == "180 MB"
    assert len(timelines(at)) == 2


@pytest.mark.usefixtures("builds_off")
def test_the_size_chart_compares_the_recorded_images(samples: Path) -> None:
    at = lab_app().run()
    images = {row["image"] for row in size_chart(at)["rows"]}
    assert images == {"改善後 (180 MB)", "改善前 (1100 MB)"}


@pytest.mark.usefixtures("builds_off")
def test_a_learners_edit_is_predicted_against_the_recording(samples: Path) -> None:
    at = lab_app()
    text = (samples / NAME / "Dockerfile").read_text().replace("COPY . .", "COPY ./ ./", 1)
    at.session_state[state.TEXTS] = {PLAYGROUND_SCOPE: text + "\nLABEL edited=yes\n"}
    at.run()
    assert at.radio(key="widget-lab-source").value == "yours"
    assert "模範解答の記録済みの実測 (あなたの予測との比較用)" in texts(at)
    deltas = [m.delta for m in at.metric if m.delta and "記録比" in m.delta]
    assert deltas, [m.delta for m in at.metric]
    predicted, compared = timelines(at)
    assert all(row["seconds"] is None for row in predicted["rows"])
    assert all(row["seconds"] is not None for row in compared["rows"])


@pytest.mark.usefixtures("builds_off")
def test_a_recording_of_older_files_says_so(samples: Path) -> None:
    (samples / NAME / "api" / "views.py").write_text("# changed since the recording\n")
    at = lab_app().run()
    assert any("数値がずれている可能性があります" in w.value for w in at.warning)


def test_after_a_real_build_the_figures_come_from_it(samples: Path, fake: FakeEngine) -> None:
    at = lab_app().run()
    run_experiment(at)
    assert "改善前と改善後。このエンジンで今ビルドした結果です。" in texts(at)
    assert headline(at)["size after"].value != "180 MB"


@pytest.mark.usefixtures("builds_off")
def test_a_recording_shows_what_its_layers_hold(samples: Path) -> None:
    at = lab_app()
    at.session_state["lab-source"] = "before"
    at.run()
    assert "レイヤーの中身" in [h.value for h in at.subheader]
    assert any("40.0 MB" in line for line in texts(at).splitlines())


@pytest.mark.usefixtures("builds_off")
def test_a_recording_without_layer_contents_shows_no_empty_section(samples: Path) -> None:
    at = lab_app().run()
    assert "レイヤーの中身" not in [h.value for h in at.subheader]


@pytest.mark.usefixtures("builds_off")
def test_a_broken_recording_is_named_and_the_prediction_still_shows(samples: Path) -> None:
    (samples / NAME / "recorded" / "Dockerfile.classic.json").write_text("{not json")
    at = lab_app().run()
    assert not at.exception
    assert any("記録を読み込めませんでした" in w.value for w in at.warning)
    assert "Dockerfile.classic.json" in at.code[-1].value
    assert timelines(at)


def test_a_prediction_alone_has_no_size_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_lab: None
) -> None:
    no_engine(monkeypatch)
    shutil.copytree(ROOT / NAME, tmp_path / NAME, ignore=shutil.ignore_patterns(FOLDER))
    monkeypatch.setenv("LAYERLAB_SAMPLES", str(tmp_path))
    at = lab_app().run()
    assert "レイヤーごとのイメージサイズ" not in [h.value for h in at.subheader]
    assert size_chart(at) is None
    assert not at.metric[0].label.startswith("改善")  # no before/after without figures
