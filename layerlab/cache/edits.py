"""The experiment's edits, applied to a copy of a context (never to the project's files).

Code edit: append a line of spaces and tabs that spells a nonce to each code file (a real
change to COPY's checksum, no change in behaviour, whatever the file holds: Python, JSON or
HTML alike). The nonce makes every experiment's edit new to the engine:
an edit that repeated an earlier experiment's would come back as a cache hit on a re-run, where
the lesson shows a miss.

Dependency edit: swap in prepared manifests and lock files that add one real package, because
a re-run that produces byte-identical files would keep later steps cached.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from layerlab.context import BuildContext


def code_edit(
    context: BuildContext, paths: Iterable[str], nonce: str | None = None
) -> BuildContext:
    """`nonce`: what makes this edit unique (a fresh random one when None)."""
    line = b"\n" + _blank(nonce or uuid.uuid4().hex) + b"\n"
    return context.with_contents({path: context.read(path) + line for path in paths})


def _blank(nonce: str) -> bytes:
    """The nonce's bits as spaces and tabs: unique, yet blank to every language."""
    bits = "".join(f"{byte:08b}" for byte in nonce.encode())
    return bits.replace("0", " ").replace("1", "\t").encode()


def deps_edit(context: BuildContext, swaps: Mapping[str, str]) -> BuildContext:
    """`swaps` maps a context path to the prepared file (also in the context) that replaces it."""
    return context.with_contents({path: context.read(source) for path, source in swaps.items()})
