"""Workshop settings: the facilitator's passcode, whether the lab may build at all, the
builds' network and the engine's cache budget.

From the environment, or also from a TOML file named by LAYERLAB_CONFIG (`builds = true`,
`build_network = "none"`, `cache_budget_mb = 4096`); the environment wins.
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
NETWORK_ENV, NETWORK_KEY = "LAYERLAB_BUILD_NETWORK", "build_network"
NETWORKS = ("default", "none")
BUDGET_ENV, BUDGET_KEY = "LAYERLAB_CACHE_BUDGET_MB", "cache_budget_mb"
DEFAULT_CACHE_BUDGET_MB = 4096
TRUE = frozenset({"1", "true", "yes", "on"})


class ConfigError(ValueError):
    """A setting with a value LayerLab cannot use; the message names it."""


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


def build_network() -> str:
    """ "default" (the engine's bridge) or "none" (RUN steps have no network)."""
    value = os.environ.get(NETWORK_ENV) or _config_file().get(NETWORK_KEY) or "default"
    if value not in NETWORKS:
        raise ConfigError(f"{NETWORK_ENV} / {NETWORK_KEY}: {value!r} is not one of {NETWORKS}")
    return str(value)


def cache_budget_mb() -> int:
    """How much build cache the engine may keep, in MB (default 4096)."""
    value = os.environ.get(BUDGET_ENV) or _config_file().get(BUDGET_KEY, DEFAULT_CACHE_BUDGET_MB)
    if isinstance(value, bool) or not str(value).isdigit():
        raise ConfigError(f"{BUDGET_ENV} / {BUDGET_KEY}: {value!r} is not a number of MB")
    return int(value)


def _config_file() -> dict[str, object]:
    """The settings file named by LAYERLAB_CONFIG; empty when unset, missing or invalid."""
    path = os.environ.get(CONFIG_ENV)
    if not path:
        return {}
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
