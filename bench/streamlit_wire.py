"""A page's Streamlit websocket as the browser's network layer sees it.

Chrome DevTools' Network domain reports every websocket frame with the browser's own
timestamp, taken when the frame leaves or arrives, before the page's renderer handles it.
So "a rerun request left" → "the server's script-finished message arrived" is the server's
part of an edit's latency (plus loopback), free of the time the page then spends drawing.
"""

from __future__ import annotations

import asyncio
import base64
from dataclasses import dataclass, field

from google.protobuf.message import DecodeError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

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
