"""Workshop settings: the facilitator's passcode, and whether the lab may build at all.

From the environment, or for builds also from a TOML file named by LAYERLAB_CONFIG
(`builds = true`); the environment wins.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tomllib
from pathlib import Path

PASSCODE_ENV = "LAYERLAB_FACILITATOR_PASSCODE"
BUILDS_ENV = "LAYERLAB_BUILDS"
CONFIG_ENV = "LAYERLAB_CONFIG"
BUILDS_SWITCH = "builds"  # the facilitator's go, in the workshop store
TRUE = frozenset({"1", "true", "yes", "on"})


def facilitator_enabled() -> bool:
    """The facilitator page exists only when a passcode is set."""
    return bool(os.environ.get(PASSCODE_ENV))


def passcode_matches(attempt: str) -> bool:
    """Constant-time comparison; always False when no passcode is set."""
    expected = os.environ.get(PASSCODE_ENV, "")
    return bool(expected) and hmac.compare_digest(attempt.encode(), expected.encode())


def passcode_fingerprint() -> bytes:
    """A digest of the passcode for keying signatures: a new passcode voids old tokens."""
    return hashlib.sha256(os.environ.get(PASSCODE_ENV, "").encode()).digest()


def builds_enabled() -> bool:
    """Real builds run only when enabled: LAYERLAB_BUILDS=1, else `builds = true` in the file."""
    value = os.environ.get(BUILDS_ENV)
    if value is not None:
        return value.strip().lower() in TRUE
    return _config_file().get("builds") is True


def _config_file() -> dict[str, object]:
    """The settings file named by LAYERLAB_CONFIG; empty when unset, missing or invalid."""
    path = os.environ.get(CONFIG_ENV)
    if not path:
        return {}
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
