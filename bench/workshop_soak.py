"""A workshop soak: 50 learners speaking Streamlit's protocol against a real `streamlit run`.

    python bench/workshop_soak.py [--learners 50] [--seconds 300] [--ramp 60] [--read 45]
                                  [--think 20] [--keystrokes 3] [--signed-in 0.5]
                                  [--experiments 0] [--hostile 0] [--nice 0]

Each learner is a ProtocolSession (bench/streamlit_wire.py): the page's websocket and its
protobuf messages, no browser and no rendering, so fifty of them cost the machine little and
the figures are the server's. Workshop mode as on the day: a facilitator passcode is set, one
facilitator session sits signed in on its page (its room and engine fragments polling), and
every learner's page polls the banner. Learners arrive over `--ramp` seconds; `--signed-in`
of them sign in with a nickname first (so every edit is also saved to the workshop store).
Then each, over and over, with a lesson that has an exercise:

- opens the lesson (a page switch: a whole-page run), reads for `--read` seconds;
- types a Dockerfile with a mistake into the editor: `--keystrokes` updates of the
  code-editor component's value (the JSON `{id, type: "change", text, ...}` that
  `Streamlit.setComponentValue` sends, debounced), the last one timed;
- thinks `--think` seconds, types the reference solution the same way, thinks, presses
  Check and must see the pass.

An edit is timed from its rerun request leaving this process to the script-finished message
of the run whose lint panel heading shows the finding count `layerlab lint` gives for the text
("指摘 (N)"), so a run that finished without the panel, or with a stale count, does not count.

`--experiments K` turns builds on (LAYERLAB_BUILDS=1, and the facilitator's toggle) and adds K
sessions that each put a Dockerfile in the playground, open the lab and press Run on a tiny
busybox project, through the app's own build queue, while the learners work. `--hostile H`
of them (H <= K) are hostile, in turn: a memory hog, a fork bomb, a log flood, a 5 GB write and
3,000 sleeping processes. Only run hostile builds on an engine whose caps are in place.

It prints p50/p95 edit → lint (target p95 < 500 ms) over the whole run and per minute, the
errors (timeouts naming the step, exceptions and error ids on a page, tracebacks in the server's
log), and the CPU split: the server's process tree, the clients (this process), the engine
(dockerd, containerd and the shims, children included) and the whole machine. With
experiments: each one's outcome and the messages its page showed, containers left behind, and
the engine's build cache against LAYERLAB_CACHE_BUDGET_MB at the end. Exit 1 when a target is
missed.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import re
import secrets
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import browser_driver as driver  # noqa: E402  (server start and health, shared with the tests)
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit_wire import ProtocolSession, Run, ScriptFailed, whole_page  # noqa: E402
from workshop_common import (  # noqa: E402
    PASSED,
    Lint,
    Round,
    cpu_seconds,
    percentile,
    rounds,
    verdict,
)

from layerlab.engine.experiment import DEFAULT_TIME_LIMIT  # noqa: E402
from layerlab.engine.guard import configured_budget, gigabytes  # noqa: E402
from layerlab.engine.limits import BUILD_MEMORY  # noqa: E402
from layerlab.engine.stops import disk_budget, memory_cap, process_cap, time_limit  # noqa: E402
from layerlab.workshop.config import BUILDS_ENV, PASSCODE_ENV  # noqa: E402
from layerlab.workshop.store import DB_ENV  # noqa: E402

LATENCY_TARGET_S = 0.5
STEP_TIMEOUT_S = 30.0
EXPERIMENT_TIMEOUT_S = 1800.0  # queued behind others at the build limit, three builds each
KEYSTROKE_S = 0.4  # between a learner's debounced editor updates
HEADING = re.compile(r"^(?:指摘|Findings) \((\d+)\)$")
ERROR_ID = re.compile(r"`[0-9a-f]{8}`")
ENGINE_PROCESSES = ("dockerd", "containerd", "buildkitd")  # and every containerd-shim
DEFAULT_BUDGET_MB = 4096
JANITOR_GRACE_S = 180.0
PROBE_CPU_S = 0.010
CONTAINER_GRACE_S = 15.0

TINY_PROJECT = {
    "layerlab.toml": """[project]
title = { ja = "負荷試験用の小さなプロジェクト", en = "A tiny project for the soak" }
dockerfile = "Dockerfile"

