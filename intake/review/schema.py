"""The review page's own tables and indexes in the register, created if missing.

Kept here until the lead moves them into `intake/migrations.py` as a numbered migration; every
statement is `IF NOT EXISTS`, so running it again (or after that migration) changes nothing.
"""
from __future__ import annotations

import sqlite_utils

USERS_TABLE = "review_users"

STATEMENTS = (
    f"""create table if not exists {USERS_TABLE} (
        name text primary key,
        password_hash text not null,
        created_at text not null,
        disabled integer not null default 0,
        sessions_valid_after real not null default 0
    )""",
    # Queue counts and lists read only these columns; without a covering index every count scans
    # whole rows, recognised text included (~25 ms per count at 5,000 records instead of < 1 ms).
    "create index if not exists review_queue on documents(status, state, route, correction_due, reply_due, "
    "received_on)",
    # "Was the notice sent / the reply given?" is asked for every row of a queue.
    "create index if not exists review_event_kind on events(document_id, kind)",
)


def ensure_review_schema(db: sqlite_utils.Database) -> None:
    with db.conn:
        for statement in STATEMENTS:
            db.execute(statement)
