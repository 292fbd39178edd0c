"""The lab with builds off, in a real browser: recorded figures next to the prediction, the
talk's before/after up top, in Japanese and English, and on a projector at 1920×1080."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_driver import open_page, serving
from playwright.sync_api import expect
from recorded_project import recorded_samples

pytestmark = pytest.mark.browser
CHART = '[data-testid="stVegaLiteChart"]'


@pytest.fixture(scope="module")
def lab_url(chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    samples = recorded_samples(tmp_path_factory.mktemp("samples"))
    with serving({"LAYERLAB_SAMPLES": str(samples), "LAYERLAB_BUILDS": "0"}) as url:
        yield url


def _shoot(page, screenshots: Path, name: str) -> None:
    page.wait_for_timeout(1000)  # let Vega finish drawing
    page.locator('[data-testid="stMainBlockContainer"]').screenshot(path=str(screenshots / name))


@pytest.mark.parametrize(
    ("lang", "size_label", "recorded"),
    [
        ("ja", "コード変更後の再ビルド", "2026-12-01 に Docker 20.10.24、2 CPU で記録"),
        (
            "en",
            "Rebuild after a code edit",
            "Recorded on 2026-12-01 with Docker 20.10.24 on 2 CPUs",
        ),
    ],
)
def test_the_lab_shows_recorded_figures_without_builds(
    page, lab_url: str, screenshots: Path, lang: str, size_label: str, recorded: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 5000})  # all of it painted
    open_page(page, f"{lab_url}/lab?lang={lang}")
    expect(page.get_by_text(size_label)).to_be_visible()
    expect(page.get_by_text("180 MB", exact=True)).to_be_visible()
    expect(page.get_by_text(recorded).first).to_be_visible()
    expect(page.locator(CHART)).to_have_count(3)  # recorded, predicted, sizes
    _shoot(page, screenshots, f"lab-recorded-{lang}.png")


def test_projector_mode_at_1920_by_1080(page, lab_url: str, screenshots: Path) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{lab_url}/lab?lang=ja&projector=1")
    expect(page.locator(CHART).first).to_be_visible()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(screenshots / "lab-projector.png"))
    page.set_viewport_size({"width": 1920, "height": 6000})
    _shoot(page, screenshots, "lab-projector-full.png")


def test_projector_metric_values_are_larger_than_their_labels(page, lab_url: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, f"{lab_url}/lab?lang=ja&projector=1")
    value = page.locator('[data-testid="stMetricValue"] p').first
    label = page.locator('[data-testid="stMetricLabel"] p').first
    expect(value).to_be_visible()
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    assert value.evaluate(size) > label.evaluate(size)


@pytest.fixture(scope="module")
def shipped_url(chromium_path: str) -> Iterator[str]:
    """The shipped sample projects and their recordings, builds off."""
    with serving({"LAYERLAB_BUILDS": "0"}) as url:
        yield url


def test_a_shipped_recording_shows_real_runs_and_layer_contents(
    page, shipped_url: str, screenshots: Path
) -> None:
    page.set_viewport_size({"width": 1400, "height": 6000})
    open_page(page, f"{shipped_url}/lab?lang=ja")
    _shoot(page, screenshots, "lab-shipped-ja.png")
    page.get_by_text("改善前の Dockerfile", exact=True).click()
    expect(page.get_by_text("記録済みの実測 ·")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("レイヤーの中身")).to_be_visible()
    _shoot(page, screenshots, "lab-shipped-before-ja.png")
