"""Who may use the review page: office users in the register, a session key in HOME, CSRF tokens,
and a limit on failed sign-ins.

Passwords are stored only as scrypt hashes (werkzeug's `generate_password_hash`). Signing out
ends every session of that user (sessions issued before the sign-out are refused), because a
signed cookie cannot be withdrawn one by one.
"""
from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

from intake.register.users import (
    MIN_PASSWORD_LENGTH,
    User,
    UserError,
    add_user,
    check_name,
    disable_user,
    end_sessions,
    get_user,
    list_users,
    verify_password,
)

__all__ = ["MIN_PASSWORD_LENGTH", "LoginThrottle", "User", "UserError", "add_user", "check_name", "disable_user",
           "end_sessions", "get_user", "list_users", "load_secret_key", "new_token", "session_valid",
           "tokens_match", "verify_password"]

SECRET_FILE_NAME = "review_secret.key"


def session_valid(user: User | None, issued_at: float) -> bool:
    return user is not None and not user.disabled and issued_at >= user.sessions_valid_after


# ---------------------------------------------------------------- the session key
def load_secret_key(home: Path) -> bytes:
    """HOME's session key, created once (readable by the owner only)."""
    path = home / SECRET_FILE_NAME
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) < 32:
            raise UserError(f"{path} holds too short a key; delete it to make a new one") from None
        return key
    key = secrets.token_bytes(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


# ---------------------------------------------------------------- CSRF
def new_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


# ---------------------------------------------------------------- failed sign-ins
class LoginThrottle:
    """At most `limit` failed sign-ins per key (an IP address, a user name) within `window` seconds."""

    def __init__(self, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def wait_seconds(self, keys: Iterable[str]) -> float:
        """0 when a sign-in may be tried now, else how long until it may."""
        now = self._clock()
        longest = 0.0
        with self._lock:
            for key in keys:
                failures = self._recent(key, now)
                if len(failures) >= self.limit:
                    longest = max(longest, failures[0] + self.window - now)
        return longest

    def failed(self, keys: Iterable[str]) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)
            # Forget keys with no recent failure, so the table cannot grow without bound.
            for key in [k for k, v in self._failures.items() if not v or v[-1] <= now - self.window]:
                del self._failures[key]
