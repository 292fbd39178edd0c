"""Locked doors: wrong resume codes and passcodes cost growing waits, then a lock, and the
count lives in the store, so a new session (or a restart) does not reset it."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from layerlab.workshop import doors, tokens
from layerlab.workshop.config import PASSCODE_ENV
from layerlab.workshop.doors import BY_CLIENT, BY_NICKNAME, PASSCODE, Policy, Wait
from layerlab.workshop.store import Failures, Store

SECRET = "tangerine-42-SECRET"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "workshop.sqlite")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """time.time() for the store and the doors, moved by the test."""
    now = [1_000_000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def wrong_codes(store: Store, n: int, nickname: str = "ann", client: str = "10.0.0.5") -> list:
    return [doors.resume(store, nickname, "WRONG-WRONG", client) for _ in range(n)]


def test_the_first_failures_are_free_then_waits_grow_then_a_lock() -> None:
    policy = Policy(free=3, first_wait_s=2, lock_after=10, lock_s=900, forget_s=3600)
    waits = [policy.wait(Failures(n, 0.0), 0.0) for n in range(12)]
    assert waits[:3] == [0, 0, 0]
    assert waits[3:10] == [2, 4, 8, 16, 32, 64, 128]
    assert waits[10:] == [900, 900]


def test_a_quiet_spell_forgets_old_failures() -> None:
    assert BY_NICKNAME.current(Failures(9, 0.0), BY_NICKNAME.forget_s).count == 0
    assert BY_NICKNAME.current(Failures(9, 0.0), BY_NICKNAME.forget_s - 1).count == 9


def test_wrong_codes_are_refused_and_then_made_to_wait(store: Store, clock: list[float]) -> None:
    store.register("ann")
    results = wrong_codes(store, BY_NICKNAME.free + 1)
    assert results[: BY_NICKNAME.free] == [None] * BY_NICKNAME.free
    assert results[-1] == Wait(BY_NICKNAME.first_wait_s, locked=False)


def test_a_wait_is_not_a_guess_even_with_the_right_code(store: Store, clock: list[float]) -> None:
    _, code = store.register("ann")
    wrong_codes(store, BY_NICKNAME.free)
    assert isinstance(doors.resume(store, "ann", code, "10.0.0.5"), Wait)
    clock[0] += BY_NICKNAME.first_wait_s
    assert doors.resume(store, "ann", code, "10.0.0.5") is not None


def test_the_nickname_locks_whatever_client_guesses(store: Store, clock: list[float]) -> None:
    _, code = store.register("ann")
    for n in range(BY_NICKNAME.lock_after):
        clock[0] += 200  # past every wait before the lock
        assert doors.resume(store, "ANN ", "WRONG-WRONG", f"10.0.0.{n}") is None
    clock[0] += 200
    refused = doors.resume(store, "ann", code, "10.0.9.9")
    assert refused == Wait(BY_NICKNAME.lock_s - 200, locked=True)
    clock[0] += BY_NICKNAME.lock_s
    assert doors.resume(store, "ann", code, "10.0.9.9") is not None


def test_a_new_session_or_restart_keeps_the_count(
    store: Store, clock: list[float], tmp_path: Path
) -> None:
    store.register("ann")
    wrong_codes(store, BY_NICKNAME.free)
    restarted = Store(tmp_path / "workshop.sqlite")
    assert isinstance(doors.resume(restarted, "ann", "WRONG-WRONG", "10.0.0.5"), Wait)


def test_one_client_guessing_many_nicknames_waits(store: Store, clock: list[float]) -> None:
    for n in range(BY_CLIENT.free):
        assert doors.resume(store, f"name-{n}", "WRONG-WRONG", "10.0.0.5") is None
    assert isinstance(doors.resume(store, "another", "WRONG-WRONG", "10.0.0.5"), Wait)
    assert doors.resume(store, "another", "WRONG-WRONG", "10.0.0.6") is None


def test_resuming_ones_own_account_buys_no_guesses(store: Store, clock: list[float]) -> None:
    _, code = store.register("mine")
    for n in range(BY_CLIENT.free - 1):
        doors.resume(store, f"name-{n}", "WRONG-WRONG", "10.0.0.5")
    assert doors.resume(store, "mine", code, "10.0.0.5") is not None
    assert doors.resume(store, "victim", "WRONG-WRONG", "10.0.0.5") is None
    assert isinstance(doors.resume(store, "victim", "WRONG-WRONG", "10.0.0.5"), Wait)


def test_the_right_code_clears_the_nicknames_count(store: Store, clock: list[float]) -> None:
    _, code = store.register("ann")
    wrong_codes(store, BY_NICKNAME.free - 1)
    assert doors.resume(store, "ann", code, "10.0.0.5") is not None
    assert wrong_codes(store, BY_NICKNAME.free) == [None] * BY_NICKNAME.free


def test_wrong_passcodes_wait_per_client(
    store: Store, clock: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSCODE_ENV, SECRET)
    for _ in range(PASSCODE.free):
        assert doors.facilitator(store, "guess", "10.0.0.5") is False
    assert isinstance(doors.facilitator(store, SECRET, "10.0.0.5"), Wait)
    assert doors.facilitator(store, SECRET, "10.0.0.7") is True


def test_failures_are_logged_without_the_secret(
    store: Store, clock: list[float], monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    monkeypatch.setenv(PASSCODE_ENV, SECRET)
    caplog.set_level(logging.INFO, logger="layerlab.workshop.doors")
    _, code = store.register("ann")
    for _ in range(PASSCODE.free + 1):
        doors.facilitator(store, "almost-" + SECRET, "10.0.0.5")
        doors.resume(store, "ann", "ZZZZZ-ZZZZZ", "10.0.0.5")
    doors.facilitator(store, SECRET, "10.0.0.8")
    doors.resume(store, "ann", code, "10.0.0.9")
    assert "10.0.0.5" in caplog.text and "'ann'" in caplog.text
    assert "refused" in caplog.text
    for secret in (SECRET, "ZZZZZ", code, code.replace("-", "")):
        assert secret not in caplog.text


# The facilitator's token


@pytest.fixture
def passcode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSCODE_ENV, SECRET)


def test_a_token_opens_until_it_expires(store: Store, passcode: None) -> None:
    token = tokens.issue(store, now=1000.0)
    assert tokens.valid(store, token, now=1000.0 + tokens.TTL_S - 1)
    assert not tokens.valid(store, token, now=1000.0 + tokens.TTL_S)


def test_a_token_never_carries_the_passcode(store: Store, passcode: None) -> None:
    token = tokens.issue(store)
    assert SECRET not in token
    assert SECRET.lower() not in token.lower()


@pytest.mark.parametrize("tamper", ["expiry", "nonce", "signature"])
def test_a_tampered_token_is_refused(store: Store, passcode: None, tamper: str) -> None:
    expires, nonce, signature = tokens.issue(store).split(".")
    forged = {
        "expiry": f"{int(expires) + 86400}.{nonce}.{signature}",
        "nonce": f"{expires}.{nonce}x.{signature}",
        "signature": f"{expires}.{nonce}.x{signature}",
    }[tamper]
    assert not tokens.valid(store, forged)
    assert not tokens.valid(store, "")
    assert not tokens.valid(store, "not.a-token")


def test_a_restart_keeps_tokens_and_a_new_passcode_voids_them(
    store: Store, passcode: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = tokens.issue(store)
    assert tokens.valid(Store(tmp_path / "workshop.sqlite"), token)
    monkeypatch.setenv(PASSCODE_ENV, "a-new-passcode")
    assert not tokens.valid(Store(tmp_path / "workshop.sqlite"), token)


def test_another_servers_token_is_refused(store: Store, passcode: None, tmp_path: Path) -> None:
    other = Store(tmp_path / "other.sqlite")
    assert not tokens.valid(store, tokens.issue(other))


def test_signing_out_revokes_the_token(store: Store, passcode: None) -> None:
    token = tokens.issue(store)
    tokens.revoke(store, token)
    assert not tokens.valid(store, token)
    assert tokens.valid(store, tokens.issue(store))
