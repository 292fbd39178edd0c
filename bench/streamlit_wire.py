"""Streamlit's websocket: as a page's network layer sees it, and spoken without a browser.

Chrome DevTools' Network domain reports every websocket frame with the browser's own
timestamp, taken when the frame leaves or arrives, before the page's renderer handles it.
So "a rerun request left" → "the server's script-finished message arrived" is the server's
part of an edit's latency (plus loopback), free of the time the page then spends drawing
(`Wire`). `ProtocolSession` is a learner without a browser: the same messages, no rendering,
so fifty of them cost the machine little next to the server (bench/workshop_soak.py).
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from google.protobuf.message import DecodeError
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

SETTLE_S = 5.0  # how long to wait for the script-finished message after the page showed


@dataclass
class Wire:
    sent: list[float] = field(default_factory=list)  # rerun requests the learner caused
    finished: list[float] = field(default_factory=list)  # runs that finished, not cut short

    @classmethod
    async def attach(cls, context, page) -> Wire:
        wire = cls()
        cdp = await context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameSent", wire._on_sent)
        cdp.on("Network.webSocketFrameReceived", wire._on_received)
        await cdp.send("Network.enable")
        return wire

    def _on_sent(self, event: dict) -> None:
        message = _decode(event, BackMsg)
        if message is None or message.WhichOneof("type") != "rerun_script":
            return
        if not message.rerun_script.is_auto_rerun:  # run_every polls are the app's, not edits
            self.sent.append(event["timestamp"])

    def _on_received(self, event: dict) -> None:
        message = _decode(event, ForwardMsg)
        if message is None or message.WhichOneof("type") != "script_finished":
            return
        if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.finished.append(event["timestamp"])

    def mark(self) -> int:
        return len(self.sent)

    async def server_seconds(self, mark: int) -> float | None:
        """From the last rerun request sent since `mark` to the script-finished after it."""
        for _ in range(int(SETTLE_S / 0.05)):
            requests = self.sent[mark:]
            if requests:
                done = [stamp for stamp in self.finished if stamp > requests[-1]]
                if done:
                    return done[0] - requests[-1]
            await asyncio.sleep(0.05)
        return None


def _decode(event: dict, kind: type) -> BackMsg | ForwardMsg | None:
    frame = event["response"]
    if frame.get("opcode") != 2:  # Streamlit's messages are binary protobuf
        return None
    message = kind()
    try:
        message.ParseFromString(base64.b64decode(frame["payloadData"]))
    except (DecodeError, ValueError):
        return None
    return message


class ScriptFailed(Exception):
    """A run ended without the awaited message, or the server shut the session."""


@dataclass
class Run:
    """What one script run sent back, up to its script-finished message."""

    headings: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # st.error / warning / info / success bodies
    errors: list[str] = field(default_factory=list)  # st.error bodies alone
    metrics: list[str] = field(default_factory=list)  # "label: value"
    code: list[str] = field(default_factory=list)  # st.code bodies (an engine's own words)
    exceptions: list[str] = field(default_factory=list)
    widgets: set[str] = field(default_factory=set)  # user keys of the widgets it drew
    status: int | None = None
    finished_at: float = 0.0


EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN


def whole_page(run: Run) -> bool:
    """A run of the whole page (a polling fragment's run may finish in between)."""
    return run.status == ForwardMsg.FINISHED_SUCCESSFULLY


class ProtocolSession:
    """A browser session without the browser: Streamlit's websocket, spoken in protobuf.

    It does what the page's JavaScript does and no rendering: sends rerun requests carrying
    the widget states it has set (as the page re-sends every widget's value on each rerun),
    keeps the query string the server gives it, follows the app's page list, and answers the
    server's `auto_rerun` polls (fragments with run_every) as the page would. Widgets are
    found by their user key, which ends Streamlit's widget id (`$$ID-<hash>-<key>`).
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.query_string = ""
        self.widgets: dict[str, tuple[str, str]] = {}  # user key -> (widget id, fragment id)
        self.kept: dict[str, object] = {}  # widget id -> WidgetState re-sent on every rerun
        self.polls: dict[str, float] = {}  # fragment id -> seconds (auto_rerun)
        self._registered: dict[str, float] = {}  # timers the run under way has asked for
        self.page_hash = ""
        # One Run per script run, in the order they started (each starts with new_session):
        # the page's own requests, its polls, and runs the app started itself (st.rerun).
        self.runs: list[Run] = [Run()]
        self._finished = asyncio.Condition()
        self._socket = None
        self._tasks: list[asyncio.Task] = []
        self.closed: str | None = None

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        address = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self._socket = await connect(
            address, subprotocols=["streamlit"], origin=self.url, max_size=None
        )
        self._tasks = [asyncio.create_task(self._read()), asyncio.create_task(self._poll())]

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._socket is not None:
            await self._socket.close()

    # Sending

    def mark(self) -> int:
        """Where the runs that may still show something new start, for `finished_run`: the
        run under way counts, since Streamlit folds a fragment's rerun into a run in progress."""
        return len(self.runs) - 1 if self.runs[-1].status is None else len(self.runs)

    async def finished_run(
        self, since: int, timeout: float, until: Callable[[Run], bool] | None = None
    ) -> Run:
        """The first run started after `since` that finished and satisfies `until`, e.g. a
        whole-page run a fragment's st.rerun() started."""

        def found() -> Run | None:
            for run in self.runs[since:]:
                if run.status is None:
                    continue
                if until(run) if until is not None else run.status != EARLY:
                    return run
            return None

        try:
            async with self._finished:
                await asyncio.wait_for(
                    self._finished.wait_for(lambda: found() is not None or self.closed), timeout
                )
        except TimeoutError as exc:
            raise ScriptFailed(f"not the awaited run within {timeout:.0f} s") from exc
        if self.closed:
            raise ScriptFailed(f"connection closed: {self.closed}")
        return found()

    async def goto(self, path: str, timeout: float) -> Run:
        """Open a page by its url path ("" for the default page) and wait for the run."""
        if path and not self.pages:  # the page list comes with the first run
            await self.rerun([], timeout=timeout, until=whole_page)
        if path and path not in self.pages:
            raise ScriptFailed(f"no page {path!r} in the app's page list")
        self.page_hash = self.pages.get(path, "")
        self.kept.clear()  # the page forgets the widgets of the page it leaves
        self.polls.clear()
        return await self.rerun([], timeout=timeout, until=whole_page)

    def widget(self, key: str) -> tuple[str, str]:
        """(widget id, fragment id) of the widget with this user key on the current page."""
        if key not in self.widgets:
            raise ScriptFailed(f"no widget with key {key!r} on the page")
        return self.widgets[key]

    async def set_json(
        self,
        key: str,
        value: object,
        timeout: float = 30,
        until: Callable[[Run], bool] | None = None,
        *,
        wait: bool = True,
    ) -> Run:
        """A component's new value (what `Streamlit.setComponentValue` sends): JSON text.

        `wait=False` sends and returns, as a page does for each keystroke's update."""
        widget_id, fragment = self.widget(key)
        state = WidgetState(id=widget_id, json_value=json.dumps(value))
        self.kept[widget_id] = state
        return await self.rerun([], fragment=fragment, timeout=timeout, until=until, wait=wait)

    def forget(self, *keys: str) -> None:
        """Stop re-sending these widgets' values (a form cleared on submit)."""
        for key in keys:
            self.kept.pop(self.widget(key)[0], None)

    def set_bool(self, key: str, value: bool) -> None:
        """A checkbox's or toggle's value, sent with the next rerun."""
        widget_id, _ = self.widget(key)
        self.kept[widget_id] = WidgetState(id=widget_id, bool_value=value)

    def set_text(self, key: str, value: str) -> None:
        """A text input's value, sent with the next rerun (a form submits it)."""
        widget_id, _ = self.widget(key)
        self.kept[widget_id] = WidgetState(id=widget_id, string_value=value)

    async def click(
        self, key: str, timeout: float, until: Callable[[Run], bool] | None = None
    ) -> Run:
        widget_id, fragment = self.widget(key)
        trigger = WidgetState(id=widget_id, trigger_value=True)
        return await self.rerun([trigger], fragment=fragment, timeout=timeout, until=until)

    async def rerun(
        self,
        once: list,
        *,
        fragment: str = "",
        auto: bool = False,
        timeout: float = 30,
        until: Callable[[Run], bool] | None = None,
        wait: bool = True,
    ) -> Run:
        """Send a rerun request and wait for a script-finished message (after `until` holds:
        a polling fragment's run may finish first). `auto` (a run_every poll) and `wait=False`
        only send."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.fragment_id = fragment
        state.is_auto_rerun = auto
        state.widget_states.widgets.extend([*self.kept.values(), *once])
        since = self.mark()
        await self._socket.send(message.SerializeToString())
        if auto or not wait:
            return self.runs[-1]
        return await self.finished_run(since, timeout, until)

    # Receiving

    async def _read(self) -> None:
        try:
            async for data in self._socket:
                message = ForwardMsg()
                message.ParseFromString(data)
                await self._handle(message)
        except Exception as exc:  # any end of the connection ends the session's waits
            self.closed = f"{type(exc).__name__}: {exc}"
        else:
            self.closed = "closed by the server"
        async with self._finished:
            self._finished.notify_all()

    async def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
            self.page_hash = message.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "new_session":  # a script run starts
            self.runs.append(Run())
        elif kind == "auto_rerun":
            self._registered[message.auto_rerun.fragment_id] = message.auto_rerun.interval
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message.delta.new_element, message.delta.fragment_id)
        elif kind == "script_finished":
            # FINISHED_EARLY_FOR_RERUN ends a run a newer request replaced, and also a fragment
            # run that did finish: when the next run starts before the queue reached the page,
            # Streamlit rewrites the finished message still waiting in it (forward_msg_queue's
            # _update_script_finished_message), and sends the deltas the run drew all the
            # same. So it is an end too, which only an `until` that sees the page accepts.
            if message.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                self.polls.update(self._registered)
                self._registered = {}
            if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                # A whole-page run replaces the page's timers with those it registered.
                self.polls = self._registered
                self._registered = {}
            async with self._finished:
                self.runs[-1].status = message.script_finished
                self.runs[-1].finished_at = time.perf_counter()
                self._finished.notify_all()

    def _element(self, element, fragment: str) -> None:
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        widget_id = getattr(body, "id", "")
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[2]
            self.widgets[key] = (widget_id, fragment)
            self.runs[-1].widgets.add(key)
        if kind == "heading":
            self.runs[-1].headings.append(body.body)
        elif kind == "alert":
            self.runs[-1].alerts.append(body.body)
            if body.format == Alert.ERROR:
                self.runs[-1].errors.append(body.body)
        elif kind == "code":
            self.runs[-1].code.append(body.code_text)
        elif kind == "metric":
            self.runs[-1].metrics.append(f"{body.label}: {body.body}")
        elif kind == "exception":
            self.runs[-1].exceptions.append(f"{body.type}: {body.message}")

    async def _poll(self) -> None:
        """The page's run_every timers: one rerun of each polling fragment per interval."""
        due: dict[str, float] = {}
        while True:
            await asyncio.sleep(0.25)
            now = time.monotonic()
            for fragment, interval in list(self.polls.items()):
                due.setdefault(fragment, now + interval)
                if now >= due[fragment]:
                    due[fragment] = now + interval
                    await self.rerun([], fragment=fragment, auto=True)
