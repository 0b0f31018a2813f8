"""Deadlines that follow the calendar: after a holiday notice is added, every open deadline is
counted again, and the office is told which dates moved (a provisional date becomes final)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from intake.office.actions import recount
from intake.pipeline.services import Services

__all__ = ["Moved", "recount_open_deadlines"]


@dataclass(frozen=True, slots=True)
class Moved:
    document_id: int
    what: str                   # 答复期限 | 补正告知期限
    before: dt.date | None
    after: dt.date | None
    provisional: bool           # still provisional after the recount


def recount_open_deadlines(services: Services, *, actor: str) -> list[Moved]:
    moved: list[Moved] = []
    for document_id, _record in services.register.open_deadlines():
        before, after = recount(services, document_id, actor=actor)
        for what, old, new in (("答复期限", before.reply_due, after.reply_due),
                               ("补正告知期限", before.correction_due, after.correction_due)):
            if old != new or (new is not None and before.provisional_deadline != after.provisional_deadline):
                moved.append(Moved(document_id, what, old, new, after.provisional_deadline))
    return moved
