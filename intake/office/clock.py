"""What the office does to a record: extend, note a correction, record a reply — each an event."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from intake.deadlines.periods import DeadlineEvent, compute_deadlines
from intake.kernel.model import Status
from intake.pipeline.runner import Services
from intake.kernel.records import record_from_json
from intake.register.store import DocumentRow

CLOCK_EVENTS = ("extended", "correction_received")


def clock_events(services: Services, document_id: int) -> list[DeadlineEvent]:
    events: list[DeadlineEvent] = []
    for event in services.register.events(document_id):
        if event["kind"] in CLOCK_EVENTS:
            detail = json.loads(event["detail"] or "{}")
            events.append(DeadlineEvent(kind=event["kind"], on=dt.date.fromisoformat(detail["on"]),
                                        note=detail.get("reason", "")))
    return events


def recompute(services: Services, row: DocumentRow, record_json: dict[str, Any], *, event: str,
              actor: str, detail: dict[str, Any]) -> dict[str, Any]:
    record = record_from_json(record_json)
    deadlines = compute_deadlines(record.received_on, record.status, clock_events(services, row.id), services.calendar)
    from dataclasses import replace
    stored = services.register.rows("id = ?", [row.id])
    pages = int(stored[0]["pages"] or 0) if stored else 0
    reasons = tuple(json.loads(stored[0]["reasons"] or "[]")) if stored else ()
    # The page count and reasons live beside the contract record, not in it: carry them over.
    updated = replace(record, correction_due=deadlines.correction_due, reply_due=deadlines.reply_due,
                      provisional_deadline=deadlines.provisional, pages=pages, reasons=reasons)
    services.register.complete(row.id, updated, event=event, actor=actor, detail=detail)
    return updated.to_json()


def extend_deadline(services: Services, row: DocumentRow, *, reason: str, actor: str,
                    on: dt.date | None = None) -> str:
    record = row.record or {}
    if record.get("status") != Status.ACCEPTED:
        raise ValueError(f"only an accepted application has a reply deadline to extend (status {record.get('status')})")
    if any(e.kind == "extended" for e in clock_events(services, row.id)):
        raise ValueError("the reply deadline was already extended once (Art. 33 allows one extension of 20 working days)")
    services.register.add_event(row.id, "extended", actor=actor,
                                detail={"on": (on or dt.date.today()).isoformat(), "reason": reason})
    updated = recompute(services, row, record, event="deadline_changed", actor=actor, detail={"reason": reason})
    return str(updated["reply_due"])
