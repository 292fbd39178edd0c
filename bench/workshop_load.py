"""A workshop's load on one instance: many learners in one chromium against a real streamlit run.

    python bench/workshop_load.py [--sessions 10] [--seconds 180] [--ramp 60] [--read 60]
                                  [--think 10] [--nice 0] [--builds]

The browser check: that the real page behaves for a handful of learners (10 by default). For a
room of 50 use bench/workshop_soak.py, whose learners speak Streamlit's protocol without a
browser: here each learner's renderer runs on the server's own cores, so beyond about 10 this
measures the renderers. Each session is a separate browser context (its own Streamlit session)
that, over and over:
opens a lesson with an exercise (by its sidebar link; a page load only at the start and after
an error), reads for `--read` seconds, puts a Dockerfile with mistakes in the editor in one
input event, waits for the lint panel, thinks `--think` seconds, puts the reference solution in,
waits for the panel, thinks, presses Check and waits for the pass. Learners arrive over
`--ramp` seconds; latencies count from then on, for `--seconds`.

The default pace (a lesson passed every 85 s or so by every learner, an edit a second across a
room of 30) is brisker than a real workshop, where nine lessons take a morning. Pushed harder
(`--read 30 --think 5`) the 30 headless renderers, which in a real room run on 30 laptops, take
most of these two cores and the tail grows with the wait for a core, not with the server's work:
the CPU line shows the split, and the server's part of each edit is printed separately. `--nice N`
lowers the browser's priority. It prints:

- edit → lint latency: from the text going into the editor to the panel showing the count the
  linter gives for it; p50 and p95 (target p95 < 1 s); and the server's part of it: from the
  rerun request leaving the browser to the server's "run finished" arriving, both stamped by
  the browser's network layer (streamlit_wire.py);
- server memory per session: RSS of the streamlit process and its children at the end (the
  sessions still open) minus RSS with no session open (after one warm-up visit), divided by
  the number of sessions (target < 25 MB);
- errors: exceptions shown in a page, timeouts (naming the step and what it waited for),
  JavaScript errors and console errors, failed requests (target 0);
- any request that tried to leave 127.0.0.1 (aborted, as in the browser tests).

`--builds` also queues 10 cache experiments on a tiny busybox project through
layerlab.engine.jobs (directly, not through the browser), 2 building at a time: every one must
finish, queue positions only ever go down, and the janitor must leave no image, container or
temporary folder behind. Needs a Docker engine and busybox:latest in the local store.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import browser_driver as driver  # noqa: E402  (the shared driver lives with the browser tests)
from playwright.async_api import Error as PlaywrightError  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
from streamlit_wire import Wire  # noqa: E402
from workshop_common import (  # noqa: E402
    PASSED,
    Lint,
    Round,
    cpu_seconds,
    percentile,
    process_rss,
    rounds,
    verdict,
)

from layerlab.engine.experiment import ExperimentSpec  # noqa: E402
from layerlab.engine.jobs import DONE, JobQueue, session_prefix  # noqa: E402
from layerlab.lessons import Lesson  # noqa: E402
from layerlab.workshop.config import PASSCODE_ENV  # noqa: E402

LATENCY_TARGET_S = 1.0
MEMORY_TARGET_MB = 25.0
STEP_TIMEOUT_MS = 30_000
BUILDS, BUILD_LIMIT = 10, 2


class StepFailed(Exception):
    """A step of a round that failed: which one, and the first line of why."""


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)  # requests aborted: the app must work offline
    rounds: int = 0
    measure_from: float = 0.0  # latencies count once every learner has arrived
    arriving: list[float] = field(default_factory=list)  # latencies while learners arrive

    server: list[float] = field(default_factory=list)  # the server's part of `latencies`

    def timed(self, seconds: float, server: float | None) -> None:
        if time.monotonic() < self.measure_from:
            self.arriving.append(seconds)
            return
        self.latencies.append(seconds)
        if server is not None:
            self.server.append(server)


@dataclass
class Tab:
    page: object  # playwright's Page
    wire: Wire


async def new_tab(browser, stats: Stats) -> Tab:
    """A fresh context (a learner of its own) that only reaches 127.0.0.1."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})

    async def offline(route) -> None:
        if route.request.url.startswith(driver.LOCAL):
            await route.continue_()
        else:
            stats.external.add(route.request.url)
            await route.abort()

    await context.route("**/*", offline)
    page = await context.new_page()
    page.on("pageerror", lambda error: stats.errors.append(f"JavaScript error: {error}"))
    page.on("console", lambda message: _console_error(message, stats))
    page.on("response", lambda response: _http_error(response, stats))
    return Tab(page, await Wire.attach(context, page))


