"""The workshop's memory: learners, their passes and Dockerfiles, the facilitator's push.

One SQLite file (LAYERLAB_DB, else workshop.sqlite under the user's data folder) shared by every
session of one app instance. WAL mode lets readers run beside the one writer; a busy timeout
plus a few retries absorb "database is locked" when 50 sessions save at once. Each thread
keeps its own connection: sqlite3 connections must not cross threads.

Resume codes are shown once and stored only as a salted hash. The URL token that keeps a
learner signed in across reloads is a separate random value, so a shared link never shows
the code. Failed attempts at the doors (resume codes, the facilitator's passcode) are counted
here too, so a reload or a new session starts where the last one left off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

DB_ENV = "LAYERLAB_DB"
BUSY_TIMEOUT_MS = 5000
RETRIES = 8
NICKNAME_MAX = 32
# No 0/O, 1/I/L: a code read off a screen and typed elsewhere. 31 symbols, 10 of them:
# 49.5 bits, shown as two groups of five (the dash and spaces are ignored when typed).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
CODE_GROUP = 5

SCHEMA = """
CREATE TABLE IF NOT EXISTS learners (
    id INTEGER PRIMARY KEY,
    nickname TEXT NOT NULL UNIQUE COLLATE NOCASE,
    code_salt TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS passes (
    learner INTEGER NOT NULL REFERENCES learners(id),
    scope TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (learner, scope)
);
CREATE TABLE IF NOT EXISTS texts (
    learner INTEGER NOT NULL REFERENCES learners(id),
    scope TEXT NOT NULL,
    text TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (learner, scope)
);
CREATE TABLE IF NOT EXISTS announcements (
    id INTEGER PRIMARY KEY,
    scope TEXT,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS switches (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
    door TEXT NOT NULL,
    who TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last REAL NOT NULL,
    PRIMARY KEY (door, who)
);
CREATE TABLE IF NOT EXISTS server_secrets (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS revoked (
    nonce TEXT PRIMARY KEY,
    expires REAL NOT NULL
);
"""

T = TypeVar("T")


class NicknameError(ValueError):
    """A nickname that is empty, too long or unprintable."""


class NicknameTaken(NicknameError):
    """Another learner has this nickname (case does not count)."""


@dataclass(frozen=True)
class Learner:
    id: int
    nickname: str
    token: str


@dataclass(frozen=True)
class Announcement:
    """The facilitator's latest push; scope None means "cleared"."""

    id: int
    scope: str | None


@dataclass(frozen=True)
class SavedText:
    learner: int
    scope: str
    text: str


@dataclass(frozen=True)
class Failures:
    """Failed attempts at one door by one client or nickname, and when the last one was."""

    count: int
    last: float


class AttemptPolicy(Protocol):
    """How a door treats failures (layerlab.workshop.doors)."""

    def current(self, failures: Failures, now: float) -> Failures: ...

    def wait(self, failures: Failures, now: float) -> float: ...


def default_path() -> Path:
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "layerlab" / "workshop.sqlite"


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV) or default_path())


def clean_nickname(nickname: str) -> str:
    """The nickname as stored: NFC, trimmed; refused when empty, too long or unprintable."""
    name = unicodedata.normalize("NFC", nickname).strip()
    if not name or len(name) > NICKNAME_MAX:
        raise NicknameError(f"a nickname needs 1 to {NICKNAME_MAX} characters")
    if not name.isprintable():
        raise NicknameError("a nickname cannot hold control characters")
    return name


def new_code() -> str:
    """A fresh resume code, grouped for reading: "ABCDE-FGHJK"."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalize_code(code: str) -> str:
    """What a typed code means: case, spaces and dashes do not count."""
    return "".join(code.split()).replace("-", "").upper()


def _hash(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{normalize_code(code)}".encode()).hexdigest()


def _locked(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class Store:
    """Plain methods over one SQLite file; safe to share between threads."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._secrets: dict[str, bytes] = {}
        db = self._connection()
        self._retry(lambda: db.executescript(SCHEMA))  # idempotent: no transaction needed

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # durable enough in WAL, much faster
            self._local.db = db
        return db

    def _retry(self, action: Callable[[], T]) -> T:
        for attempt in range(RETRIES):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _locked(exc) or attempt == RETRIES - 1:
                    raise
                time.sleep(0.01 * 2**attempt + secrets.randbelow(10) / 1000)
        raise AssertionError("unreachable")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction that takes the write lock up front (no upgrade deadlocks)."""
        db = self._connection()
        self._retry(lambda: db.execute("BEGIN IMMEDIATE"))
        try:
            yield db
            self._retry(lambda: db.execute("COMMIT"))
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple]:
        db = self._connection()
        return self._retry(lambda: db.execute(sql, params).fetchall())

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # Learners

    def register(self, nickname: str) -> tuple[Learner, str]:
        """A new learner and their resume code: the only time the code is available."""
        name = clean_nickname(nickname)
        code, salt, token = new_code(), secrets.token_hex(8), secrets.token_urlsafe(16)
        try:
            with self._write() as db:
                cursor = db.execute(
                    "INSERT INTO learners (nickname, code_salt, code_hash, token, created)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (name, salt, _hash(salt, code), token, time.time()),
                )
        except sqlite3.IntegrityError as exc:
            raise NicknameTaken(f"the nickname {name!r} is taken") from exc
        return Learner(int(cursor.lastrowid or 0), name, token), code

    def resume(self, nickname: str, code: str) -> Learner | None:
        """The learner when nickname and code match; None otherwise (the same either way)."""
        rows = self._read(
            "SELECT id, nickname, token, code_salt, code_hash FROM learners WHERE nickname = ?",
            (unicodedata.normalize("NFC", nickname).strip(),),
        )
        if not rows:
            _hash("0", code)  # the same work as a real check: timing tells nothing
            return None
        learner_id, name, token, salt, stored = rows[0]
        if not hmac.compare_digest(_hash(salt, code), stored):
            return None
        return Learner(learner_id, name, token)

    def by_token(self, token: str) -> Learner | None:
        rows = self._read("SELECT id, nickname, token FROM learners WHERE token = ?", (token,))
        return Learner(*rows[0]) if rows else None

    def learner_count(self) -> int:
        return self._read("SELECT COUNT(*) FROM learners")[0][0]

    # Progress and texts

    def mark_passed(self, learner: int, scope: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO passes (learner, scope, at) VALUES (?, ?, ?)",
                (learner, scope, time.time()),
            )

    def passed(self, learner: int) -> set[str]:
        return {
            row[0] for row in self._read("SELECT scope FROM passes WHERE learner = ?", (learner,))
        }

    def all_passes(self) -> set[tuple[int, str]]:
        """Every (learner, scope) passed."""
        return {
            (learner, scope) for learner, scope in self._read("SELECT learner, scope FROM passes")
        }

    def save_text(self, learner: int, scope: str, text: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO texts (learner, scope, text, at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (learner, scope)"
                " DO UPDATE SET text = excluded.text, at = excluded.at",
                (learner, scope, text, time.time()),
            )

    def texts(self, learner: int) -> dict[str, str]:
        return dict(self._read("SELECT scope, text FROM texts WHERE learner = ?", (learner,)))

    def all_texts(self) -> list[SavedText]:
        return [SavedText(*row) for row in self._read("SELECT learner, scope, text FROM texts")]

    # The facilitator's push

    def announce(self, scope: str | None) -> Announcement:
        """Tell every learner to go to `scope` (None takes the banner down)."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO announcements (scope, at) VALUES (?, ?)", (scope, time.time())
            )
        return Announcement(int(cursor.lastrowid or 0), scope)

    def announcement(self) -> Announcement | None:
        rows = self._read("SELECT id, scope FROM announcements ORDER BY id DESC LIMIT 1")
        return Announcement(*rows[0]) if rows else None

    # The facilitator's switches

    def set_switch(self, name: str, on: bool) -> None:
        """E.g. "builds": the facilitator's go for real builds in workshop mode."""
        with self._write() as db:
            db.execute(
                "INSERT INTO switches (name, value) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                (name, int(on)),
            )

    def switch(self, name: str) -> bool:
        """Off until the facilitator turns it on."""
        rows = self._read("SELECT value FROM switches WHERE name = ?", (name,))
        return bool(rows and rows[0][0])

    # The doors: failed attempts, the server's signing secret, revoked tokens

    def take_attempt(self, doors: Sequence[tuple[str, str, AttemptPolicy]]) -> float:
        """Claim one attempt at each (door, who), counted as failed until `forgive`.

        Returns 0 when the attempt may go ahead, else the longest wait any door still asks
        for, and then nothing is counted. Check and count happen in one write transaction,
        so parallel sessions cannot slip extra guesses in between.
        """
        now = time.time()
        with self._write() as db:
            counted = []
            for door, who, policy in doors:
                rows = db.execute(
                    "SELECT failures, last FROM attempts WHERE door = ? AND who = ?", (door, who)
                ).fetchall()
                failures = policy.current(Failures(*rows[0]), now) if rows else Failures(0, 0.0)
                counted.append((door, who, failures))
                wait = policy.wait(failures, now)
                if wait > 0:
                    return wait
            for door, who, failures in counted:
                db.execute(
                    "INSERT INTO attempts (door, who, failures, last) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (door, who)"
                    " DO UPDATE SET failures = excluded.failures, last = excluded.last",
                    (door, who, failures.count + 1, now),
                )
        return 0.0

    def failures(self, door: str, who: str) -> Failures | None:
        rows = self._read(
            "SELECT failures, last FROM attempts WHERE door = ? AND who = ?", (door, who)
        )
        return Failures(*rows[0]) if rows else None

    def forgive(self, door: str, who: str, *, everything: bool) -> None:
        """The attempt succeeded: take back its count, or (`everything`) all of `who`'s."""
        with self._write() as db:
            if everything:
                db.execute("DELETE FROM attempts WHERE door = ? AND who = ?", (door, who))
            else:
                db.execute(
                    "UPDATE attempts SET failures = MAX(failures - 1, 0)"
                    " WHERE door = ? AND who = ?",
                    (door, who),
                )

    def server_secret(self, name: str) -> bytes:
        """A random secret made on first use and kept in the store: restarts keep it."""
        if name in self._secrets:
            return self._secrets[name]
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)",
                (name, secrets.token_bytes(32)),
            )
        found = self._read("SELECT value FROM server_secrets WHERE name = ?", (name,))
        self._secrets[name] = bytes(found[0][0])
        return self._secrets[name]

    def revoke(self, nonce: str, expires: float) -> None:
        """A signed token no longer opens the door (signing out); expired ones are dropped."""
        with self._write() as db:
            db.execute("DELETE FROM revoked WHERE expires < ?", (time.time(),))
            db.execute(
                "INSERT OR IGNORE INTO revoked (nonce, expires) VALUES (?, ?)", (nonce, expires)
            )

    def revoked(self, nonce: str) -> bool:
        return bool(self._read("SELECT 1 FROM revoked WHERE nonce = ?", (nonce,)))