[edits]
code = ["app.txt"]
deps = { "deps.txt" = "edits/deps.txt" }
""",
    "Dockerfile": "FROM busybox\nWORKDIR /app\nCOPY deps.txt .\nRUN sleep 1\nCOPY . .\n",
    "deps.txt": "one==1\n",
    "edits/deps.txt": "one==1\ntwo==2\n",
    "app.txt": "hello\n",
}
BENIGN = """FROM busybox
WORKDIR /app
COPY deps.txt .
RUN cp deps.txt installed.txt && sleep 2
COPY . .
USER 65534
CMD ["cat", "app.txt"]
"""
HOSTILE = {
    "memory hog": "FROM python:3.11-slim\nRUN python -c \"b = b'x' * (3 << 30)\"\n",
    "fork bomb": "FROM busybox\nRUN f() { f | f & }; f; sleep 30\n",
    "log flood": "FROM busybox\nRUN yes\n",
    "5 GB write": "FROM busybox\nRUN dd if=/dev/zero of=/big bs=1M count=5120\n",
    "3,000 sleepers": ("FROM busybox\nRUN for i in $(seq 3000); do sleep 600 & done; wait\n"),
}

DISK_GUARD = disk_budget(gigabytes(configured_budget()))
EXPECTED_STOPS = {  # the words a hostile build's page may show, in either language
    "memory hog": (memory_cap(BUILD_MEMORY),),
    "fork bomb": (process_cap(),),
    # The disk guard watches the whole disk: another build's writes (the 5 GB one, a
    # neighbour's image) can stop a log flood before its time limit, and it says so.
    "log flood": (time_limit(DEFAULT_TIME_LIMIT), DISK_GUARD),
    "5 GB write": (DISK_GUARD,),
    "3,000 sleepers": (process_cap(),),
}


@dataclass
class Stats:
    measure_from: float = 0.0  # monotonic: edits count once every learner has arrived
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (when, seconds)
    arriving: int = 0
    errors: list[str] = field(default_factory=list)
    rounds: int = 0
    signed_in: int = 0

    def timed(self, seconds: float) -> None:
        now = time.monotonic()
        if now < self.measure_from:
            self.arriving += 1
        else:
            self.latencies.append((now - self.measure_from, seconds))


@dataclass
class Experiment:
    kind: str
    text: str
    seconds: float | None = None
    ended: float = 0.0  # POSIX time its session closed
    outcome: str = "not started"
    messages: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)  # the lab's cache rates (· seconds: built)
    engine_said: list[str] = field(default_factory=list)  # the engine's words the page quoted

    @property
    def hostile(self) -> bool:
        return self.kind != "benign"

    def stopped_as_expected(self) -> bool:
        """A hostile build's page names a cap or limit that stops it (ja or en)."""
        return any(
            text.ja in message or text.en in message
            for text in EXPECTED_STOPS[self.kind]
            for message in self.messages
        )


def editor_value(text: str) -> dict[str, object]:
    """What the code-editor component sends on a change (response_mode "debounce")."""
    return {
        "id": secrets.token_hex(4),
        "type": "change",
        "lang": "dockerfile",
        "text": text,
        "selected": "",
        "cursor": {"row": text.count("\n"), "column": 0},
    }


def panel_shows(count: int):
    def check(run: Run) -> bool:
        return any(
            (match := HEADING.match(h)) and int(match.group(1)) == count for h in run.headings
        )

    return check


def job_over(run: Run) -> bool:
    """A whole-page run of the lab without the job's Cancel button: the job has ended."""
    return whole_page(run) and "lab-run" in run.widgets and "lab-cancel" not in run.widgets


def shows_pass(run: Run) -> bool:
    return any(PASSED in alert for alert in run.alerts)


def page_errors(run: Run, where: str) -> list[str]:
    """Exceptions and error ids a run put on the page."""
    found = [f"exception on {where}: {e[:120]}" for e in run.exceptions]
    found += [f"error id on {where}: {a[:120]}" for a in run.alerts if ERROR_ID.search(a)]
    return found