def _console_error(message, stats: Stats) -> None:
    """Streamlit reports a broken page (e.g. "Bad delta path") on the console, not by throwing.

    "Failed to load resource" is left to `_http_error`, which knows the address.
    """
    text = message.text.splitlines()[0] if message.text else ""
    if message.type == "error" and not text.startswith("Failed to load resource"):
        stats.errors.append(f"console error: {text[:160]}")


def _http_error(response, stats: Stats) -> None:
    """A failed request, except the base-path probes Streamlit's page makes on a deep link
    (`/<page>/_stcore/health` answers 404, then it asks `/_stcore/health`)."""
    path = urlsplit(response.url).path
    probe = path.endswith(("/_stcore/health", "/_stcore/host-config")) and path.count("/") > 2
    if response.status >= 400 and not probe:
        stats.errors.append(f"HTTP {response.status} for {path}")


def _first_line(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0]


async def _phase(name: str, awaitable: Awaitable[object]) -> None:
    """Await one phase of a step; a failure says which phase it was."""
    try:
        await awaitable
    except (PlaywrightError, TimeoutError) as exc:  # Playwright's timeout is an Error
        raise StepFailed(f"{name}: {_first_line(exc)}") from exc


async def open_lesson(page, url: str, lesson: Lesson, *, reload: bool) -> None:
    """Load the lesson's URL, or (as a learner does) follow its link in the sidebar."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{lesson.slug}"]')
    if reload or not await link.is_visible():
        # Not "load": the h1 below is what a learner waits for.
        address = f"{url}/{lesson.slug}"
        await _phase("load", page.goto(address, wait_until="commit", timeout=STEP_TIMEOUT_MS))
    else:
        await _phase("follow the link", link.click(timeout=STEP_TIMEOUT_MS))
    title = page.locator("h1", has_text=re.compile(rf"^{lesson.number}\. "))
    await _phase("title", title.wait_for(timeout=STEP_TIMEOUT_MS))
    idle = page.wait_for_selector(driver.IDLE, state="attached", timeout=STEP_TIMEOUT_MS)
    await _phase("script done", idle)
    editor = page.frame_locator(driver.EDITOR_FRAME).first.locator("#REACT_ACE_EDITOR")
    await _phase("editor", editor.wait_for(timeout=STEP_TIMEOUT_MS))


async def focus_editor(page) -> None:
    """Click into Ace until it reports focus: a click while the iframe settles can miss."""
    ace = page.frame_locator(driver.EDITOR_FRAME).first
    for _ in range(10):
        await ace.locator(".ace_content").click(timeout=STEP_TIMEOUT_MS)
        if await ace.locator("#REACT_ACE_EDITOR.ace_focus").count():
            return
        await asyncio.sleep(0.2)
    raise TimeoutError("the editor never took focus")


PANEL_SHOWS = """([n]) => new Promise((resolve) => {
  const shows = () => {
    const heading = document.querySelector('.st-key-findings-panel h3');
    return heading !== null && heading.innerText.includes('(' + n + ')');
  };
  if (shows()) return resolve();
  const observer = new MutationObserver(() => {
    if (shows()) { observer.disconnect(); resolve(); }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
})"""


async def edit(tab: Tab, target: Lint) -> tuple[float, float | None]:
    """Put `target.text` in the editor in one input event; seconds until the panel agrees, and
    the server's part of them (None if the wire never showed a finished run).

    The page itself watches for the panel (a MutationObserver): polling from the driver would
    cost 30 pages' renderers a script call every few milliseconds.
    """
    page = tab.page
    await focus_editor(page)
    await page.keyboard.press("Control+A")
    mark = tab.wire.mark()
    start = time.perf_counter()
    await page.keyboard.insert_text(target.text)
    waiting = page.evaluate(PANEL_SHOWS, [target.count])
    await asyncio.wait_for(waiting, STEP_TIMEOUT_MS / 1000)
    seen = time.perf_counter() - start
    return seen, await tab.wire.server_seconds(mark)


async def one_round(
    tab: Tab, url: str, work: Round, args: argparse.Namespace, stats: Stats, *, reload: bool
) -> None:
    page = tab.page
    doing = "open the lesson"
    try:
        await open_lesson(page, url, work.lesson, reload=reload)
        await asyncio.sleep(args.read)
        doing = "edit with a mistake"
        stats.timed(*await edit(tab, work.mistake))
        await asyncio.sleep(args.think)
        doing = "edit to the solution"
        stats.timed(*await edit(tab, work.solution))
        await asyncio.sleep(args.think)
        doing = "check"
        check = page.locator(f".st-key-check-{work.lesson.slug} button")
        await check.click(timeout=STEP_TIMEOUT_MS)
        await page.get_by_text(PASSED).first.wait_for(timeout=STEP_TIMEOUT_MS)
    except (PlaywrightError, TimeoutError, StepFailed) as exc:  # Playwright's timeout is an Error
        raise StepFailed(f"{work.lesson.slug}, {doing}: {_first_line(exc)}") from exc
    shown = await page.locator('[data-testid="stException"]').count()
    if shown:
        stats.errors.append(f"{shown} exception(s) shown on {work.lesson.slug}")
    stats.rounds += 1


async def learner(
    tab: Tab,
    url: str,
    work: list[Round],
    first: int,
    deadline: float,
    args: argparse.Namespace,
    stats: Stats,
) -> None:
    # Learners arrive over --ramp seconds: 30 page loads at one instant swamp one browser.
    await asyncio.sleep(args.ramp * first / args.sessions)
    index, reload = first, True  # a page load first, and again after anything went wrong
    while time.monotonic() < deadline:
        item = work[index % len(work)]
        index += 1
        try:
            await one_round(tab, url, item, args, stats, reload=reload)
            reload = False
        except StepFailed as exc:
            stats.errors.append(str(exc))
            reload = True


async def load(url: str, server_pid: int, args: argparse.Namespace, stats: Stats) -> dict:
    work = rounds()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    os.nice(args.nice)  # the browser and its driver inherit it; the server keeps its own
    async with async_playwright() as playwright:
        browser = await driver.launch_chromium(playwright, chromium)
        warm = await new_tab(browser, stats)  # imports and lesson loading, paid once
        await open_lesson(warm.page, url, work[0].lesson, reload=True)
        await warm.page.context.close()
        await asyncio.sleep(3)  # let the server drop the warm-up session's websocket
        idle_rss = process_rss(server_pid)
        server_cpu, all_cpu = cpu_seconds(server_pid), cpu_seconds(os.getpid())
        window = time.monotonic()
        tabs = [await new_tab(browser, stats) for _ in range(args.sessions)]
        stats.measure_from = time.monotonic() + args.ramp
        deadline = stats.measure_from + args.seconds
        await asyncio.gather(
            *(learner(tab, url, work, n, deadline, args, stats) for n, tab in enumerate(tabs))
        )
        busy_rss = process_rss(server_pid)
        server_cpu = cpu_seconds(server_pid) - server_cpu
        client_cpu = cpu_seconds(os.getpid()) - all_cpu - server_cpu
        window = time.monotonic() - window  # longer than --seconds: rounds under way finish
        await browser.close()
    return {
        "idle": idle_rss,
        "busy": busy_rss,
        "server_cpu": server_cpu,
        "client_cpu": client_cpu,
        "window": window,
    }


def report_load(stats: Stats, rss: dict, args: argparse.Namespace) -> bool:
    per_session = (rss["busy"] - rss["idle"]) / args.sessions / 2**20
    p50 = percentile(stats.latencies, 0.50) if stats.latencies else float("nan")
    p95 = percentile(stats.latencies, 0.95) if stats.latencies else float("nan")
    print(
        f"{args.sessions} sessions arriving over {args.ramp:.0f} s, then {args.seconds:.0f} s;"
        f" read {args.read:.0f} s, think {args.think:.0f} s, browser at nice {args.nice}"
    )
    print(f"  rounds passed: {stats.rounds}   edits timed: {len(stats.latencies)}", end="")
    print(f" (and {len(stats.arriving)} while learners arrived, not counted)")
    print(f"  edit → lint: p50 {p50 * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms", end="")
    print(f"  max {max(stats.latencies, default=0) * 1000:.0f} ms")
    print(f"    target p95 < {LATENCY_TARGET_S:.0f} s: {verdict(p95 < LATENCY_TARGET_S)}")
    if stats.server:
        print(
            f"    of which the server (rerun request sent → run finished, at the browser's"
            f" network layer): p50 {percentile(stats.server, 0.50) * 1000:.0f} ms"
            f"  p95 {percentile(stats.server, 0.95) * 1000:.0f} ms ({len(stats.server)} edits)"
        )
    print(
        f"  server RSS: {rss['idle'] / 2**20:.0f} MB idle → {rss['busy'] / 2**20:.0f} MB;"
        f" {per_session:.1f} MB per session"
    )
    print(f"    target < {MEMORY_TARGET_MB:.0f} MB: {verdict(per_session < MEMORY_TARGET_MB)}")
    print(
        f"  CPU during the run: server {rss['server_cpu']:.0f} s,"
        f" browser and driver {rss['client_cpu']:.0f} s ({os.cpu_count()} cores ×"
        f" {rss['window']:.0f} s = {os.cpu_count() * rss['window']:.0f} s available)"
    )
    print(f"  errors: {len(stats.errors)}   target 0: {verdict(not stats.errors)}")
    for error in sorted(set(stats.errors))[:20]:
        print(f"    {stats.errors.count(error)}× {error}")
    print(f"  requests that tried to leave 127.0.0.1 (aborted): {len(stats.external)}")
    for address in sorted(stats.external):
        print(f"    {address}")
    return p95 < LATENCY_TARGET_S and per_session < MEMORY_TARGET_MB and not stats.errors


def tiny_project(folder: Path) -> None:
    """A busybox project whose three builds each take a moment, so a queue forms."""
    (folder / "app.txt").write_text("hello\n")
    (folder / "requirements.txt").write_text("one==1\n")
    (folder / "requirements-next.txt").write_text("one==2\n")
    (folder / "Dockerfile").write_text(
        "FROM busybox:latest\nWORKDIR /app\nCOPY requirements.txt .\n"
        "RUN sleep 1 && cat requirements.txt\nCOPY app.txt .\n"
        'CMD ["cat", "app.txt"]\n'
    )


def watch(queue: JobQueue, jobs: list, seen: dict[int, list[int | None]]) -> int:
    """Record each job's queue position until all finish; the most seen building at once."""
    most = 0
    while not all(job.finished for job in jobs):
        for job in jobs:
            seen[job.id].append(queue.position(job))
        most = max(most, sum(job.state == "running" for job in jobs))
        time.sleep(0.05)
    return most


def monotonic(positions: list[int | None]) -> bool:
    """Positions only go down, and once started (None) a job never queues again."""
    started = False
    previous = None
    for position in positions:
        if position is None:
            started = True
        elif started or (previous is not None and position > previous):
            return False
        else:
            previous = position
    return True


def run_builds() -> bool:
    import docker

    client = docker.from_env(version="auto")
    temp = Path(tempfile.mkdtemp(prefix="layerlab-load-tmp-"))
    tempfile.tempdir = str(temp)  # whatever the builds make in a temp folder lands here
    containers_before = {c.id for c in client.containers.list(all=True)}
    dangling_before = len(client.images.list(filters={"dangling": True}))
    folder = Path(tempfile.mkdtemp(prefix="layerlab-load-"))
    tiny_project(folder)
    ended: set[str] = set()
    queue = JobQueue(limit=BUILD_LIMIT, alive=lambda session: session not in ended)
    sessions = [f"load-{uuid.uuid4().hex[:8]}" for _ in range(BUILDS)]
    start = time.monotonic()
    jobs = [queue.submit(build_spec(folder, session), session) for session in sessions]
    seen: dict[int, list[int | None]] = {job.id: [] for job in jobs}
    most = watch(queue, jobs, seen)
    seconds = time.monotonic() - start
    images = {run.image_id for job in jobs for run in job.runs if run.image_id}
    ended.update(sessions)
    swept = queue.sweep()
    shutil.rmtree(folder)
    left = leftovers(client, sessions, images, containers_before, temp)
    tempfile.tempdir = None
    shutil.rmtree(temp)  # reported above if anything was left
    dangling_after = len(client.images.list(filters={"dangling": True}))
    client.close()
    return report_builds(jobs, seen, most, seconds, swept, left, dangling_after - dangling_before)


def build_spec(folder: Path, session: str) -> ExperimentSpec:
    return ExperimentSpec(
        project=folder,
        dockerfile_text=(folder / "Dockerfile").read_text(),
        backend="classic",
        code_files=("app.txt",),
        deps_swaps={"requirements.txt": "requirements-next.txt"},
        tag_prefix=session_prefix(session),
        time_limit=120,
    )


def leftovers(
    client,
    sessions: list[str],
    images: set[str],
    containers: set[str],
    temp: Path,
) -> dict[str, list[str]]:
    tags = [
        tag
        for image in client.images.list()
        for tag in image.tags
        if any(tag.startswith(session_prefix(s) + ":") for s in sessions)
    ]
    existing = {image.id for image in client.images.list(all=True)}
    new_containers = [c.name for c in client.containers.list(all=True) if c.id not in containers]
    new_temp = [path.name for path in temp.iterdir()]
    return {
        "tags": tags,
        "images": sorted(images & existing),
        "containers": new_containers,
        "temp folders": new_temp,
    }


def report_builds(
    jobs: list,
    seen: dict[int, list[int | None]],
    most: int,
    seconds: float,
    swept: list[str],
    left: dict[str, list[str]],
    dangling: int,
) -> bool:
    done = sum(job.state == DONE for job in jobs)
    ordered = all(monotonic(positions) for positions in seen.values())
    moved = sum(len({p for p in positions if p is not None}) > 1 for positions in seen.values())
    print(f"{BUILDS} experiments (3 builds each), {BUILD_LIMIT} at a time: {seconds:.1f} s")
    print(f"  finished: {done}/{len(jobs)}   most building at once: {most}")
    for job in jobs:
        if job.state != DONE:
            print(f"    job {job.id}: {job.state} {job.error or ''}")
    print(f"  queue positions only went down: {ordered}; jobs seen moving up the queue: {moved}")
    print(f"  janitor removed {len(swept)} sessions' images")
    clean = not any(left.values())
    for kind, names in left.items():
        print(f"  left behind, {kind}: {len(names)} {' '.join(names[:5])}")
    print(f"  dangling images, after − before (whole engine): {dangling}")
    ok = done == len(jobs) and ordered and most <= BUILD_LIMIT and clean
    print(f"  {verdict(ok)}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument(
        "--read", type=float, default=60.0, help="seconds on a new lesson before the first edit"
    )
    parser.add_argument("--think", type=float, default=10.0, help="seconds between later steps")
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds to start all sessions")
    parser.add_argument(
        "--nice", type=int, default=0, help="lower the browser's priority by this much"
    )
    parser.add_argument("--builds", action="store_true", help="also run the build queue check")
    args = parser.parse_args()
    stats = Stats()
    port = driver.free_port()
    # Workshop mode, as on the day: the facilitator page exists and every page polls its banner.
    server = driver.start_server(port, {PASSCODE_ENV: uuid.uuid4().hex})
    url = f"http://127.0.0.1:{port}"
    try:
        driver.wait_healthy(url, server)
        rss = asyncio.run(load(url, server.pid, args, stats))
    finally:
        server.terminate()
        server.wait(timeout=10)
    ok = report_load(stats, rss, args)
    if args.builds:
        ok = run_builds() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
