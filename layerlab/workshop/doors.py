"""Locked doors: wrong resume codes and facilitator passcodes cost ever longer waits, then a lock.

Every attempt is claimed in the store before the secret is checked (layerlab.workshop.store:
`take_attempt`), per client and, for resume codes, per nickname, so neither a reload, a new
session nor a second tab starts the count afresh. The first few failures are free (typos), then
each one doubles the wait before the next attempt, then the door locks for a while; a quiet
spell forgets old failures. A success clears the nickname's count but takes back only its own
attempt from the client's, so resuming one's own account never buys guesses at another.

The log names the door, the nickname and the client, never the code or passcode typed.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from dataclasses import dataclass

from layerlab.workshop.config import passcode_matches
from layerlab.workshop.store import Failures, Learner, Store

LOG = logging.getLogger("layerlab.workshop.doors")
RESUME_BY_CLIENT = "resume-client"
RESUME_BY_NICKNAME = "resume-nickname"
PASSCODE_BY_CLIENT = "passcode-client"


@dataclass(frozen=True)
class Policy:
    free: int  # failures before any wait
    first_wait_s: float  # the wait after the first failure past `free`; it doubles each time
    lock_after: int  # failures that lock the door for `lock_s`
    lock_s: float
    forget_s: float  # this long without a failure and the count starts again

    def current(self, failures: Failures, now: float) -> Failures:
        return failures if now - failures.last < self.forget_s else Failures(0, failures.last)

    def wait(self, failures: Failures, now: float) -> float:
        """Seconds until the next attempt may be checked."""
        if failures.count >= self.lock_after:
            until = failures.last + self.lock_s
        elif failures.count >= self.free:
            until = failures.last + self.first_wait_s * 2 ** (failures.count - self.free)
        else:
            return 0.0
        return max(0.0, until - now)


# One nickname: 3 typos free, then 2, 4, ... 128 s, then 15 minutes locked (about 10 guesses
# in 20 minutes at a 49-bit code). A client may be a whole room behind one NAT address, so it
# gets more room before it waits; a passcode has one owner.
BY_NICKNAME = Policy(free=3, first_wait_s=2, lock_after=10, lock_s=900, forget_s=3600)
BY_CLIENT = Policy(free=10, first_wait_s=1, lock_after=30, lock_s=900, forget_s=3600)
PASSCODE = Policy(free=3, first_wait_s=2, lock_after=10, lock_s=900, forget_s=3600)


@dataclass(frozen=True)
class Wait:
    """The attempt was not checked: try again in `seconds`; `locked` when the door is locked."""

    seconds: float
    locked: bool


def nickname_key(nickname: str) -> str:
    """The nickname as the store compares it (NFC, trimmed, case folded)."""
    return unicodedata.normalize("NFC", nickname).strip().casefold()


def resume(store: Store, nickname: str, code: str, client: str) -> Learner | Wait | None:
    """The learner, a Wait when the door asks for one, or None for a wrong code."""
    name = nickname_key(nickname)
    doors = ((RESUME_BY_CLIENT, client, BY_CLIENT), (RESUME_BY_NICKNAME, name, BY_NICKNAME))
    refused = _claim(store, doors, f"resume as {name!r}", client)
    if refused is not None:
        return refused
    found = store.resume(nickname, code)
    if found is None:
        failed = store.failures(RESUME_BY_NICKNAME, name)
        LOG.warning(
            "resume: wrong code for nickname %r from client %s (%d failed in a row)",
            name,
            client,
            failed.count if failed else 0,
        )
        return None
    store.forgive(RESUME_BY_NICKNAME, name, everything=True)
    store.forgive(RESUME_BY_CLIENT, client, everything=False)
    return found


def facilitator(store: Store, attempt: str, client: str) -> bool | Wait:
    """True for the right passcode, False for a wrong one, a Wait when the door asks for one."""
    refused = _claim(store, ((PASSCODE_BY_CLIENT, client, PASSCODE),), "passcode", client)
    if refused is not None:
        return refused
    if not passcode_matches(attempt):
        failed = store.failures(PASSCODE_BY_CLIENT, client)
        LOG.warning(
            "facilitator: wrong passcode from client %s (%d failed in a row)",
            client,
            failed.count if failed else 0,
        )
        return False
    store.forgive(PASSCODE_BY_CLIENT, client, everything=True)
    LOG.info("facilitator: signed in from client %s", client)
    return True


def _claim(
    store: Store, doors: tuple[tuple[str, str, Policy], ...], what: str, client: str
) -> Wait | None:
    seconds = store.take_attempt(doors)
    if seconds <= 0:
        return None
    now = time.time()
    locked = any(
        (failed := store.failures(door, who)) is not None
        and failed.count >= policy.lock_after
        and policy.wait(failed, now) > 0
        for door, who, policy in doors
    )
    LOG.warning(
        "%s from client %s refused: %s for %.0f s",
        what,
        client,
        "locked" if locked else "wait",
        seconds,
    )
    return Wait(seconds, locked)
