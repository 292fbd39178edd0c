"""A workshop's load on one instance: many learners in one chromium against a real streamlit run.

    python bench/workshop_load.py [--sessions 30] [--seconds 180] [--think 2] [--ramp 30]
                                  [--nice 0] [--builds]

Each session is a separate browser context (its own Streamlit session) that, over and over:
opens a lesson with an exercise, puts a Dockerfile with mistakes in the editor, waits for the
lint panel, puts the reference solution in, waits for the panel, presses Check and waits for
the pass; it reaches the next lesson by its sidebar link (a page load only at the start and after
an error). Sessions start over `--ramp` seconds, then all run for `--seconds`; `--think` seconds
pass between steps, as a learner reads. `--nice N` lowers the browser's priority (learners'
browsers would be on their own machines); the CPU line shows how much of the machine the server
and the browser each took. It prints:

- edit → lint latency: from the text going into the editor to the panel showing the count the
  linter gives for it; p50 and p95 (target p95 < 1 s);
- server memory per session: RSS of the streamlit process and its children at the end (the
  sessions still open) minus RSS with no session open (after one warm-up visit), divided by
  the number of sessions (target < 25 MB);
- errors: exceptions shown in a page, timeouts, JavaScript errors (target 0);
- any request that tried to leave 127.0.0.1 (aborted, as in the browser tests).

`--builds` also queues 10 cache experiments on a tiny busybox project through
layerlab.build.jobs (directly, not through the browser), 2 building at a time: every one must
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import browser_driver as driver  # noqa: E402  (the shared driver lives with the browser tests)
from playwright.async_api import Error as PlaywrightError  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

from layerlab.build.experiment import ExperimentSpec  # noqa: E402
from layerlab.build.jobs import DONE, JobQueue, session_prefix  # noqa: E402
from layerlab.lessons import Lesson, load_lessons  # noqa: E402
from layerlab.lint import lint  # noqa: E402

LATENCY_TARGET_S = 1.0
MEMORY_TARGET_MB = 25.0
STEP_TIMEOUT_MS = 30_000
POLL_MS = 25  # how often a page checks its panel: the latency's resolution
PASSED = "クリア! よくできました"  # the page's default language is Japanese
MISTAKE = "\nRUN apt-get update\n"  # adds findings to any starter
BUILDS, BUILD_LIMIT = 10, 2


@dataclass
class Lint:
    """A text for a lesson's editor and the finding count its panel must then show."""

    text: str
    count: int


@dataclass
class Round:
    lesson: Lesson
    mistake: Lint
    solution: Lint


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)  # requests aborted: the app must work offline
    rounds: int = 0


def rounds() -> list[Round]:
    """One per lesson with an exercise, the mistake and the solution linting differently."""
    found = []
    for lesson in load_lessons():
        if lesson.exercise is None:
            continue
        context = lesson.context()
        texts = (lesson.exercise.starter + MISTAKE, lesson.exercise.solution)
        mistake, solution = (Lint(text, len(lint(text, context=context))) for text in texts)
        if mistake.count != solution.count:
            found.append(Round(lesson, mistake, solution))
    return found


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(_stat_fields(int(entry.name))[1])
            except (OSError, IndexError, ValueError):  # it ended while we looked
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def _stat_fields(pid: int) -> list[str]:
    """/proc/<pid>/stat after the command name: state, ppid, ... (utime is [11])."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def process_rss(pid: int) -> int:
    """Bytes resident for `pid` and every process below it."""
    return sum(_vm_rss(current) for current in process_tree(pid))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` and every process below it, so far."""
    ticks = 0
    for current in process_tree(pid):
        try:
            fields = _stat_fields(current)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _vm_rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), None)
    return int(line.split()[1]) * 1024 if line else 0


async def new_page(browser, stats: Stats):
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
    return page


