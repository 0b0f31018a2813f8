"""The review page's work lists, read straight from the register's `documents` columns.

Only the short columns are read (never `text` or `record_json` for a whole page of rows), so a
page of a 5,000-row register renders in a few milliseconds. Search uses LIKE with escaping: an
applicant's name or any words of the recognised text.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import sqlite3

PAGE_SIZE = 50

# Which rows each queue holds; `due` is every open application deadline.
QUEUE_WHERE: dict[str, str] = {
    "needs_review": "status = 'needs_review'",
    "needs_correction": "status = 'needs_correction'",
    "due": "status in ('accepted', 'needs_correction') and due is not null",
    "routed": "status = 'routed'",
    "failed": "status = 'failed'",
    "all": "1",
}
# Work queues oldest first (first come, first served); the due list soonest first.
QUEUE_ORDER: dict[str, str] = {
    "due": "due, id",
    "all": "id desc",
}
DUE_FILTERS = ("open", "overdue", "soon", "answered", "any")

# The deadline that matters now and whether the office already acted on it: the correction notice
# was sent (Art. 30) or the reply given (Art. 33).
_BASE = """
select * from (
  select d.id, d.received_on, d.channel, d.route, d.status, d.applicant_name, d.description,
         d.confidence, d.error, d.original_name, d.provisional_deadline,
         case d.status when 'needs_correction' then d.correction_due
                       when 'accepted' then d.reply_due end as due,
         exists(select 1 from events e where e.document_id = d.id
                and e.kind = case d.status when 'needs_correction' then 'notice_sent' else 'replied' end)
           as answered,
         d.applicant_name as _name, d.text as _text
  from documents d where d.state = 'done'
)
"""


@dataclass(frozen=True, slots=True)
class QueueQuery:
    name: str = "needs_review"
    route: str | None = None
    status: str | None = None
    search: str = ""
    due_filter: str = "open"
    page: int = 1


@dataclass(frozen=True, slots=True)
class QueuePage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(query: QueueQuery, today: dt.date, soon_until: dt.date) -> tuple[list[str], list[Any]]:
    if query.name not in QUEUE_WHERE:
        raise ValueError(f"unknown queue {query.name!r}")
    where = [QUEUE_WHERE[query.name]]
    params: list[Any] = []
    if query.route:
        where.append("route = ?")
        params.append(query.route)
    if query.status and query.name == "all":
        where.append("status = ?")
        params.append(query.status)
    search = query.search.strip()
    if search:
        if search.lstrip("#").isdigit():
            where.append("(id = ? or _name like ? escape '\\' or _text like ? escape '\\')")
            params += [int(search.lstrip("#")), _like(search), _like(search)]
        else:
            where.append("(_name like ? escape '\\' or description like ? escape '\\' or _text like ? escape '\\')")
            params += [_like(search)] * 3
    if query.name == "due":
        where += _due_conditions(query.due_filter, params, today, soon_until)
    return where, params


def _due_conditions(due_filter: str, params: list[Any], today: dt.date, soon_until: dt.date) -> list[str]:
    if due_filter == "open":
        return ["answered = 0"]
    if due_filter == "overdue":
        params.append(today.isoformat())
        return ["answered = 0", "due < ?"]
    if due_filter == "soon":
        params += [today.isoformat(), soon_until.isoformat()]
        return ["answered = 0", "due >= ?", "due <= ?"]
    if due_filter == "answered":
        return ["answered = 1"]
    return []


def load_queue(db: sqlite3.Connection, query: QueueQuery, *, today: dt.date, soon_until: dt.date,
               page_size: int = PAGE_SIZE) -> QueuePage:
    """One page of a queue, each row marked `overdue` / `soon` for its open deadline."""
    where, params = _conditions(query, today, soon_until)
    clause = " and ".join(f"({part})" for part in where)
    total = int(db.execute(f"select count(*) from ({_BASE}) where {clause}", params).fetchone()[0])
    pages = max(1, math.ceil(total / page_size))
    page = min(max(1, query.page), pages)
    order = QUEUE_ORDER.get(query.name, "received_on, id")
    cursor = db.execute(
        f"select * from ({_BASE}) where {clause} order by {order} limit ? offset ?",
        [*params, page_size, (page - 1) * page_size])
    names = [column[0] for column in cursor.description]
    rows = [_marked(dict(zip(names, values, strict=True)), today, soon_until) for values in cursor.fetchall()]
    return QueuePage(rows=rows, total=total, page=page, pages=pages)


def _marked(row: dict[str, Any], today: dt.date, soon_until: dt.date) -> dict[str, Any]:
    row.pop("_text", None)
    row.pop("_name", None)
    due = str(row.get("due") or "")
    open_deadline = bool(due) and not row.get("answered")
    row["overdue"] = open_deadline and due < today.isoformat()
    row["soon"] = open_deadline and not row["overdue"] and due <= soon_until.isoformat()
    return row


def queue_counts(db: sqlite3.Connection, today: dt.date) -> dict[str, int]:
    """How many rows each queue holds (the due list: open deadlines, and how many are overdue)."""
    counts = {name: 0 for name in QUEUE_WHERE}
    for status, number in db.execute(
            "select status, count(*) from documents where state = 'done' group by status").fetchall():
        if status in counts:
            counts[status] = int(number)
        counts["all"] += int(number)
    due_row = db.execute(
        f"select count(*), sum(due < ?) from ({_BASE}) where {QUEUE_WHERE['due']} and answered = 0",
        [today.isoformat()]).fetchone()
    counts["due"] = int(due_row[0] or 0)
    counts["overdue"] = int(due_row[1] or 0)
    return counts
