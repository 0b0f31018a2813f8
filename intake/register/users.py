"""The review page's users (table `review_users`, created by migration v3).

Passwords are stored only as scrypt hashes (werkzeug's `generate_password_hash`).
"""
from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import time
from dataclasses import dataclass

import sqlite3

USERS_TABLE = "review_users"
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


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH or any(c.isspace() or not c.isprintable() for c in name):
        raise UserError(f"用户名应为 1–{MAX_NAME_LENGTH} 个可打印字符、不含空格：{name!r}")
    return name


def add_user(db: sqlite3.Connection, name: str, password: str, *, replace: bool = False) -> None:
    name = check_name(name)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符")
    from werkzeug.security import generate_password_hash   # only where passwords are handled
    password_hash = generate_password_hash(password, method="scrypt")
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    with db:
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
            raise UserError(f"账号 {name!r} 已存在（用 --reset 设置新密码）") from exc


def disable_user(db: sqlite3.Connection, name: str) -> None:
    with db:
        changed = db.execute(f"update {USERS_TABLE} set disabled = 1, sessions_valid_after = ? where name = ?",
                             [time.time(), name]).rowcount
    if not changed:
        raise UserError(f"没有账号 {name!r}")


def list_users(db: sqlite3.Connection) -> list[User]:
    return [User(name=row[0], created_at=row[1], disabled=bool(row[2]), sessions_valid_after=float(row[3]))
            for row in db.execute(f"select name, created_at, disabled, sessions_valid_after from {USERS_TABLE} "
                                  "order by name").fetchall()]


def get_user(db: sqlite3.Connection, name: str) -> User | None:
    row = db.execute(f"select name, created_at, disabled, sessions_valid_after from {USERS_TABLE} where name = ?",
                     [name]).fetchone()
    if row is None:
        return None
    return User(name=row[0], created_at=row[1], disabled=bool(row[2]), sessions_valid_after=float(row[3]))


def verify_password(db: sqlite3.Connection, name: str, password: str) -> bool:
    row = db.execute(f"select password_hash, disabled from {USERS_TABLE} where name = ?", [name]).fetchone()
    if row is None:
        # Hash anyway, so that a wrong name costs as long as a wrong password (no user enumeration).
        from werkzeug.security import check_password_hash
        check_password_hash(_dummy_hash(), password)
        return False
    from werkzeug.security import check_password_hash
    return check_password_hash(row[0], password) and not row[1]


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    from werkzeug.security import generate_password_hash
    return generate_password_hash("not a password", method="scrypt")


def end_sessions(db: sqlite3.Connection, name: str) -> None:
    with db:
        db.execute(f"update {USERS_TABLE} set sessions_valid_after = ? where name = ?", [time.time(), name])
