"""The register: one SQLite file in HOME (sqlite-utils), the office's book of record.

`documents` holds one row per file that entered; `events` is the audit trail; `meta` holds the
schema version that migrations.py moves forward. WAL mode lets the review page read while the
watcher writes. Every query of these tables lives here, as a named method; callers get typed
rows (`DocumentRow` with its `Record`, `Event`), never SQL.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake.kernel import (ClauseRole, DiskFull, EnvironmentFault, LineBox, Record, RegisterReadOnly,
                           RegisterUnavailable, Route, Status)
from intake.register.migrations import LATEST, migrate

if TYPE_CHECKING:
    import sqlite_utils


class RegisterError(RuntimeError):
    """The register file cannot be opened or is damaged."""


class AmbiguousKey(RegisterError):
    """A row number that is also the start of a sha256, or a sha256 prefix shared by records."""


# A file that stopped the service this many times while it was being read is not read again.
MAX_READ_ATTEMPTS = 3


def register_fault(exc: sqlite3.Error, path: Path) -> EnvironmentFault:
    """The environment's fault behind an SQLite error (SQLite says it only in words)."""
    message = str(exc).lower()
    if "readonly" in message or "read-only" in message:
        return RegisterReadOnly(f"{path}: {exc}")
    if "full" in message:
        return DiskFull(f"{path}: {exc}")
    return RegisterUnavailable(f"{path}: {exc}")


class RowState(StrEnum):
    PROCESSING = "processing"    # claimed: the file is being read (or a crash interrupted it)
    DONE = "done"                # its record is committed


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    sha256: str
    state: RowState
    record: Record | None
    archive_path: str | None
    inbox_path: str | None
    source: str = ""
    original_name: str = ""
    arrived_at: str = ""
    read_attempts: int = 0


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    document_id: int
    at: str
    kind: str
    actor: str
    detail: dict[str, Any]
    before: Any = None
    after: Any = None


@dataclass(frozen=True, slots=True)
class RouteStatusCount:
    route: str
    status: str
    count: int


# The short columns that lists and reports read (never `text` or `record_json` for many rows).
SUMMARY_COLUMNS = ("id", "sha256", "state", "arrived_at", "original_name", "channel", "route", "status",
                   "applicant_kind", "applicant_category", "applicant_name", "applicant_id_number",
                   "applicant_phone", "applicant_email", "description", "missing", "received_on",
                   "correction_due", "reply_due", "duplicate_of", "confidence", "error", "reasons",
                   "provisional_deadline")


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


