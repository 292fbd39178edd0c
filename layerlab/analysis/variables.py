"""ENV and ARG values as a stage evolves, without copying them at every instruction.

Each event of a stage needs the variables in effect at it. Copying a dict per ENV line makes a
file of 20,000 ENV lines quadratic; a `Variables` view instead reads an append-only history
of assignments up to its own position (a binary search per name).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping


class History:
    """Assignments in the order a stage makes them, on top of what the stage started with."""

    def __init__(self, start: Mapping[str, str] | None = None) -> None:
        self._start = dict(start or {})
        self._positions: dict[str, list[int]] = {}
        self._values: dict[str, list[str]] = {}
        self._length = 0

    def assign(self, pairs: Mapping[str, str]) -> Variables:
        """Record `pairs` as one step; the view of everything up to and including it."""
        self._length += 1
        for name, value in pairs.items():
            self._positions.setdefault(name, []).append(self._length)
            self._values.setdefault(name, []).append(value)
        return self.now()

    def now(self) -> Variables:
        return Variables(self, self._length)

    def value(self, name: str, upto: int) -> str | None:
        positions = self._positions.get(name)
        if positions:
            index = bisect_left(positions, upto + 1) - 1
            if index >= 0:
                return self._values[name][index]
        return self._start.get(name)

    def names(self, upto: int) -> Iterator[str]:
        yield from self._start
        for name, positions in self._positions.items():
            if name not in self._start and positions[0] <= upto:
                yield name


class Variables(Mapping[str, str]):
    """The variables in effect at one point of a stage: a read-only view."""

    __slots__ = ("_history", "_upto")

    def __init__(self, history: History, upto: int) -> None:
        self._history = history
        self._upto = upto

    def __getitem__(self, name: str) -> str:
        value = self._history.value(name, self._upto)
        if value is None:
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        return self._history.names(self._upto)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Overlay(Mapping[str, str]):
    """`top` over `bottom`: ENV values win over ARG values of the same name, as in Docker."""

    __slots__ = ("_bottom", "_top")

    def __init__(self, top: Mapping[str, str], bottom: Mapping[str, str]) -> None:
        self._top = top
        self._bottom = bottom

    def __getitem__(self, name: str) -> str:
        value = self._top.get(name)
        return self._bottom[name] if value is None else value

    def __iter__(self) -> Iterator[str]:
        yield from self._top
        yield from (name for name in self._bottom if name not in self._top)

    def __len__(self) -> int:
        return sum(1 for _ in self)
