"""The facilitator's sign-in that survives a reload: a signed, expiring token.

    token     = "<expires>.<nonce>.<signature>"
    signature = HMAC-SHA256(key, "<expires>.<nonce>"), URL-safe base64
    key       = HMAC-SHA256(server secret, "facilitator" + SHA-256(passcode))

The server secret is random, made on first use and kept in the workshop store, so a restart
keeps the facilitator signed in and nothing secret is in the code or the environment. The
passcode's digest is folded into the key: changing the passcode voids every token. The token
carries neither the passcode nor anything derived from it that could be checked offline
without the server secret. Signing out revokes the token's nonce in the store.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

from layerlab.workshop.config import passcode_fingerprint
from layerlab.workshop.store import Store

TTL_S = 12 * 3600  # a workshop day; the cookie itself ends with the browser session
SECRET = "facilitator-token"


def issue(store: Store, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + TTL_S)
    body = f"{expires}.{secrets.token_urlsafe(12)}"
    return f"{body}.{_sign(store, body)}"


def valid(store: Store, token: str, now: float | None = None) -> bool:
    """Well formed, signed by this server for the current passcode, unexpired, not revoked."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit():
        return False
    body = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(parts[2], _sign(store, body)):
        return False
    if int(parts[0]) <= (now if now is not None else time.time()):
        return False
    return not store.revoked(parts[1])


def revoke(store: Store, token: str) -> None:
    if valid(store, token):
        expires, nonce, _ = token.split(".")
        store.revoke(nonce, float(expires))


def _sign(store: Store, body: str) -> str:
    key = hmac.new(
        store.server_secret(SECRET), b"facilitator" + passcode_fingerprint(), hashlib.sha256
    ).digest()
    digest = hmac.new(key, body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