class Register:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite_utils.Database | None = None
        try:
            self.conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=30000")
            migrate(self.conn, LATEST)
        except sqlite3.OperationalError as exc:
            raise register_fault(exc, path) from exc
        except sqlite3.DatabaseError as exc:
            raise RegisterError(f"cannot open the register {path}: {exc}") from exc

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for inserts and updates (imported on the first
        write, so reading commands start fast)."""
        if self._db is None:
            import sqlite_utils
            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction; SQLite's refusals (read-only file, full disk) raised as the coded
        environment faults the service reports, never as a traceback."""
        try:
            with self.conn:
                yield
        except sqlite3.OperationalError as exc:
            raise register_fault(exc, self.path) from exc

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.conn.execute(sql, list(params)).fetchall()]

    # ------------------------------------------------------------ the file
    def check_writable(self) -> None:
        """A small write, so a read-only register or a full disk is found at start-up."""
        with self._writing():
            self.conn.execute("insert or replace into meta (key, value) values ('checked_writable_at', ?)", [_now()])

    def check_integrity(self) -> str:
        row = self.conn.execute("PRAGMA integrity_check").fetchone()
        return str(row[0]) if row else "no answer"

    def backup(self, target: Path) -> None:
        """A consistent copy while the watcher may be writing (SQLite's online backup API)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        destination = sqlite3.connect(str(target))
        try:
            self.conn.backup(destination)
        finally:
            destination.close()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ a file's row
    def claim(self, *, sha256: str, source: str, original_name: str, inbox_path: str | None,
              arrived_at: dt.datetime) -> int:
        """A row for a file about to be processed; committed before any work starts so a crash
        leaves a trace that the next start resumes instead of recording twice."""
        with self._writing():
            table = self.db.table("documents")
            table.insert({"sha256": sha256, "source": source, "original_name": original_name,
                          "inbox_path": inbox_path, "arrived_at": arrived_at.isoformat(timespec="seconds"),
                          "state": RowState.PROCESSING.value, "updated_at": _now()})
            document_id = int(str(table.last_pk))
            self._event(document_id, "received", detail={"source": source})
        return document_id

    def pending_for_inbox_file(self, inbox_path: str) -> DocumentRow | None:
        """The row that still stands for a file in the inbox (processing, or done but its original
        not yet released: a crash, a changed file, a fault came between), if any. `inbox_path` is
        cleared on release, so the same name dropped again later is a new arrival."""
        rows = list(self._query("select * from documents where inbox_path = ? order by id desc limit 1",
                                [inbox_path]))
        return _row(rows[0]) if rows else None

    def release_inbox_file(self, document_id: int, *, changed: bool = False) -> None:
        """The row no longer stands for a file in the inbox: the original left it, or (`changed`)
        the file there now holds other bytes, which are a new arrival."""
        with self._writing():
            row = self.get(document_id)
            self.db.table("documents").update(document_id, {"inbox_path": None, "updated_at": _now()})
            detail: dict[str, Any] = {"from": row.inbox_path if row else None}
            if changed:
                detail["changed"] = True
            self._event(document_id, "released", detail=detail)

    def retake(self, document_id: int, sha256: str) -> None:
        """The inbox file changed while its row was being read (a writer went on writing): the row
        now stands for the new bytes. The earlier archived copy stays in the archive (named in
        the event); a new one is made."""
        with self._writing():
            row = self.get(document_id)
            self.db.table("documents").update(document_id, {
                "sha256": sha256, "archive_path": None, "read_attempts": 0, "updated_at": _now()})
            self._event(document_id, "changed_while_read", detail={
                "sha256_before": row.sha256 if row else None, "archive_path_before": row.archive_path if row else None})

    def start_attempt(self, document_id: int) -> int:
        """Reading this row starts (again): committed first, so a file that kills the service
        is known by its count when the service starts again. Returns the count."""
        with self._writing():
            self.conn.execute("update documents set read_attempts = read_attempts + 1 where id = ?", [document_id])
            row = self.conn.execute("select read_attempts from documents where id = ?", [document_id]).fetchone()
        return int(row[0]) if row else 0

    def set_archive_path(self, document_id: int, archive_path: str) -> None:
        with self._writing():
            self.db.table("documents").update(document_id, {"archive_path": archive_path, "updated_at": _now()})
            self._event(document_id, "archived", detail={"archive_path": archive_path})

    def complete(self, document_id: int, record: Record, *, event: str = "classified", actor: str = "intake",
                 detail: dict[str, Any] | None = None, before: Any = None, after: Any = None) -> None:
        """Store the record and its audit event in one transaction."""
        with self._writing():
            self.db.table("documents").update(document_id, _columns(record))
            self._event(document_id, event, actor=actor,
                        detail=detail or {"route": str(record.route), "status": str(record.status)},
                        before=before, after=after)

    # ------------------------------------------------------------ reading rows
    def get(self, document_id: int) -> DocumentRow | None:
        rows = list(self._query("select * from documents where id = ?", [document_id]))
        return _row(rows[0]) if rows else None

    def find(self, key: str) -> DocumentRow | None:
        """By row number (#12, or 12 written without a leading zero) or by a sha256 prefix of at
        least 4 hex digits (0849…: rows are never written with a leading zero). A key that names
        two records (row 1234 and a sha256 starting 1234) raises AmbiguousKey."""
        key = key.strip()
        if key.startswith("#"):
            return self.get(int(key[1:])) if key[1:].isdigit() and int(key[1:]) < 2**63 else None
        is_row_number = key.isdigit() and not key.startswith("0") and int(key) < 2**63
        by_number = self.get(int(key)) if is_row_number else None
        by_prefix: list[DocumentRow] = []
        if len(key) >= 4 and all(c in "0123456789abcdef" for c in key.lower()):
            by_prefix = [_row(r) for r in self._query(
                "select * from documents where sha256 like ? order by id limit 6", [key.lower() + "%"])]
        found = ([by_number] if by_number else []) + [row for row in by_prefix
                                                       if by_number is None or row.id != by_number.id]
        if len(found) > 1:
            names = ", ".join(f"#{row.id}" for row in found[:5])
            raise AmbiguousKey(f"{key!r} names more than one record ({names}): write #N for a row number, "
                               "or more digits of the sha256")
        return found[0] if found else None

    def by_sha256(self, sha256: str) -> DocumentRow | None:
        """The earliest row of a file with these bytes."""
        rows = list(self._query("select * from documents where sha256 = ? order by id limit 1", [sha256]))
        return _row(rows[0]) if rows else None

    def unfinished(self) -> list[DocumentRow]:
        return [_row(r) for r in self._query("select * from documents where state = ? order by id",
                                               [RowState.PROCESSING.value])]

    def done_records(self) -> Iterator[tuple[int, Record]]:
        yield from self._records("state = 'done'", ())

    def applications_before(self, document_id: int) -> list[tuple[int, Record]]:
        """Committed applications older than this row: what it may repeat or correct."""
        return list(self._records("state = 'done' and route = ? and id < ?", (Route.APPLICATION.value, document_id)))

    def open_deadlines(self) -> list[tuple[int, Record]]:
        """Accepted applications (reply due) and incomplete ones (correction notice due)."""
        return list(self._records("state = 'done' and status in (?, ?)",
                                  (Status.ACCEPTED.value, Status.NEEDS_CORRECTION.value)))

    def _records(self, where: str, params: tuple[Any, ...]) -> Iterator[tuple[int, Record]]:
        for row in self._query(f"select * from documents where {where} order by id", params):
            document = _row(row)
            if document.record is not None:
                yield document.id, document.record

    def summaries(self) -> list[dict[str, Any]]:
        """Every row's short columns, oldest first (the digest, the annual report)."""
        return list(self._query(f"select {', '.join(SUMMARY_COLUMNS)} from documents order by id"))

    def counts(self) -> list[RouteStatusCount]:
        return [RouteStatusCount(row["route"] or "-", row["status"] or "-", int(row["n"])) for row in self._query(
            "select route, status, count(*) as n from documents where state = 'done' "
            "group by route, status order by route, status")]

    def count(self, *, statuses: tuple[Status, ...] = (), state: RowState = RowState.DONE,
              provisional: bool | None = None) -> int:
        """How many rows are in `state` (with one of `statuses`, or a provisional deadline)."""
        where: list[str] = ["state = ?"]
        params: list[Any] = [state.value]
        if statuses:
            where.append(f"status in ({', '.join('?' for _ in statuses)})")
            params += [status.value for status in statuses]
        if provisional is not None:
            where.append("provisional_deadline = ?")
            params.append(int(provisional))
        row = self.conn.execute(f"select count(*) from documents where {' and '.join(where)}", params).fetchone()
        return int(row[0])

    def first_arrival(self) -> dt.date | None:
        row = self.conn.execute("select min(substr(arrived_at, 1, 10)) from documents").fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None

    # ------------------------------------------------------------ events
    def add_event(self, document_id: int, kind: str, *, actor: str = "intake",
                  detail: dict[str, Any] | None = None, before: Any = None, after: Any = None) -> None:
        with self._writing():
            self._event(document_id, kind, actor=actor, detail=detail, before=before, after=after)

    def _event(self, document_id: int, kind: str, *, actor: str = "intake",
               detail: dict[str, Any] | None = None, before: Any = None, after: Any = None) -> None:
        self.db.table("events").insert({
            "document_id": document_id, "at": _now(), "kind": kind, "actor": actor,
            "detail": json.dumps(detail or {}, ensure_ascii=False, default=str),
            "before": _json(before), "after": _json(after),
        })

    def events(self, document_id: int, *kinds: str) -> list[Event]:
        """A document's audit trail in order (only `kinds`, when given)."""
        where = "document_id = ?"
        params: list[Any] = [document_id]
        if kinds:
            where += f" and kind in ({', '.join('?' for _ in kinds)})"
            params += list(kinds)
        return [_event(row) for row in self._query(f"select * from events where {where} order by id", params)]

    def events_of_kind(self, *kinds: str) -> list[Event]:
        """Every document's events of these kinds, in order (reports read the office's acts)."""
        marks = ", ".join("?" for _ in kinds)
        return [_event(row) for row in self._query(f"select * from events where kind in ({marks}) order by id",
                                                     list(kinds))]

    def latest_event_id(self, document_id: int) -> int:
        """Every change adds an event, so the latest event's id orders a record's versions."""
        row = self.conn.execute("select max(id) from events where document_id = ?", [document_id]).fetchone()
        return int(row[0]) if row and row[0] is not None else 0


def _columns(record: Record) -> dict[str, Any]:
    payload = record.to_json()
    applicant = payload["applicant"] or {}
    return {
        "state": RowState.DONE.value, "channel": payload["channel"], "marked": int(payload["marked"]),
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
        "clauses": json.dumps([clause.to_json() for clause in record.clauses], ensure_ascii=False),
        "line_boxes": json.dumps([line.to_json() for line in record.line_boxes], ensure_ascii=False),
        "record_json": json.dumps(payload, ensure_ascii=False), "updated_at": _now(), "read_attempts": 0,
    }


def _row(row: dict[str, Any]) -> DocumentRow:
    record = None
    if row.get("record_json"):
        record = Record.from_json(json.loads(row["record_json"]), pages=int(row.get("pages") or 0),
                                  reasons=tuple(json.loads(row.get("reasons") or "[]")),
                                  provisional_deadline=bool(row.get("provisional_deadline")),
                                  clauses=tuple(ClauseRole.from_json(item) for item in json.loads(row.get("clauses") or "[]")),
                                  line_boxes=tuple(LineBox.from_json(item)
                                                   for item in json.loads(row.get("line_boxes") or "[]")))
    return DocumentRow(id=int(row["id"]), sha256=row["sha256"], state=RowState(row["state"]), record=record,
                       archive_path=row.get("archive_path"), inbox_path=row.get("inbox_path"),
                       source=row.get("source") or "", original_name=row.get("original_name") or "",
                       arrived_at=row.get("arrived_at") or "", read_attempts=int(row.get("read_attempts") or 0))


def _event(row: dict[str, Any]) -> Event:
    return Event(id=int(row["id"]), document_id=int(row["document_id"]), at=row["at"], kind=row["kind"],
                 actor=row["actor"] or "", detail=json.loads(row["detail"] or "{}"),
                 before=json.loads(row["before"]) if row.get("before") else None,
                 after=json.loads(row["after"]) if row.get("after") else None)
