"""How fast the workspace answers, measured in Debian's chromium against a real streamlit run.

    python bench/ui_latency.py [--edits 20] [--loads 5]

- edit → lint panel: a 60-line Dockerfile is put into the playground's editor in one input
  event (the component sends every change at once); the clock stops when the findings panel
  shows the count the linter gives for that text. Target: median under 300 ms.
- first paint of a lesson: a fresh browser context opens a lesson URL; the clock stops when
  the lesson's numbered title is visible. Target: under 3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_driver import (  # noqa: E402  (the shared driver lives with the browser tests)
    editor,
    focus_editor,
    free_port,
    launch_chromium,
    open_page,
    start_server,
    wait_healthy,
)
from playwright.sync_api import sync_playwright  # noqa: E402

from layerlab.lessons import load_lessons  # noqa: E402
from layerlab.lint import lint  # noqa: E402
from layerlab.sample_projects import load_projects  # noqa: E402

EDIT_TARGET_MS = 300
PAINT_TARGET_S = 3.0

SERVICE = """\
FROM python:3.12-slim-bookworm AS base
ENV PYTHONUNBUFFERED=1 \\
    PYTHONDONTWRITEBYTECODE=1 \\
    PIP_NO_CACHE_DIR=1
RUN apt-get update \\
 && apt-get upgrade -y \\
 && apt-get install -y --no-install-recommends libpq5 \\
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app && useradd --system --gid app --home /app app
WORKDIR /app

FROM base AS export
RUN pip install pipenv==2024.4.0
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM base AS builder
RUN apt-get update \\
 && apt-get install -y --no-install-recommends build-essential libpq-dev \\
 && rm -rf /var/lib/apt/lists/*
COPY --from=export /app/requirements.txt .
RUN python -m venv /opt/venv \\
 && /opt/venv/bin/pip install -r requirements.txt

FROM builder AS dev-builder
RUN /opt/venv/bin/pip install pytest pytest-django

FROM base AS dev
COPY --from=dev-builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY . .
USER app
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]

FROM base AS prod
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY api api
COPY config config
COPY manage.py uwsgi.ini ./
USER app
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/')"
CMD ["uwsgi", "--ini", "uwsgi.ini"]
"""


def sixty_line_variants() -> list[str]:
    """The service file padded to 60 lines, with and without a few rule violations."""
    lines = SERVICE.splitlines()
    padding = [f"# note {n}" for n in range(60 - len(lines))]
    clean = lines[:10] + padding + lines[10:]
    broken = list(clean)
    broken[-1] = "CMD uwsgi --ini uwsgi.ini"
    broken[-4] = "USER root"
    assert len(clean) == len(broken) == 60
    return ["\n".join(clean) + "\n", "\n".join(broken) + "\n"]


def panel_count(page) -> str:
    return page.locator(".st-key-findings-panel h3").first.inner_text()


def measure_edits(page, url: str, count: int) -> list[float]:
    context = next(iter(load_projects().values())).context() if load_projects() else None
    texts = sixty_line_variants()
    expected = [len(lint(text, context=context)) for text in texts]
    assert expected[0] != expected[1], "the two variants must differ in findings"
    open_page(page, f"{url}/playground")
    editor(page)
    timings = []
    for index in range(count + 1):
        variant = index % 2
        focus_editor(page)
        page.keyboard.press("Control+A")
        start = time.perf_counter()
        page.keyboard.insert_text(texts[variant])
        page.wait_for_function(
            "([n]) => { const h = document.querySelector('.st-key-findings-panel h3');"
            " return h && h.innerText.includes('(' + n + ')'); }",
            arg=[expected[variant]],
            polling="raf",
            timeout=30_000,
        )
        if index:  # the first edit also mounts the text: not a steady-state figure
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def measure_paints(browser, url: str, slug: str, heading: str, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{url}/{slug}")
        page.locator("h1", has_text=heading).wait_for(timeout=30_000)
        timings.append(time.perf_counter() - start)
        context.close()
    return timings


def summary(values: list[float], fmt: str) -> str:
    """Median, p90 and range, each formatted with `fmt` (e.g. "{:.0f} ms")."""
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    figures = {"median": statistics.median(values), "p90": p90, "min": ordered[0]}
    figures["max"] = ordered[-1]
    text = "  ".join(f"{name} {fmt.format(value)}" for name, value in figures.items())
    return f"{text}  (n={len(values)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("Debian's chromium is not installed (apt-get install -y chromium)")
        return 2
    lesson = next(iter(load_lessons()))
    port = free_port()
    server = start_server(port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright, chromium)
            open_page(browser.new_page(), url)  # warm the server: imports, lesson loading
            paints = measure_paints(browser, url, lesson.slug, f"{lesson.number}. ", args.loads)
            edits = measure_edits(browser.new_page(), url, args.edits)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    edit_median, paint_median = statistics.median(edits), statistics.median(paints)
    print(f"edit → lint panel, 60-line Dockerfile: {summary(edits, '{:.0f} ms')}")
    print(f"  target median < {EDIT_TARGET_MS} ms: {verdict(edit_median < EDIT_TARGET_MS)}")
    print(f"first paint of lesson {lesson.slug}: {summary(paints, '{:.2f} s')}")
    print(f"  target < {PAINT_TARGET_S} s: {verdict(paint_median < PAINT_TARGET_S)}")
    return 0


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
