"""Who may use the review page: office users in the register, a session key in HOME, CSRF tokens,
and a limit on failed sign-ins.

Passwords are stored only as scrypt hashes (werkzeug's `generate_password_hash`). Signing out
ends every session of that user (sessions issued before the sign-out are refused), because a
signed cookie cannot be withdrawn one by one.
"""
from __future__ import annotations

import datetime as dt
import functools
import hmac
import os
import secrets
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from werkzeug.security import check_password_hash, generate_password_hash

from intake.review.schema import USERS_TABLE, ensure_review_schema

SECRET_FILE_NAME = "review_secret.key"
MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 64


class UserError(ValueError):
    """A user cannot be added or changed; the message says why."""


@dataclass(frozen=True, slots=True)
class User:
    name: str
    created_at: str
    disabled: bool
    sessions_valid_after: float


# ---------------------------------------------------------------- users table
def ensure_users_table(db: sqlite_utils.Database) -> None:
    ensure_review_schema(db)


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH or any(c.isspace() or not c.isprintable() for c in name):
        raise UserError(f"user name must be 1-{MAX_NAME_LENGTH} printable characters without spaces: {name!r}")
    return name


def add_user(db: sqlite_utils.Database, name: str, password: str, *, replace: bool = False) -> None:
    name = check_name(name)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    ensure_users_table(db)
    password_hash = generate_password_hash(password, method="scrypt")
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    with db.conn:
        if replace:
            updated = db.execute(
                f"update {USERS_TABLE} set password_hash = ?, disabled = 0, sessions_valid_after = ? where name = ?",
                [password_hash, time.time(), name])
            if updated.rowcount:
                return
        try:
            db.execute(f"insert into {USERS_TABLE} (name, password_hash, created_at) values (?, ?, ?)",
                       [name, password_hash, now])
        except sqlite3.IntegrityError as exc:
            raise UserError(f"user {name!r} exists already (use --reset to set a new password)") from exc


def disable_user(db: sqlite_utils.Database, name: str) -> None:
    ensure_users_table(db)
    with db.conn:
        changed = db.execute(f"update {USERS_TABLE} set disabled = 1, sessions_valid_after = ? where name = ?",
                             [time.time(), name]).rowcount
    if not changed:
        raise UserError(f"no user {name!r}")


def list_users(db: sqlite_utils.Database) -> list[User]:
    ensure_users_table(db)
    return [User(name=row[0], created_at=row[1], disabled=bool(row[2]), sessions_valid_after=float(row[3]))
            for row in db.execute(f"select name, created_at, disabled, sessions_valid_after from {USERS_TABLE} "
                                  "order by name").fetchall()]


def get_user(db: sqlite_utils.Database, name: str) -> User | None:
    row = db.execute(f"select name, created_at, disabled, sessions_valid_after from {USERS_TABLE} where name = ?",
                     [name]).fetchone()
    if row is None:
        return None
    return User(name=row[0], created_at=row[1], disabled=bool(row[2]), sessions_valid_after=float(row[3]))


def verify_password(db: sqlite_utils.Database, name: str, password: str) -> bool:
    row = db.execute(f"select password_hash, disabled from {USERS_TABLE} where name = ?", [name]).fetchone()
    if row is None:
        # Hash anyway, so that a wrong name costs as long as a wrong password (no user enumeration).
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(row[0], password) and not row[1]


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash("not a password", method="scrypt")


def end_sessions(db: sqlite_utils.Database, name: str) -> None:
    with db.conn:
        db.execute(f"update {USERS_TABLE} set sessions_valid_after = ? where name = ?", [time.time(), name])


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
