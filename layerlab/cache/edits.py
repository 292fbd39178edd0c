"""The experiment's edits, applied to a copy of a context (never to the project's files).

Code edit: append a newline to each code file (a real change to COPY's checksum, no change in
behaviour). Dependency edit: swap in prepared manifests and lock files that add one real
package, because a re-run that produces byte-identical files would keep later steps cached.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from layerlab.context import BuildContext


def code_edit(context: BuildContext, paths: Iterable[str]) -> BuildContext:
    return context.with_contents({path: context.read(path) + b"\n" for path in paths})


def deps_edit(context: BuildContext, swaps: Mapping[str, str]) -> BuildContext:
    """`swaps` maps a context path to the prepared file (also in the context) that replaces it."""
    return context.with_contents({path: context.read(source) for path, source in swaps.items()})
