"""The contract's JSON back into a `Record` (for records read from the register)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from intake.kernel.model import Applicant, Channel, Delivery, Missing, Record, Request, Route, Status


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def record_from_json(payload: dict[str, Any]) -> Record:
    applicant = payload.get("applicant")
    request = payload.get("request")
    delivery = payload.get("delivery")
    return Record(
        source=payload["source"], sha256=payload["sha256"], channel=Channel(payload["channel"]),
        marked=bool(payload["marked"]), route=Route(payload["route"]), status=Status(payload["status"]),
        applicant=Applicant(**applicant) if applicant else None,
        request=Request(description=request.get("description"), titles=tuple(request.get("titles") or ()),
                        doc_numbers=tuple(request.get("doc_numbers") or ())) if request else None,
        delivery=Delivery(media=tuple(delivery.get("media") or ()), methods=tuple(delivery.get("methods") or ()))
        if delivery else None,
        missing=tuple(Missing(m) for m in payload.get("missing") or ()),
        received_on=dt.date.fromisoformat(payload["received_on"]),
        correction_due=_date(payload.get("correction_due")), reply_due=_date(payload.get("reply_due")),
        duplicate_of=payload.get("duplicate_of"), confidence=float(payload.get("confidence", 0)),
        text=payload.get("text") or "", error=payload.get("error"))
