"""Driving the real app: a streamlit server on a free port, and the page's editor and panels.

Shared by tests/browser and bench/ui_latency.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} never became healthy")


def start_server(
    port: int, env: Mapping[str, str] | None = None, log: IO[bytes] | None = None
) -> subprocess.Popen[bytes]:
    """`env` adds to the environment, e.g. LAYERLAB_SAMPLES for the lab; `log` takes its
    output (discarded otherwise)."""
    env = {**os.environ, "LAYERLAB_EDITOR": "component", **(env or {})}
    return subprocess.Popen(
        [
            sys.executable,
            *("-m", "streamlit", "run", "app.py"),
            *("--server.port", str(port), "--server.address", "127.0.0.1"),
            *("--server.headless", "true", "--browser.gatherUsageStats", "false"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log or subprocess.DEVNULL,
        stderr=log or subprocess.DEVNULL,
    )


@contextmanager
def serving(env: Mapping[str, str] | None = None) -> Iterator[str]:
    """A healthy app server on a free port for the block; its URL."""
    port = free_port()
    process = start_server(port, env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


EDITOR_FRAME = 'iframe[title="code_editor.code_editor"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def open_page(page, url: str) -> None:
    """Load a page and wait until its script has finished."""
    page.goto(url)
    wait_idle(page)


def wait_idle(page, timeout: float = 30_000) -> None:
    try:
        page.wait_for_selector(IDLE, timeout=timeout, state="attached")
    except Exception as exc:  # say what the app was doing instead
        app = page.locator('[data-testid="stApp"]')
        script = app.get_attribute("data-test-script-state") if app.count() else None
        connection = app.get_attribute("data-test-connection-state") if app.count() else None
        raise AssertionError(
            f"app never idle at {page.url}: script={script} connection={connection}"
        ) from exc


def editor(page, index: int = 0):
    """The Ace editor inside the code_editor component, scrolled into view."""
    wait_idle(page)
    page.locator(EDITOR_FRAME).nth(index).scroll_into_view_if_needed()
    inner = page.frame_locator(EDITOR_FRAME).nth(index)
    inner.locator("#REACT_ACE_EDITOR").wait_for(timeout=30_000)
    return inner


def focus_editor(page, index: int = 0) -> None:
    """Click into Ace until it reports focus: a click while the iframe settles can miss."""
    ace = editor(page, index)
    for _ in range(10):
        ace.locator(".ace_content").click()
        if ace.locator("#REACT_ACE_EDITOR.ace_focus").count():
            return
        time.sleep(0.2)
    raise TimeoutError("the editor never took focus")


def replace_text(page, text: str, index: int = 0) -> None:
    """Select all, insert `text` in one input event, and submit it (Ctrl+Enter)."""
    focus_editor(page, index)
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Enter")


def type_line(page, line: str, index: int = 0) -> None:
    """Type a new last line key by key, as a learner would."""
    focus_editor(page, index)
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type(line, delay=20)
    page.keyboard.press("Escape")


def gutter_rows(page, index: int = 0) -> dict[int, str]:
    """1-based line → Ace annotation type shown in the gutter."""
    cells = editor(page, index).locator(".ace_gutter-cell")
    rows = {}
    for cell in cells.all():
        classes = cell.get_attribute("class") or ""
        kind = next((k for k in ("error", "warning", "info") if f"ace_{k}" in classes), None)
        text = cell.inner_text().strip()
        if kind and text.isdigit():
            rows[int(text)] = kind
    return rows


def findings_text(page) -> str:
    return page.locator(".st-key-findings-panel").inner_text()


def launch_chromium(playwright, executable: str):
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
