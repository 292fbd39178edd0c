"""The build lab in a real browser on the real engine: run the experiment, see the charts.

The lab is pointed (LAYERLAB_SAMPLES) at a tiny busybox project written here, so the three
builds take seconds: a site served by busybox httpd as a non-root user, with a "before"
Dockerfile that copies everything before its install step.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_driver import open_page, serving
from docker.errors import ImageNotFound
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.engine]
BUILD_TIMEOUT = 150_000  # ms: three builds, the "before" image and a probe

FILES = {
    "layerlab.toml": """[project]
title = { ja = "小さな busybox サイト", en = "A tiny busybox site" }
dockerfile = "Dockerfile"
before = "Dockerfile.before"
port = 8000
probe = "/api/health/"

[edits]
code = ["www/api/health/index.html"]
deps = { "deps.txt" = "edits/deps.txt" }
""",
    "Dockerfile": """FROM busybox
WORKDIR /www
COPY deps.txt .
RUN cp deps.txt installed.txt && sleep 1
COPY www/ .
USER 65534
EXPOSE 8000
CMD ["httpd", "-f", "-p", "8000", "-h", "/www"]
""",
    "Dockerfile.before": """FROM busybox
WORKDIR /www
COPY . .
RUN cp deps.txt installed.txt && dd if=/dev/zero of=/www/blob bs=1k count=512 && sleep 1
EXPOSE 8000
CMD ["httpd", "-f", "-p", "8000", "-h", "/www/www"]
""",
    "deps.txt": "one==1\n# TOKEN\n",
    "edits/deps.txt": "one==1\ntwo==2\n# TOKEN\n",
    "www/api/health/index.html": '{"status": "ok", "run": "TOKEN"}\n',
}
TOKEN = "TOKEN"  # BuildKit's cache outlives images: a fresh token per run keeps it cold


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root, token = tmp_path_factory.mktemp("samples"), uuid.uuid4().hex
    for relative, text in FILES.items():
        path = root / "tiny" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace(TOKEN, token))
    return root


@pytest.fixture(scope="module")
def lab_url(chromium_path: str, docker_client, samples: Path) -> Iterator[str]:
    """A server of its own: the lab reads LAYERLAB_SAMPLES from its environment; builds on."""
    with serving({"LAYERLAB_SAMPLES": str(samples), "LAYERLAB_BUILDS": "1"}) as url:
        yield url


@pytest.fixture
def new_lab_images(docker_client) -> Iterator[None]:
    """The images the lab tags during the test are removed after it."""
    before = set(_lab_tags(docker_client))
    yield
    for tag in set(_lab_tags(docker_client)) - before:
        with contextlib.suppress(ImageNotFound):  # the janitor may have been first
            docker_client.images.remove(tag)


def _lab_tags(client) -> list[str]:
    return [
        tag for image in client.images.list() for tag in image.tags if tag.startswith("layerlab/")
    ]


def test_the_experiment_shows_timeline_sizes_and_probe(
    page, lab_url: str, screenshots: Path, new_lab_images: None
) -> None:
    page.set_viewport_size({"width": 1400, "height": 5000})  # all of it painted
    open_page(page, f"{lab_url}/lab?lang=en")
    expect(page.get_by_text("ready to build")).to_be_visible()
    expect(page.locator('[data-testid="stVegaLiteChart"]')).to_have_count(1)  # the prediction
    page.get_by_role("button", name="Run the cache experiment").click()
    expect(page.get_by_text("answered with JSON")).to_be_visible(timeout=BUILD_TIMEOUT)
    expect(page.get_by_text("runs as uid 65534")).to_be_visible()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(3, timeout=BUILD_TIMEOUT)  # timeline, sizes, layer contents
    expect(page.get_by_text("What the layers hold")).to_be_visible()
    expect(page.get_by_text("Before and after, built on this engine just now.")).to_be_visible()
    expect(page.get_by_text("Predicted from Docker's cache rules")).to_have_count(0)
    expect(page.get_by_text("a file it copies changed: www/api/health/index.html")).to_be_visible()
    page.wait_for_timeout(1000)  # let Vega finish drawing
    page.locator('[data-testid="stMainBlockContainer"]').screenshot(
        path=str(screenshots / "lab.png")
    )