async def type_text(session: ProtocolSession, key: str, target: Lint, keystrokes: int) -> float:
    """Send `keystrokes` editor updates ending in `target.text`; seconds for the last one.

    Streamlit may fold a request into a fragment run already under way, so the run that
    shows the last text can have started before it was sent: any run since the first update
    counts, once it finished after the last one was sent with the panel showing its count."""
    since, lines = session.mark(), target.text.splitlines(keepends=True)
    for n in range(1, keystrokes):
        partial = "".join(lines[: max(1, len(lines) * n // keystrokes)])
        await session.set_json(key, editor_value(partial), wait=False)
        await asyncio.sleep(KEYSTROKE_S)
    start = time.perf_counter()
    await session.set_json(key, editor_value(target.text), wait=False)
    shows = panel_shows(target.count)
    try:
        run = await session.finished_run(
            since, STEP_TIMEOUT_S, until=lambda run: run.finished_at > start and shows(run)
        )
    except ScriptFailed as exc:  # say what came instead, so a lost edit has a cause
        raise ScriptFailed(f"{exc}; {runs_seen(session.runs[since:], start, target)}") from exc
    return run.finished_at - start


def runs_seen(runs: list[Run], start: float, target: Lint) -> str:
    """The runs since the edit began, as seen: how each ended, when, the panel's count."""
    names = {v.number: v.name for v in ForwardMsg.ScriptFinishedStatus.DESCRIPTOR.values}
    seen = []
    for run in runs:
        status = names.get(run.status, "running") if run.status is not None else "running"
        counts = [h for h in run.headings if HEADING.match(h)]
        at = f"{run.finished_at - start:+.2f} s" if run.finished_at else "-"
        seen.append(f"{status} {at} {counts or 'no panel'}")
    return f"awaited {target.count} findings; runs: " + ", ".join(seen or ["none"])


async def one_round(
    session: ProtocolSession, work: Round, args: argparse.Namespace, stats: Stats
) -> None:
    slug, doing = work.lesson.slug, "open the lesson"
    try:
        opened = await session.goto(slug, STEP_TIMEOUT_S)
        stats.errors += page_errors(opened, slug)
        await asyncio.sleep(args.read)
        key = f"editor-{slug}-0"
        doing = "edit with a mistake"
        stats.timed(await type_text(session, key, work.mistake, args.keystrokes))
        await asyncio.sleep(args.think)
        doing = "edit to the solution"
        stats.timed(await type_text(session, key, work.solution, args.keystrokes))
        await asyncio.sleep(args.think)
        doing = "check"
        checked = await session.click(f"check-{slug}", STEP_TIMEOUT_S, until=shows_pass)
        stats.errors += page_errors(checked, slug)
    except ScriptFailed as exc:
        stats.errors.append(f"{slug}, {doing}: {exc}")
        return
    stats.rounds += 1


async def sign_in(session: ProtocolSession, nickname: str, stats: Stats) -> None:
    session.set_text("workshop-nickname", nickname)
    session.set_text("workshop-code", "")
    await session.click("workshop-signin-submit", STEP_TIMEOUT_S, until=whole_page)
    session.forget("workshop-nickname", "workshop-code")  # the form clears on submit
    if "learner=" not in session.query_string:
        stats.errors.append(f"sign-in as {nickname}: no learner token in the URL")
        return
    stats.signed_in += 1


@asynccontextmanager
async def opened(url: str, who: str, stats: Stats) -> AsyncIterator[ProtocolSession]:
    """A connected session for the block; what ends it early is counted as an error."""
    session = ProtocolSession(url)
    try:
        await session.open()
        yield session
        if session.closed:
            stats.errors.append(f"{who}: {session.closed}")
    except (ScriptFailed, OSError) as exc:
        stats.errors.append(f"{who}: {exc}")
    finally:
        await session.close()


async def learner(
    url: str,
    n: int,
    work: list[Round],
    deadline: float,
    args: argparse.Namespace,
    stats: Stats,
) -> None:
    await asyncio.sleep(args.ramp * n / args.learners)
    async with opened(url, f"learner {n}", stats) as session:
        await session.goto("", STEP_TIMEOUT_S)
        if n < round(args.signed_in * args.learners):
            await sign_in(session, f"soak-{n}-{uuid.uuid4().hex[:4]}", stats)
        index = n
        while time.monotonic() < deadline and not session.closed:
            await one_round(session, work[index % len(work)], args, stats)
            index += 1


async def facilitator(
    url: str, passcode: str, builds: bool, done: asyncio.Event, stats: Stats
) -> None:
    """Signed in on the facilitator page, as on the projector; gives the builds' go."""
    async with opened(url, "facilitator", stats) as session:
        await session.goto("", STEP_TIMEOUT_S)
        await session.goto("facilitator", STEP_TIMEOUT_S)
        session.set_text("facilitator-passcode", passcode)
        room = await session.click("facilitator-enter", STEP_TIMEOUT_S, until=whole_page)
        session.forget("facilitator-passcode")
        if "facilitator-signout" not in room.widgets:
            stats.errors.append("facilitator: not signed in")
        if builds:
            session.set_bool("facilitator-builds", True)
            await session.rerun([], timeout=STEP_TIMEOUT_S, until=whole_page)
        stats.errors += page_errors(room, "facilitator")
        await done.wait()  # its fragments keep polling meanwhile


async def experiment(url: str, n: int, job: Experiment, start_at: float) -> None:
    """Playground text → lab → Run; wait for the whole-page run that shows it finished."""
    await asyncio.sleep(start_at)
    session = ProtocolSession(url)
    began = time.monotonic()
    try:
        await session.open()
        await session.goto("playground", STEP_TIMEOUT_S)
        await session.set_json("editor-playground-0", editor_value(job.text), STEP_TIMEOUT_S)
        lab = await session.goto("lab", STEP_TIMEOUT_S)
        if "lab-run" not in lab.widgets:
            job.outcome = "no Run button: " + " / ".join(a[:80] for a in lab.alerts)
            return
        since = session.mark()
        await session.click("lab-run", STEP_TIMEOUT_S, until=whole_page)
        job.outcome = "running"
        remaining = EXPERIMENT_TIMEOUT_S - (time.monotonic() - began)
        over = await session.finished_run(since, remaining, until=job_over)
        job.messages = over.errors  # the page shows how it ended
        job.metrics = over.metrics
        job.engine_said = over.code
        job.outcome = "finished"
    except (ScriptFailed, OSError) as exc:
        job.outcome = f"failed: {exc}"
    finally:
        job.seconds = time.monotonic() - began
        job.ended = time.time()
        await session.close()


def experiments_for(count: int, hostile: int) -> list[Experiment]:
    kinds = list(HOSTILE)
    jobs = [
        Experiment(kinds[i % len(kinds)], HOSTILE[kinds[i % len(kinds)]]) for i in range(hostile)
    ]
    jobs += [Experiment("benign", BENIGN) for _ in range(count - hostile)]
    return jobs


def core_probe(stop, waits, every: float = 2.0) -> None:
    """In a process of its own: every `every` s, PROBE_CPU_S of CPU work, and the wall time it
    took. On an idle core they match; the excess is the wait for a core on this machine."""
    while not stop.is_set():
        wall, cpu = time.perf_counter(), time.thread_time()
        while time.thread_time() - cpu < PROBE_CPU_S:
            pass
        waits.put(time.perf_counter() - wall)
        stop.wait(every)


def probe_figures(waits) -> list[float]:
    found = []
    while not waits.empty():
        found.append(waits.get())
    return found


def engine_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if name in ENGINE_PROCESSES or name.startswith("containerd-shim"):
            found.append(int(entry.name))
    return found


def engine_cpu() -> dict[int, float]:
    return {pid: cpu_seconds(pid) for pid in engine_pids()}


def engine_delta(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU the engine's processes used between two readings; a shim that ended in between
    took its share with it (an undercount), a new one counts whole."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def machine_cpu() -> float:
    """Busy CPU seconds of the whole machine so far (every core, idle and iowait left out)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    times = os.times()
    return times.user + times.system


async def soak(url: str, server_pid: int, args: argparse.Namespace, stats: Stats, passcode: str):
    work = rounds()
    warm = ProtocolSession(url)  # imports and lesson loading, paid once
    await warm.open()
    await warm.goto("", STEP_TIMEOUT_S)
    await warm.goto(work[0].lesson.slug, STEP_TIMEOUT_S)
    await warm.close()
    jobs = experiments_for(args.experiments, args.hostile)
    before = (cpu_seconds(server_pid), own_cpu(), engine_cpu(), machine_cpu(), time.monotonic())
    stats.measure_from = time.monotonic() + args.ramp
    deadline = stats.measure_from + args.seconds
    done = asyncio.Event()
    watcher = asyncio.create_task(facilitator(url, passcode, bool(jobs), done, stats))
    spread = args.seconds / max(len(jobs), 1)
    tasks = [learner(url, n, work, deadline, args, stats) for n in range(args.learners)]
    tasks += [experiment(url, n, job, args.ramp + n * spread / 2) for n, job in enumerate(jobs)]
    await asyncio.gather(*tasks)
    after = (cpu_seconds(server_pid), own_cpu(), engine_cpu(), machine_cpu(), time.monotonic())
    cache = await settled_cache() if jobs else None  # the janitor works while the app runs
    done.set()
    await watcher
    used = [b - a for a, b in zip(before, after, strict=True) if not isinstance(a, dict)]
    used.insert(2, engine_delta(before[2], after[2]))
    return jobs, used, cache


def server_log_errors(log: Path) -> list[str]:
    text = log.read_text(errors="replace")
    found = [f"server log: {line[:160]}" for line in text.splitlines() if "Traceback" in line]
    found += [f"server log: {line[:160]}" for line in text.splitlines() if " error " in line]
    return found


def report(stats: Stats, cpu: list[float], args: argparse.Namespace, probe: list[float]) -> bool:
    server, clients, engine, machine, window = cpu
    values = [seconds for _, seconds in stats.latencies]
    p50 = percentile(values, 0.50) if values else float("nan")
    p95 = percentile(values, 0.95) if values else float("nan")
    print(
        f"{args.learners} protocol-level learners arriving over {args.ramp:.0f} s, then"
        f" {args.seconds:.0f} s; read {args.read:.0f} s, think {args.think:.0f} s,"
        f" {args.keystrokes} editor updates per edit; {stats.signed_in} signed in"
    )
    print(f"  rounds passed: {stats.rounds}   edits timed: {len(values)}", end="")
    print(f" (and {stats.arriving} while learners arrived, not counted)")
    print(f"  edit → lint panel (request sent → its run finished): p50 {p50 * 1000:.0f} ms", end="")
    print(f"  p95 {p95 * 1000:.0f} ms  max {max(values, default=0) * 1000:.0f} ms")
    print(f"    target p95 < {LATENCY_TARGET_S * 1000:.0f} ms: {verdict(p95 < LATENCY_TARGET_S)}")
    minutes = sorted({int(at // 60) for at, _ in stats.latencies})
    for minute in minutes:
        these = [s for at, s in stats.latencies if int(at // 60) == minute]
        print(
            f"    minute {minute + 1}: {len(these)} edits, p50"
            f" {percentile(these, 0.5) * 1000:.0f} ms, p95 {percentile(these, 0.95) * 1000:.0f} ms"
        )
    cores = os.cpu_count() or 1
    print(
        f"  CPU over {window:.0f} s ({cores} cores = {cores * window:.0f} s): server"
        f" {server:.0f} s, clients (this process) {clients:.0f} s, engine {engine:.0f} s;"
        f" whole machine {machine:.0f} s (other work on it included)"
    )
    if probe:
        print(
            f"  the wait for a core: {PROBE_CPU_S * 1000:.0f} ms of CPU work took p50"
            f" {percentile(probe, 0.5) * 1000:.0f} ms, p95 {percentile(probe, 0.95) * 1000:.0f} ms"
            f" of wall time ({len(probe)} probes); load average at the end"
            f" {os.getloadavg()[0]:.1f}"
        )
    print(f"  errors: {len(stats.errors)}   target 0: {verdict(not stats.errors)}")
    for error, count in Counter(stats.errors).most_common(20):
        print(f"    {count}× {error}")
    return p95 < LATENCY_TARGET_S and not stats.errors


def report_experiments(jobs: list[Experiment], left: list[str], cache: tuple[int, int] | None):
    hostile = sum(job.hostile for job in jobs)
    print(f"{len(jobs)} experiments through the app's build queue ({hostile} hostile)")
    ok = True
    for job in jobs:
        stopped = job.stopped_as_expected() if job.hostile else not job.messages
        good = job.outcome == "finished" and stopped
        ok = ok and good
        seconds = f"{job.seconds:.0f} s" if job.seconds is not None else "-"
        print(f"  {job.kind:>14}: {job.outcome} after {seconds}  {verdict(good)}")
        for message in job.messages[:3]:
            print(f"      {message[:200]}")
        for said in job.engine_said[:1] if job.hostile else []:
            print(f"        engine: {' '.join(said.split())[:200]}")
        if job.metrics:
            print(f"      {' | '.join(job.metrics)}")
    print(f"  containers left behind: {len(left)} {' '.join(left[:5])}   {verdict(not left)}")
    ok = ok and not left
    if cache is None:
        print("  engine cache: no engine answers")
        return ok
    used, budget = cache
    print(
        f"  engine build cache at the end: {used / 2**20:.0f} MiB, budget {budget / 2**20:.0f} MiB"
        f"   {verdict(used <= budget)}"
    )
    return ok and used <= budget


def engine_state(created_before: float | None = None) -> set[str]:
    """Containers on the engine as "name (image)"; only those created before a time if given
    (the engine may be shared: another's container started after our builds is not ours)."""
    import docker

    client = docker.from_env(version="auto")
    try:
        return {
            f"{c.name} ({c.attrs.get('Config', {}).get('Image', '?')})"
            for c in client.containers.list(all=True)
            if created_before is None or _created(c.attrs) < created_before
        }
    finally:
        client.close()


def _created(attrs: dict) -> float:
    from layerlab.engine.buildkit import timestamp

    return timestamp(attrs.get("Created") or "1970-01-01T00:00:00Z")


def containers_left(before: set[str], builds_ended: float) -> list[str]:
    """Containers new since the start, created while our builds ran, still there after a
    grace period (one being removed as the builds end is not left behind)."""
    new = engine_state(builds_ended) - before
    if new:
        time.sleep(CONTAINER_GRACE_S)
        new &= engine_state(builds_ended)
    return sorted(new)


async def settled_cache() -> tuple[int, int] | None:
    """The engine's build cache against the budget, given the janitor up to a few minutes."""
    deadline = time.monotonic() + JANITOR_GRACE_S
    while True:
        cache = cache_against_budget()
        if cache is None or cache[0] <= cache[1] or time.monotonic() > deadline:
            return cache
        await asyncio.sleep(10)


def cache_against_budget() -> tuple[int, int] | None:
    from docker.errors import DockerException

    from layerlab.engine.discovery import EngineUnavailable
    from layerlab.engine.usage import engine_usage

    budget = int(os.environ.get("LAYERLAB_CACHE_BUDGET_MB") or DEFAULT_BUDGET_MB) * 2**20
    try:
        return engine_usage().cache_bytes, budget
    except (EngineUnavailable, DockerException):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds to start all learners")
    parser.add_argument("--read", type=float, default=45.0, help="seconds on a new lesson")
    parser.add_argument("--think", type=float, default=20.0, help="seconds between steps")
    parser.add_argument("--keystrokes", type=int, default=3, help="editor updates per edit")
    parser.add_argument("--signed-in", type=float, default=0.5, help="share who sign in")
    parser.add_argument("--experiments", type=int, default=0, help="lab builds alongside")
    parser.add_argument("--hostile", type=int, default=0, help="of which hostile")
    parser.add_argument("--nice", type=int, default=0, help="lower the clients' priority")
    args = parser.parse_args()
    if not 0 <= args.hostile <= args.experiments:
        parser.error("--hostile must be between 0 and --experiments")
    stats, passcode = Stats(), uuid.uuid4().hex
    folder = Path(tempfile.mkdtemp(prefix="layerlab-soak-"))
    for relative, text in TINY_PROJECT.items():
        (folder / "samples" / "tiny" / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / "samples" / "tiny" / relative).write_text(text)
    env = {PASSCODE_ENV: passcode, DB_ENV: str(folder / "workshop.sqlite")}
    containers: set[str] = set()
    if args.experiments:
        env |= {BUILDS_ENV: "1", "LAYERLAB_SAMPLES": str(folder / "samples")}
        containers = engine_state()
    log = folder / "server.log"
    port = driver.free_port()
    with log.open("wb") as sink:
        server = driver.start_server(port, env, log=sink)
    url = f"http://127.0.0.1:{port}"
    os.nice(args.nice)  # the server started before: it keeps its own priority
    stop, waits = multiprocessing.Event(), multiprocessing.Queue()
    probe = multiprocessing.Process(target=core_probe, args=(stop, waits), daemon=True)
    try:
        driver.wait_healthy(url, server)
        probe.start()
        jobs, cpu, cache = asyncio.run(soak(url, server.pid, args, stats, passcode))
        left = containers_left(containers, max(j.ended for j in jobs)) if jobs else []
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)
    probe.join(timeout=10)
    stats.errors += server_log_errors(log)
    ok = report(stats, cpu, args, probe_figures(waits))
    print(f"  server log: {log}")
    if jobs:
        ok = report_experiments(jobs, left, cache) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