async def open_lesson(page, url: str, lesson: Lesson, *, reload: bool) -> None:
    """Load the lesson's URL, or (as a learner does) follow its link in the sidebar."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{lesson.slug}"]')
    if reload or not await link.is_visible():
        # Not "load": the h1 below is what a learner waits for.
        await page.goto(f"{url}/{lesson.slug}", wait_until="commit", timeout=STEP_TIMEOUT_MS)
    else:
        await link.click(timeout=STEP_TIMEOUT_MS)
    title = re.compile(rf"^{lesson.number}\. ")
    await page.locator("h1", has_text=title).wait_for(timeout=STEP_TIMEOUT_MS)
    await page.wait_for_selector(driver.IDLE, state="attached", timeout=STEP_TIMEOUT_MS)
    editor = page.frame_locator(driver.EDITOR_FRAME).first.locator("#REACT_ACE_EDITOR")
    await editor.wait_for(timeout=STEP_TIMEOUT_MS)


async def focus_editor(page) -> None:
    """Click into Ace until it reports focus: a click while the iframe settles can miss."""
    ace = page.frame_locator(driver.EDITOR_FRAME).first
    for _ in range(10):
        await ace.locator(".ace_content").click(timeout=STEP_TIMEOUT_MS)
        if await ace.locator("#REACT_ACE_EDITOR.ace_focus").count():
            return
        await asyncio.sleep(0.2)
    raise TimeoutError("the editor never took focus")


async def edit(page, target: Lint) -> float:
    """Put `target.text` in the editor in one input event; seconds until the panel agrees."""
    await focus_editor(page)
    await page.keyboard.press("Control+A")
    start = time.perf_counter()
    await page.keyboard.insert_text(target.text)
    await page.wait_for_function(
        "([n]) => { const h = document.querySelector('.st-key-findings-panel h3');"
        " return h && h.innerText.includes('(' + n + ')'); }",
        arg=[target.count],
        polling=POLL_MS,  # not "raf": 30 pages animating every frame starve the machine
        timeout=STEP_TIMEOUT_MS,
    )
    return time.perf_counter() - start


async def one_round(
    page, url: str, work: Round, think: float, stats: Stats, *, reload: bool
) -> None:
    await open_lesson(page, url, work.lesson, reload=reload)
    await asyncio.sleep(think)
    stats.latencies.append(await edit(page, work.mistake))
    await asyncio.sleep(think)
    stats.latencies.append(await edit(page, work.solution))
    await asyncio.sleep(think)
    await page.locator(f".st-key-check-{work.lesson.slug} button").click(timeout=STEP_TIMEOUT_MS)
    await page.get_by_text(PASSED).first.wait_for(timeout=STEP_TIMEOUT_MS)
    shown = await page.locator('[data-testid="stException"]').count()
    if shown:
        stats.errors.append(f"{shown} exception(s) shown on {work.lesson.slug}")
    stats.rounds += 1


async def learner(
    page,
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
            await one_round(page, url, item, args.think, stats, reload=reload)
            reload = False
        except (PlaywrightError, TimeoutError) as exc:  # Playwright's timeout is an Error
            stats.errors.append(f"{item.lesson.slug}: {str(exc).splitlines()[0]}")
            reload = True


async def load(url: str, server_pid: int, args: argparse.Namespace, stats: Stats) -> dict:
    work = rounds()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    os.nice(args.nice)  # the browser and its driver inherit it; the server keeps its own
    async with async_playwright() as playwright:
        browser = await driver.launch_chromium(playwright, chromium)
        warm = await new_page(browser, stats)  # imports and lesson loading, paid once
        await open_lesson(warm, url, work[0].lesson, reload=True)
        await warm.context.close()
        await asyncio.sleep(3)  # let the server drop the warm-up session's websocket
        idle_rss = process_rss(server_pid)
        server_cpu, all_cpu = cpu_seconds(server_pid), cpu_seconds(os.getpid())
        window = time.monotonic()
        pages = [await new_page(browser, stats) for _ in range(args.sessions)]
        deadline = time.monotonic() + args.ramp + args.seconds
        await asyncio.gather(
            *(learner(page, url, work, n, deadline, args, stats) for n, page in enumerate(pages))
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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report_load(stats: Stats, rss: dict, args: argparse.Namespace) -> bool:
    per_session = (rss["busy"] - rss["idle"]) / args.sessions / 2**20
    p50 = percentile(stats.latencies, 0.50) if stats.latencies else float("nan")
    p95 = percentile(stats.latencies, 0.95) if stats.latencies else float("nan")
    print(
        f"{args.sessions} sessions for {args.seconds:.0f} s, think {args.think:.1f} s,"
        f" ramp {args.ramp:.0f} s, browser at nice {args.nice}"
    )
    print(f"  rounds passed: {stats.rounds}   edits timed: {len(stats.latencies)}")
    print(f"  edit → lint: p50 {p50 * 1000:.0f} ms  p95 {p95 * 1000:.0f} ms", end="")
    print(f"  max {max(stats.latencies, default=0) * 1000:.0f} ms")
    print(f"    target p95 < {LATENCY_TARGET_S:.0f} s: {verdict(p95 < LATENCY_TARGET_S)}")
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


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--think", type=float, default=2.0, help="seconds between steps")
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds to start all sessions")
    parser.add_argument(
        "--nice", type=int, default=0, help="lower the browser's priority by this much"
    )
    parser.add_argument("--builds", action="store_true", help="also run the build queue check")
    args = parser.parse_args()
    stats = Stats()
    port = driver.free_port()
    server = driver.start_server(port)
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
