"""The register: one SQLite file in HOME (sqlite-utils), the office's book of record.

`documents` holds one row per file that entered; `events` is the audit trail; `meta` holds
the schema version that `migrations.py` moves forward. WAL mode lets the review page read
while the watcher writes.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from intake.kernel.model import Record

SCHEMA_VERSION = 1

# Columns of `documents` besides the record's own keys.
_DOCUMENT_COLUMNS: dict[str, Any] = {
    "id": int, "sha256": str, "source": str, "original_name": str, "inbox_path": str,
    "archive_path": str, "arrived_at": str, "state": str, "channel": str, "marked": int,
    "route": str, "status": str, "applicant_kind": str, "applicant_category": str,
    "applicant_name": str, "applicant_id_number": str, "applicant_phone": str,
    "applicant_email": str, "description": str, "missing": str, "received_on": str,
    "correction_due": str, "reply_due": str, "duplicate_of": str, "confidence": float,
    "error": str, "text": str, "pages": int, "reasons": str, "provisional_deadline": int,
    "record_json": str, "updated_at": str,
}


class RegisterError(RuntimeError):
    """The register file cannot be opened or is damaged."""


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    sha256: str
    state: str
    record: dict[str, Any] | None
    archive_path: str | None
    inbox_path: str | None


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class Register:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            connection = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            self.db = sqlite_utils.Database(connection)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=30000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise RegisterError(f"cannot open the register {path}: {exc}") from exc

    # ------------------------------------------------------------ schema
    def _migrate(self) -> None:
        from intake.register.migrations import migrate
        migrate(self.db, SCHEMA_VERSION, _DOCUMENT_COLUMNS)

    def check_integrity(self) -> str:
        row = self.db.execute("PRAGMA integrity_check").fetchone()
        return str(row[0]) if row else "no answer"

    def backup(self, target: Path) -> None:
        """A consistent copy while the watcher may be writing (SQLite's online backup API)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        destination = sqlite3.connect(str(target))
        try:
            self.db.conn.backup(destination)
        finally:
            destination.close()

    def close(self) -> None:
        self.db.conn.close()

    # ------------------------------------------------------------ documents
    def claim(self, *, sha256: str, source: str, original_name: str, inbox_path: str | None,
              arrived_at: dt.datetime) -> int:
        """A row for a file about to be processed; committed before any work starts so a
        crash leaves a trace that the next start resumes instead of recording twice."""
        with self.db.conn:
            table = self.db.table("documents")
            table.insert({"sha256": sha256, "source": source, "original_name": original_name,
                          "inbox_path": inbox_path, "arrived_at": arrived_at.isoformat(timespec="seconds"),
                          "state": "processing", "updated_at": _now()})
            document_id = int(str(table.last_pk))
            self._event(document_id, "received", detail={"source": source})
        return document_id

    def pending_for_inbox_file(self, inbox_path: str, sha256: str) -> DocumentRow | None:
        """The row of an inbox file that a crash interrupted (still processing, or done but its
        original not yet released from the inbox), if any. `inbox_path` is cleared on release,
        so the same file dropped again later is a new arrival."""
        rows = list(self.db.query(
            "select * from documents where inbox_path = ? and sha256 = ? order by id desc limit 1",
            [inbox_path, sha256]))
        return _row(rows[0]) if rows else None

    def release_inbox_file(self, document_id: int) -> None:
        """The original has left the inbox: the row no longer stands for a file there."""
        with self.db.conn:
            row = self.get(document_id)
            self.db.table("documents").update(document_id, {"inbox_path": None, "updated_at": _now()})
            self._event(document_id, "released", detail={"from": row.inbox_path if row else None})

    def complete(self, document_id: int, record: Record, *, event: str = "classified",
                 actor: str = "intake", detail: dict[str, Any] | None = None) -> None:
        payload = record.to_json()
        applicant = payload["applicant"] or {}
        values = {
            "state": "done", "channel": payload["channel"], "marked": int(payload["marked"]),
            "route": payload["route"], "status": payload["status"],
            "applicant_kind": applicant.get("kind"), "applicant_category": applicant.get("category"),
            "applicant_name": applicant.get("name"), "applicant_id_number": applicant.get("id_number"),
            "applicant_phone": applicant.get("phone"), "applicant_email": applicant.get("email"),
            "description": (payload["request"] or {}).get("description"),
            "missing": json.dumps(payload["missing"]), "received_on": payload["received_on"],
            "correction_due": payload["correction_due"], "reply_due": payload["reply_due"],
            "duplicate_of": payload["duplicate_of"], "confidence": payload["confidence"],
            "error": payload["error"], "text": payload["text"], "pages": record.pages,
            "reasons": json.dumps(list(record.reasons), ensure_ascii=False),
            "provisional_deadline": int(record.provisional_deadline),
            "record_json": json.dumps(payload, ensure_ascii=False), "updated_at": _now(),
        }
        with self.db.conn:
            self.db.table("documents").update(document_id, values)
            self._event(document_id, event, actor=actor,
                        detail=detail or {"route": payload["route"], "status": payload["status"]})

    def set_archive_path(self, document_id: int, archive_path: str) -> None:
        with self.db.conn:
            self.db.table("documents").update(document_id, {"archive_path": archive_path,
                                                            "updated_at": _now()})
            self._event(document_id, "archived", detail={"archive_path": archive_path})

    def get(self, document_id: int) -> DocumentRow | None:
        rows = list(self.db.query("select * from documents where id = ?", [document_id]))
        return _row(rows[0]) if rows else None

    def find(self, key: str) -> DocumentRow | None:
        """By id, or by a sha256 prefix of at least 6 characters."""
        if key.isdigit():
            return self.get(int(key))
        if len(key) >= 6:
            rows = list(self.db.query("select * from documents where sha256 like ? order by id limit 1",
                                      [key.lower() + "%"]))
            return _row(rows[0]) if rows else None
        return None

    def records(self, where: str = "state = 'done'", params: Sequence[Any] = ()) -> Iterator[tuple[int, dict[str, Any]]]:
        for row in self.db.query(f"select id, record_json from documents where {where} order by id", params):
            if row["record_json"]:
                yield int(row["id"]), json.loads(row["record_json"])

    def rows(self, where: str = "1", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self.db.query(f"select * from documents where {where} order by id", params))

    def unfinished(self) -> list[DocumentRow]:
        return [_row(r) for r in self.db.query("select * from documents where state = 'processing' order by id")]

    def counts(self) -> list[dict[str, Any]]:
        return list(self.db.query(
            "select route, status, count(*) as n from documents where state = 'done' "
            "group by route, status order by route, status"))

    # ------------------------------------------------------------ events
    def add_event(self, document_id: int, kind: str, *, actor: str = "intake",
                  detail: dict[str, Any] | None = None, before: Any = None, after: Any = None) -> None:
        with self.db.conn:
            self._event(document_id, kind, actor=actor, detail=detail, before=before, after=after)

    def _event(self, document_id: int, kind: str, *, actor: str = "intake",
               detail: dict[str, Any] | None = None, before: Any = None, after: Any = None) -> None:
        self.db.table("events").insert({
            "document_id": document_id, "at": _now(), "kind": kind, "actor": actor,
            "detail": json.dumps(detail or {}, ensure_ascii=False, default=str),
            "before": None if before is None else json.dumps(before, ensure_ascii=False, default=str),
            "after": None if after is None else json.dumps(after, ensure_ascii=False, default=str),
        })

    def events(self, document_id: int) -> list[dict[str, Any]]:
        return list(self.db.query("select * from events where document_id = ? order by id", [document_id]))


def _row(row: dict[str, Any]) -> DocumentRow:
    record = json.loads(row["record_json"]) if row.get("record_json") else None
    return DocumentRow(id=int(row["id"]), sha256=row["sha256"], state=row["state"], record=record,
                       archive_path=row.get("archive_path"), inbox_path=row.get("inbox_path"))
