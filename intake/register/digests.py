"""The register's record of digests produced (table `digests`, migration v2): what makes "after
downtime, every missed day once, never twice" hold across restarts."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import sqlite3

NIGHTLY = "nightly"
MANUAL = "manual"


def record_digest(db: sqlite3.Connection, day: dt.date, *, kind: str, sent_at: dt.datetime,
                  recipients: Sequence[str], files: Sequence[str]) -> None:
    """A second nightly digest for the same day raises sqlite3.IntegrityError (a unique index)."""
    with db:
        db.execute("insert into digests (date, kind, sent_at, recipients, files) values (?, ?, ?, ?, ?)",
                   [day.isoformat(), kind, sent_at.isoformat(timespec="seconds"), json.dumps(list(recipients)),
                    json.dumps(list(files))])


def nightly_dates(db: sqlite3.Connection, first: dt.date, last: dt.date) -> set[dt.date]:
    rows = db.execute("select date from digests where kind = ? and date between ? and ?",
                      [NIGHTLY, first.isoformat(), last.isoformat()]).fetchall()
    return {dt.date.fromisoformat(row[0]) for row in rows}
