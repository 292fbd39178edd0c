"""Workshop settings from the environment: the facilitator's passcode."""

from __future__ import annotations

import hmac
import os

PASSCODE_ENV = "LAYERLAB_FACILITATOR_PASSCODE"


def facilitator_enabled() -> bool:
    """The facilitator page exists only when a passcode is set."""
    return bool(os.environ.get(PASSCODE_ENV))


def passcode_matches(attempt: str) -> bool:
    """Constant-time comparison; always False when no passcode is set."""
    expected = os.environ.get(PASSCODE_ENV, "")
    return bool(expected) and hmac.compare_digest(attempt.encode(), expected.encode())
